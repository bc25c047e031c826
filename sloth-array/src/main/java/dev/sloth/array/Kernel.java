package dev.sloth.array;

import java.util.function.DoubleUnaryOperator;

/**
 * A lazy array compiled for evaluation, block by block: the base fills a block buffer, then each queued
 * operation runs over the whole block in place before the next one starts (operation fusion). A block holds
 * {@link #BLOCK} elements, small enough to stay in the L1 cache, so a queue of k operations costs one pass over
 * memory, not k, and no intermediate array of the full size exists. Each loop applies one operation to a
 * primitive array, the shape the JIT auto-vectorises. Integer-typed stages run on {@code long} buffers (INT
 * results wrapped to 32 bits after each step, booleans as 0/1); double stages on {@code double} buffers.
 * Lazy-array operands are compiled into their own kernels and evaluated on the same block (same addresses).
 * Kernels hold mutable buffers: one per thread.
 *
 * <p>When the queue divides by a scalar that has a fast exact path ({@link ScalarDivision}), the kernel also
 * carries an interval {@code [min, max]} holding every value of the block: the base's values are scanned once, and
 * each scalar {@code + - * /}, {@code negate}, {@code abs} and {@code sqrt} maps the interval's ends (these are
 * monotone, and each rounds once, so the rounded ends bound the rounded values). A division uses its fast path
 * only if the interval proves the block's values are in its range; any other step forgets the interval. The scan
 * costs about what two one-correction divisions save, so the kernel tracks the interval only when its divisions
 * save more (measured on this project's 2-core x86 machine: scan 0.4 ns per element, division instruction 0.31,
 * one correction 0.11, two 0.2).
 */
final class Kernel {
  static final int BLOCK = 1024;

  private final Base base;
  private final Step[] steps;
  private final ElementType type;
  private final boolean tracksRange;
  final double[] d;
  final long[] l;
  /** When {@code ranged}: no value of the block is NaN and all lie in {@code [min, max]}. */
  boolean ranged;
  double min;
  double max;

  private Kernel(Base base, Step[] steps, ElementType type, int capacity, boolean tracksRange) {
    this.base = base;
    this.steps = steps;
    this.type = type;
    this.tracksRange = tracksRange;
    this.d = new double[capacity];
    this.l = new long[capacity];
  }

  /** A kernel without base or steps, whose interval fields carry an interval through a queue (a proof's scratch). */
  static Kernel intervalScratch() {
    return new Kernel(null, new Step[0], ElementType.DOUBLE, 1, false);
  }

  static Kernel compile(LArray a, int capacity) {
    return compile(a, capacity, true);
  }

  /**
   * {@code fuse}: use a generated loop ({@link FusedLoops}) when it covers the queue; false compiles the steps
   * (the reference the generated loops are tested against).
   */
  static Kernel compile(LArray a, int capacity, boolean fuse) {
    if (fuse) {
      FusedLoops.Plan plan = FusedLoops.plan(a);
      FusedLoops.Loop loop = plan == null ? null : FusedLoops.loop(plan);
      if (loop != null) {
        return new Kernel(a.base(), new Step[] {new FusedStep(plan, loop)}, a.elementType(), capacity, false);
      }
    }
    Op[] ops = a.ops();
    java.util.List<Step> steps = new java.util.ArrayList<>(ops.length);
    int saving = 0; // tenths of a ns per element that the fast divisions save; the scan costs 4
    for (int i = 0; i < ops.length; i++) {
      Op op = ops[i];
      int division = fastDivisionAfter(ops, i);
      if (division >= 0) {
        DivisionStep step = new DivisionStep(ops, i, division);
        saving += step.division.corrections == 1 ? 2 : step.division.corrections == 2 ? 1 : 0;
        steps.add(step);
        i = division;
        continue;
      }
      switch (op.kind()) {
        case UNARY -> steps.add(new UnaryStep(op));
        case FUNCTION -> steps.add(new FunctionStep(op.in(), op.function()));
        case COMPOSE -> steps.add(new ComposeStep(op.composed()));
        case CAST -> steps.add(new CastStep(op));
        case WHERE -> steps.add(new WhereStep(op, compile(op.operand(), capacity), compile(op.operand2(), capacity)));
        case BINARY -> {
          if (i + 1 < ops.length && pairable(op) && pairable(ops[i + 1])) {
            steps.add(new PairStep(op, ops[i + 1]));
            i++;
          } else {
            steps.add(new BinaryStep(op, op.operand() == null ? null : compile(op.operand(), capacity)));
          }
        }
      }
    }
    boolean tracksRange = saving >= 5 && a.base().type() == ElementType.DOUBLE;
    return new Kernel(a.base(), steps.toArray(new Step[0]), a.elementType(), capacity, tracksRange);
  }

  /** A scalar {@code + - * /} from doubles to doubles: two in a row run as one {@link PairLoops} pass. */
  private static boolean pairable(Op op) {
    return op.kind() == Op.Kind.BINARY && op.operand() == null && !op.reversed() && PairLoops.fusable(op.binary())
        && op.in() == ElementType.DOUBLE && op.out() == ElementType.DOUBLE;
  }

  /**
   * The index j of a division by a scalar with a fast path ({@link ScalarDivision}) such that {@code ops[i..j)} are
   * at most two scalar {@code + - *} to run in the same loop; -1 if there is none.
   */
  private static int fastDivisionAfter(Op[] ops, int i) {
    for (int j = i; j < ops.length && j <= i + 2; j++) {
      Op op = ops[j];
      if (!pairable(op)) {
        return -1;
      }
      if (op.binary() == BinaryOp.DIVIDE) {
        return ScalarDivision.of(op.scalarD()).isFast() ? j : -1;
      }
    }
    return -1;
  }

  /** Computes the block's values into {@link #d} (DOUBLE) or {@link #l} (other types). */
  void run(Block b) {
    base.fill(b, d, l);
    ranged = tracksRange && scanRange(d, 0, b.n);
    for (Step s : steps) {
      s.run(this, b);
    }
  }

  /**
   * The base's array when this kernel is a generated loop that can read it at the result's own index: a dense
   * DOUBLE base and a contiguous selection from its first element. Then {@link #runDirect} writes straight into a
   * result array with {@code outStart} 0; otherwise null.
   */
  double[] directSource(Selection sel) {
    return steps.length == 1 && steps[0] instanceof FusedStep ? directSource(base, sel) : null;
  }

  /** The same test before compiling: would {@code a} be evaluated by a generated loop reading its base directly? */
  static boolean runsDirect(LArray a, Selection sel) {
    return directSource(a.base(), sel) != null && FusedLoops.plan(a) != null;
  }

  private static double[] directSource(Base base, Selection sel) {
    return base instanceof Bases.Dense dense && dense.type == ElementType.DOUBLE && sel.contiguous()
        && sel.contiguousStart() == 0 ? (double[]) dense.values : null;
  }

  /**
   * Result elements {@code [from, to)} computed from {@code in} (the base, {@link #directSource}) into {@code out},
   * a result array, never {@code in}.
   *
   * <p>Without fast divisions to prove, this is one loop over the range, as it would be written by hand. With them,
   * a block is computed optimistically: the fast loop first, then the proof ({@link FusedLoops.Plan#proves}) on the
   * block's inputs, which the loop has just brought into the cache (before the loop, the proof would wait for
   * memory, and that wait would not overlap the arithmetic). If the proof fails, the plain loop overwrites the
   * block's results (out is not in, so the inputs are intact) and the next block is proven before its loop, as
   * blocks out of range tend to come together; a block proven again makes the next one optimistic. So every element
   * left in out is the plain loop's bits or proven equal to them.
   */
  void runDirect(double[] in, double[] out, int from, int to) {
    FusedStep f = (FusedStep) steps[0];
    FusedLoops.Plan plan = f.plan;
    if (!plan.tracksRange) {
      f.loop.plain(in, out, from, to);
      return;
    }
    boolean optimistic = true;
    for (int s = from; s < to; s += BLOCK) {
      int e = Math.min(to, s + BLOCK);
      if (!optimistic) {
        optimistic = plan.run(f.loop, this, in, out, s, e);
        continue;
      }
      f.loop.fast(in, out, s, e);
      if (!plan.proves(this, in, s, e)) {
        f.loop.plain(in, out, s, e);
        optimistic = false;
      }
    }
  }

  /**
   * Sets {@link #min} and {@link #max} of {@code x[from, to)}; false if one is NaN. The doubles are compared as
   * their bits (two long min/max chains cost about half of {@code Math.min} and {@code Math.max} on doubles here):
   * as signed longs, the bits of non-negative doubles sort like the doubles, those of negative ones in reverse,
   * and a NaN's are beyond an infinity's of its sign. So if all bits are non-negative (or all negative) their
   * least and greatest are the doubles' ends; a block of both signs is scanned again with the bits of the
   * negative doubles flipped, which sorts all of them.
   */
  boolean scanRange(double[] x, int from, int to) {
    long lo = Long.MAX_VALUE;
    long hi = Long.MIN_VALUE;
    for (int i = from; i < to; i++) {
      long b = Double.doubleToRawLongBits(x[i]);
      lo = Math.min(lo, b);
      hi = Math.max(hi, b);
    }
    if (lo < 0 && hi >= 0) { // both signs
      lo = Long.MAX_VALUE;
      hi = Long.MIN_VALUE;
      for (int i = from; i < to; i++) {
        long b = Double.doubleToRawLongBits(x[i]);
        b ^= (b >> 63) & Long.MAX_VALUE; // -NaN < -inf < ... < -0.0 < +0.0 < ... < +inf < +NaN
        lo = Math.min(lo, b);
        hi = Math.max(hi, b);
      }
      lo ^= (lo >> 63) & Long.MAX_VALUE;
      hi ^= (hi >> 63) & Long.MAX_VALUE;
    } else if (hi < 0) { // all negative: the greatest bits are the least double
      long t = lo;
      lo = hi;
      hi = t;
    }
    min = Double.longBitsToDouble(lo);
    max = Double.longBitsToDouble(hi);
    return min == min && max == max; // a NaN sorts beyond the infinities, so it is an end
  }

  /** Maps the interval through {@code x op c}; forgets it unless the operation is monotone on it. */
  void mapRange(BinaryOp op, double c) {
    if (!ranged) {
      return;
    }
    double a;
    double b;
    switch (op) {
      case ADD -> {
        a = min + c;
        b = max + c;
      }
      case SUBTRACT -> {
        a = min - c;
        b = max - c;
      }
      case MULTIPLY, DIVIDE -> {
        if (c == 0 || Double.isInfinite(c) || c != c) {
          ranged = false;
          return;
        }
        double lo = op == BinaryOp.MULTIPLY ? min * c : min / c;
        double hi = op == BinaryOp.MULTIPLY ? max * c : max / c;
        a = c > 0 ? lo : hi;
        b = c > 0 ? hi : lo;
      }
      default -> {
        ranged = false;
        return;
      }
    }
    setRange(a, b);
  }

  /** Maps the interval through negate, abs or sqrt; forgets it for the other unary operations. */
  void mapRange(UnaryOp op) {
    if (!ranged) {
      return;
    }
    switch (op) {
      case NEGATE -> setRange(-max, -min);
      case ABS -> setRange(min >= 0 ? min : max <= 0 ? -max : 0, Math.max(-min, max));
      case SQRT -> {
        if (min >= 0) { // sqrt(-0.0) is -0.0, also >= 0
          setRange(Math.sqrt(min), Math.sqrt(max));
        } else {
          ranged = false;
        }
      }
      default -> ranged = false;
    }
  }

  private void setRange(double a, double b) {
    min = a;
    max = b;
    ranged = a == a && b == b; // a NaN end (inf - inf, ...) means NaN values may have appeared
  }

  /** Copies the block's values into {@code out[at ..]} (storage of this kernel's element type). */
  void store(Object out, int at, int n) {
    switch (type) {
      case DOUBLE -> System.arraycopy(d, 0, out, at, n);
      case LONG -> System.arraycopy(l, 0, out, at, n);
      case INT -> {
        int[] o = (int[]) out;
        for (int k = 0; k < n; k++) {
          o[at + k] = (int) l[k];
        }
      }
      case BOOLEAN -> {
        boolean[] o = (boolean[]) out;
        for (int k = 0; k < n; k++) {
          o[at + k] = l[k] != 0;
        }
      }
    }
  }

  double valueAsDouble(int k) {
    return type == ElementType.DOUBLE ? d[k] : l[k];
  }

  ElementType type() {
    return type;
  }

  /**
   * The compiled steps, e.g. {@code [DivisionStep(1 correction), UnaryStep]}, or the generated loop, e.g.
   * {@code [FusedLoop(* + /1 sqrt)]}: for tests and debugging.
   */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("[");
    for (Step s : steps) {
      sb.append(sb.length() == 1 ? "" : ", ").append(s instanceof FusedStep f ? f.plan : s.getClass().getSimpleName());
      if (s instanceof DivisionStep ds) {
        sb.append('(').append(ds.division.corrections).append(ds.division.corrections == 1 ? " correction)"
            : " corrections)");
      }
    }
    return sb.append(']').toString();
  }

  private abstract static class Step {
    abstract void run(Kernel k, Block b);
  }

  static void toDouble(long[] from, double[] to, int n) {
    for (int i = 0; i < n; i++) {
      to[i] = from[i];
    }
  }

  /** This kernel's block values as doubles (converting integers in place). */
  double[] doubles(int n) {
    if (type.isIntegral()) {
      toDouble(l, d, n);
    }
    return d;
  }

  static void toBoolean(long[] x, int n) {
    for (int i = 0; i < n; i++) {
      x[i] = x[i] != 0 ? 1 : 0;
    }
  }

  static void wrapInt(long[] x, int n) {
    for (int i = 0; i < n; i++) {
      x[i] = (int) x[i];
    }
  }

  private static final class UnaryStep extends Step {
    final UnaryOp op;
    final boolean inputIntegral;
    final boolean integral;
    final boolean wrap;

    UnaryStep(Op o) {
      this.op = o.unary();
      this.inputIntegral = o.in().isIntegral();
      this.integral = o.out().isIntegral();
      this.wrap = o.out() == ElementType.INT;
    }

    @Override
    void run(Kernel k, Block b) {
      int n = b.n;
      if (inputIntegral || integral) {
        k.ranged = false;
      } else {
        k.mapRange(op);
      }
      if (inputIntegral && integral) { // NEGATE, ABS, SIGN, FLOOR, CEIL, TRUNC, ISNAN, ISINF, ISFINITE on integers
        long[] x = k.l;
        if (op != UnaryOp.FLOOR && op != UnaryOp.CEIL && op != UnaryOp.TRUNC) { // those are the identity here
          for (int i = 0; i < n; i++) {
            x[i] = op.apply(x[i]);
          }
        }
        if (wrap) {
          wrapInt(x, n);
        }
        return;
      }
      if (integral) { // ISNAN, ISINF, ISFINITE on doubles
        double[] x = k.d;
        long[] out = k.l;
        for (int i = 0; i < n; i++) {
          out[i] = op.test(x[i]) ? 1 : 0;
        }
        return;
      }
      if (inputIntegral) {
        toDouble(k.l, k.d, n);
      }
      double[] x = k.d;
      switch (op) {
        case NEGATE -> {
          for (int i = 0; i < n; i++) {
            x[i] = -x[i];
          }
        }
        case ABS -> {
          for (int i = 0; i < n; i++) {
            x[i] = Math.abs(x[i]);
          }
        }
        case SQRT -> {
          for (int i = 0; i < n; i++) {
            x[i] = Math.sqrt(x[i]);
          }
        }
        default -> {
          for (int i = 0; i < n; i++) {
            x[i] = op.apply(x[i]);
          }
        }
      }
    }
  }

  /** A conversion between element types (in-place results stored back, conversions asked for at construction). */
  private static final class CastStep extends Step {
    final ElementType in;
    final ElementType out;

    CastStep(Op o) {
      this.in = o.in();
      this.out = o.out();
    }

    @Override
    void run(Kernel k, Block b) {
      int n = b.n;
      if (in == ElementType.DOUBLE) {
        return; // DOUBLE to DOUBLE (no other conversion from DOUBLE is ever queued)
      }
      k.ranged = false;
      switch (out) {
        case DOUBLE -> toDouble(k.l, k.d, n);
        case INT -> wrapInt(k.l, n);
        case BOOLEAN -> toBoolean(k.l, n);
        case LONG -> { }
      }
    }
  }

  /** {@code where(condition, x, y)}: the condition is this kernel's block; x and y have kernels of their own. */
  private static final class WhereStep extends Step {
    final boolean conditionDouble;
    final boolean outDouble;
    final Kernel x;
    final Kernel y;

    WhereStep(Op o, Kernel x, Kernel y) {
      this.conditionDouble = o.in() == ElementType.DOUBLE;
      this.outDouble = o.out() == ElementType.DOUBLE;
      this.x = x;
      this.y = y;
    }

    @Override
    void run(Kernel k, Block b) {
      int n = b.n;
      k.ranged = false;
      x.run(b);
      y.run(b);
      if (outDouble) {
        double[] xd = x.doubles(n);
        double[] yd = y.doubles(n);
        for (int i = 0; i < n; i++) {
          boolean c = conditionDouble ? k.d[i] != 0 : k.l[i] != 0; // NaN counts as true, as in NumPy
          k.d[i] = c ? xd[i] : yd[i];
        }
      } else {
        long[] xl = x.l;
        long[] yl = y.l;
        for (int i = 0; i < n; i++) {
          boolean c = conditionDouble ? k.d[i] != 0 : k.l[i] != 0;
          k.l[i] = c ? xl[i] : yl[i];
        }
      }
    }
  }

  private static final class PairStep extends Step {
    final BinaryOp op1;
    final double a;
    final BinaryOp op2;
    final double b;

    PairStep(Op first, Op second) {
      this.op1 = first.binary();
      this.a = first.scalarD();
      this.op2 = second.binary();
      this.b = second.scalarD();
    }

    @Override
    void run(Kernel k, Block blk) {
      PairLoops.run(op1, a, op2, b, k.d, blk.n);
      k.mapRange(op1, a);
      k.mapRange(op2, b);
    }
  }

  /** Up to two scalar {@code + - *} and a division by a scalar in one loop, fast where the interval allows. */
  private static final class DivisionStep extends Step {
    final BinaryOp op1;
    final double c1;
    final BinaryOp op2;
    final double c2;
    final ScalarDivision division;

    DivisionStep(Op[] ops, int from, int divisionAt) {
      int k = divisionAt - from;
      op1 = k > 0 ? plusOrTimes(ops[from]) : null;
      c1 = k > 0 ? signedConstant(ops[from]) : 0;
      op2 = k > 1 ? plusOrTimes(ops[from + 1]) : null;
      c2 = k > 1 ? signedConstant(ops[from + 1]) : 0;
      division = ScalarDivision.of(ops[divisionAt].scalarD());
    }

    /** x - c runs as x + (-c): the same rounding of the same exact value, signed zeros included. */
    private static BinaryOp plusOrTimes(Op op) {
      return op.binary() == BinaryOp.MULTIPLY ? BinaryOp.MULTIPLY : BinaryOp.ADD;
    }

    private static double signedConstant(Op op) {
      return op.binary() == BinaryOp.SUBTRACT ? -op.scalarD() : op.scalarD();
    }

    @Override
    void run(Kernel k, Block b) {
      if (op1 != null) {
        k.mapRange(op1, c1);
      }
      if (op2 != null) {
        k.mapRange(op2, c2);
      }
      division.run(k.d, b.n, op1, c1, op2, c2, k.ranged && division.covers(k.min, k.max));
      k.mapRange(BinaryOp.DIVIDE, division.divisor);
    }
  }

  /** The whole queue in one generated loop, in place on the block buffer ({@link FusedLoops}). */
  private static final class FusedStep extends Step {
    final FusedLoops.Plan plan;
    final FusedLoops.Loop loop;

    FusedStep(FusedLoops.Plan plan, FusedLoops.Loop loop) {
      this.plan = plan;
      this.loop = loop;
    }

    @Override
    void run(Kernel k, Block b) {
      plan.run(loop, k, k.d, k.d, 0, b.n);
    }
  }

  /** A function base f(i) applied to the values of the block (lazyarray's {@code b(a)}). */
  private static final class ComposeStep extends Step {
    final Bases.Function1 f;

    ComposeStep(Bases.Function1 f) {
      this.f = f;
    }

    @Override
    void run(Kernel k, Block b) {
      k.ranged = false;
      f.applyToValues(k.l, b.n, k.d, k.l);
    }
  }

  private static final class FunctionStep extends Step {
    final boolean inputIntegral;
    final DoubleUnaryOperator f;

    FunctionStep(ElementType in, DoubleUnaryOperator f) {
      this.inputIntegral = in.isIntegral();
      this.f = f;
    }

    @Override
    void run(Kernel k, Block b) {
      int n = b.n;
      if (inputIntegral) {
        toDouble(k.l, k.d, n);
      }
      double[] x = k.d;
      for (int i = 0; i < n; i++) {
        x[i] = f.applyAsDouble(x[i]);
      }
      k.ranged = false;
    }
  }

  private static final class BinaryStep extends Step {
    final BinaryOp op;
    final boolean reversed;
    final boolean inputIntegral;
    final boolean inDouble;
    final boolean wrap;
    final boolean normalise;
    final double cd;
    final long cl;
    final Kernel operand;
    final boolean operandIntegral;

    BinaryStep(Op o, Kernel operand) {
      this.op = o.binary();
      this.reversed = o.reversed();
      this.inputIntegral = o.in().isIntegral();
      this.inDouble = o.inDouble();
      this.wrap = o.out() == ElementType.INT;
      this.normalise = o.out() == ElementType.BOOLEAN && !op.isComparison(); // or / and of two booleans
      this.cd = o.operandType() == ElementType.DOUBLE ? o.scalarD() : o.scalarL();
      this.cl = o.scalarL();
      this.operand = operand;
      this.operandIntegral = o.operandType().isIntegral();
    }

    @Override
    void run(Kernel k, Block b) {
      runBinary(this, k, b);
      if (operand == null && inDouble && !inputIntegral && !op.isComparison() && !reversed) {
        k.mapRange(op, cd);
      } else {
        k.ranged = false;
      }
    }
  }

  static void runBinary(BinaryStep s, Kernel k, Block b) {
    int n = b.n;
    if (s.operand != null) {
      s.operand.run(b);
    }
    if (s.inDouble) {
      if (s.inputIntegral) {
        toDouble(k.l, k.d, n);
      }
      double[] y = null;
      if (s.operand != null) {
        if (s.operandIntegral) {
          toDouble(s.operand.l, s.operand.d, n);
        }
        y = s.operand.d;
      }
      if (s.op.isComparison()) {
        compareDouble(s.op, s.reversed, k.d, y, s.cd, k.l, n);
      } else {
        binaryDouble(s.op, s.reversed, k.d, y, s.cd, n);
      }
    } else {
      long[] y = s.operand == null ? null : s.operand.l;
      binaryLong(s.op, s.reversed, k.l, y, s.cl, n);
      if (s.wrap) {
        wrapInt(k.l, n);
      } else if (s.normalise) {
        toBoolean(k.l, n);
      }
    }
  }

  /** x[i] = x[i] op y[i] (or op c when y is null); reversed: y[i] op x[i]. */
  static void binaryDouble(BinaryOp op, boolean reversed, double[] x, double[] y, double c, int n) {
    if (y == null) {
      if (!reversed) {
        switch (op) {
          case ADD -> {
            for (int i = 0; i < n; i++) {
              x[i] = x[i] + c;
            }
          }
          case SUBTRACT -> {
            for (int i = 0; i < n; i++) {
              x[i] = x[i] - c;
            }
          }
          case MULTIPLY -> {
            for (int i = 0; i < n; i++) {
              x[i] = x[i] * c;
            }
          }
          case DIVIDE -> {
            for (int i = 0; i < n; i++) {
              x[i] = x[i] / c;
            }
          }
          default -> {
            for (int i = 0; i < n; i++) {
              x[i] = op.apply(x[i], c);
            }
          }
        }
      } else {
        switch (op) {
          case ADD -> {
            for (int i = 0; i < n; i++) {
              x[i] = c + x[i];
            }
          }
          case SUBTRACT -> {
            for (int i = 0; i < n; i++) {
              x[i] = c - x[i];
            }
          }
          case MULTIPLY -> {
            for (int i = 0; i < n; i++) {
              x[i] = c * x[i];
            }
          }
          case DIVIDE -> {
            for (int i = 0; i < n; i++) {
              x[i] = c / x[i];
            }
          }
          default -> {
            for (int i = 0; i < n; i++) {
              x[i] = op.apply(c, x[i]);
            }
          }
        }
      }
      return;
    }
    if (!reversed) {
      switch (op) {
        case ADD -> {
          for (int i = 0; i < n; i++) {
            x[i] = x[i] + y[i];
          }
        }
        case SUBTRACT -> {
          for (int i = 0; i < n; i++) {
            x[i] = x[i] - y[i];
          }
        }
        case MULTIPLY -> {
          for (int i = 0; i < n; i++) {
            x[i] = x[i] * y[i];
          }
        }
        case DIVIDE -> {
          for (int i = 0; i < n; i++) {
            x[i] = x[i] / y[i];
          }
        }
        default -> {
          for (int i = 0; i < n; i++) {
            x[i] = op.apply(x[i], y[i]);
          }
        }
      }
    } else {
      for (int i = 0; i < n; i++) {
        x[i] = op.apply(y[i], x[i]);
      }
    }
  }

  /** out[i] = (x[i] op y[i]) ? 1 : 0, on doubles. */
  static void compareDouble(BinaryOp op, boolean reversed, double[] x, double[] y, double c, long[] out, int n) {
    for (int i = 0; i < n; i++) {
      double a = x[i];
      double b = y == null ? c : y[i];
      out[i] = (reversed ? op.test(b, a) : op.test(a, b)) ? 1 : 0;
    }
  }

  /** x[i] = x[i] op y[i] (or op c), on longs; comparisons give 0/1. */
  static void binaryLong(BinaryOp op, boolean reversed, long[] x, long[] y, long c, int n) {
    if (y == null && !reversed) {
      switch (op) {
        case ADD -> {
          for (int i = 0; i < n; i++) {
            x[i] = x[i] + c;
          }
          return;
        }
        case SUBTRACT -> {
          for (int i = 0; i < n; i++) {
            x[i] = x[i] - c;
          }
          return;
        }
        case MULTIPLY -> {
          for (int i = 0; i < n; i++) {
            x[i] = x[i] * c;
          }
          return;
        }
        default -> { }
      }
    }
    for (int i = 0; i < n; i++) {
      long a = x[i];
      long b = y == null ? c : y[i];
      x[i] = reversed ? op.apply(b, a) : op.apply(a, b);
    }
  }
}
