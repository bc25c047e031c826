package dev.sloth.array;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * One element loop per operation queue: all the queue's operations applied to each element in registers, generated
 * as bytecode and defined as a hidden class, for queues of scalar {@code + - * /}, {@code negate}, {@code abs} and
 * {@code sqrt} on doubles. Everything else runs in {@link Kernel}'s steps (one pass over a block per operation
 * group), which stay the reference: a generated loop gives the same bits.
 *
 * <p><b>Why.</b> A kernel of one pass per operation group is bound, in each pass, by one unit of the core (the
 * divider, or the FMA pipes), and the passes do not overlap; one loop doing everything per element keeps all units
 * busy at once, and reads each element from the base and writes it to the result directly, so the loads and stores
 * overlap the arithmetic too. Measured on this project's 2-core x86 machine for the 16-operation benchmark over 1e7
 * doubles: about 22 ms against about 33 ms for the passes and 28 ms for a hand-written loop with true division
 * ({@code docs/bench/array.md}). The JIT (C2) vectorises such a loop only if the input and the output are read and
 * written at the same index ({@code out[i] = f(in[i])}): with any offset between them (a chunk of a parallel
 * evaluation written to its own array, a slice) it stays scalar and runs about 3.5 times slower. So the generated
 * loop takes one index for both arrays, and the kernel uses it either directly on the base's array and the result
 * (whole contiguous selections, sequential or on several threads writing one result array) or in place on its
 * block buffer.
 *
 * <p><b>Shapes.</b> A loop is generated per <em>shape</em> of queue: the sequence of operation kinds, with each
 * division classified by {@link ScalarDivision} (a power of two multiplies by the reciprocal, a correctable divisor
 * takes the FMA path in the fast loop, the others divide). The scalars are fields of the instance, passed at
 * construction, not constants of the code, so {@code (a*2+1)/3} and {@code (a*5-4)/7} share one class; equal
 * scalars share one field (which steps share is part of the shape). Shapes are kept (at most {@link #MAX_SHAPES};
 * beyond that queues run in the kernel's steps).
 *
 * <p><b>Exactness.</b> Each generated class has two loops. {@code plain} is Java's arithmetic one operation at a time
 * (division by a power of two as a multiplication by its exact reciprocal, the same bits): valid for any input.
 * {@code fast} replaces the correctable divisions by {@link ScalarDivision#once}/{@link ScalarDivision#twice},
 * which are exact only for dividends in the divisor's range, and computes a multiplication by a power of two of
 * magnitude at least 1 followed by an addition or subtraction of a scalar as one {@code Math.fma}, exact only if
 * the product does not overflow ({@link Plan#fusesMultiplyAdds}). A block's result is {@code fast}'s only if every
 * correctable division's dividends are proven in range and every fused product finite ({@link Plan#proves}), else
 * {@code plain}'s. The cheap proof:
 * once per plan, the interval {@code [2^-511, 2^513)} is carried through the queue as the kernel carries intervals
 * ({@link Kernel#mapRange}); if it proves every corrected division, a block whose inputs all lie in it (one OR per
 * element, {@link #inCheckedInterval}) is proven. Otherwise, or for a block outside it, the block's inputs are scanned
 * for their interval ({@link Kernel#scanRange}), which is carried through the queue. Reading the base directly into
 * a separate result array, the kernel runs {@code fast} first and proves the block after, when its inputs are in the
 * cache, recomputing it with {@code plain} if the proof fails ({@link Kernel#runDirect}); on its block buffer, it
 * proves first. As in the kernel, a plan proves blocks only when its divisions save more than the proof costs, and
 * takes the FMA path only where {@code Math.fma} is an intrinsic ({@link ScalarDivision#FMA_IS_FAST}).
 */
final class FusedLoops {
  /** The most shapes kept; a program building queues of ever new shapes falls back to the kernel's steps. */
  static final int MAX_SHAPES = 256;

  /**
   * What the proofs cost, and what a fast division saves, in a generated loop, in hundredths of a ns per element,
   * measured on this project's 2-core x86 machine (AVX2, FMA; {@code LoopShapesBenchmark}, docs/bench/array.md):
   * the benchmark's chain took 23.5 to 25 ms with five one-correction divisions and 29 to 31.5 dividing, for 1e7
   * elements, so a division saves about 0.12 ns. The scan of a block's bits for its interval costs 0.6 ns after the
   * loop (inputs in the cache) and 0.8 before it; {@link #inCheckedInterval} (one OR per element) 0.3 after the loop.
   * In a loop doing everything per element the divisions overlap the other work, so they save far less than in a
   * pass of their own: the check pays from three divisions on, the scan from seven. Re-measured in session 6 with
   * the fused multiply-adds ({@link Plan#fusesMultiplyAdds}; minima of 50 calls, {@code LoopShapesBenchmark}): the
   * OR check alone costs 0.35 ns per element on a block in the L1 cache; two of the benchmark's steps
   * {@code (x*2+1)/3} then sqrt took 14.2 ms fast and checked against 16.5 dividing (JMH under load: 19.3 against
   * 19.4, parity), three 14.7 against 20.3. So three one-correction divisions stay the threshold.
   */
  static final int SCAN_COST = 80;

  /** See {@link #SCAN_COST}: the cost of {@link #inCheckedInterval}. */
  static final int CHECK_COST = 30;

  /** The interval {@link #inCheckedInterval} checks, {@code [2^-511, 2^513)}: the doubles with bits 2^61 to 3 2^61. */
  static final double CHECKED_LOW = 0x1p-511;

  static final double CHECKED_HIGH = 0x1p513;

  private static final long CHECKED_LOW_BITS = Double.doubleToRawLongBits(CHECKED_LOW);

  /**
   * True if every {@code x[from, to)} lies in [{@link #CHECKED_LOW}, {@link #CHECKED_HIGH}): positive, normal,
   * finite, neither tiny nor huge. Their bits minus those of {@code 2^-511} must be below {@code 2^62} as unsigned
   * longs (a smaller double, a negative one, an infinity or a NaN gives a difference with bit 62 or 63 set), so one
   * OR of the differences decides for the block: one OR per element, a chain of one-cycle latency, where the scan
   * for the interval has two chains of compare-and-move (C2 vectorises neither reduction).
   */
  static boolean inCheckedInterval(double[] x, int from, int to) {
    long high = 0;
    for (int i = from; i < to; i++) {
      high |= Double.doubleToRawLongBits(x[i]) - CHECKED_LOW_BITS;
    }
    return high >>> 62 == 0;
  }

  static final int ONCE_SAVES = 12;
  static final int TWICE_SAVES = 6;

  private static final System.Logger LOG = System.getLogger(FusedLoops.class.getName());
  private static final ConcurrentHashMap<String, MethodHandle> SHAPES = new ConcurrentHashMap<>();
  /**
   * The shapes whose loop could not be generated (a generator bug: logged once each, then run in the kernel's
   * steps without trying again); at most {@link #MAX_SHAPES}.
   */
  private static final java.util.Set<String> FAILED = ConcurrentHashMap.newKeySet();
  /** Set once no loop can be generated at all (ASM is not on the class path): logged once, never tried again. */
  private static final java.util.concurrent.atomic.AtomicBoolean GENERATOR_MISSING =
      new java.util.concurrent.atomic.AtomicBoolean();
  private static final AtomicInteger GENERATED = new AtomicInteger();
  private static final String LOOP = "dev/sloth/array/FusedLoops$Loop";
  private static final String NAME = "dev/sloth/array/FusedLoop";
  private static final String LOOP_DESC = "([D[DII)V";

  private FusedLoops() {}

  /**
   * A generated loop: {@code out[i] = f(in[i])} for {@code from <= i < to}, where f is the queue; {@code in} and
   * {@code out} may be the same array. {@code fast} only for inputs proven in range ({@link Plan#run}).
   */
  interface Loop {
    void fast(double[] in, double[] out, int from, int to);

    void plain(double[] in, double[] out, int from, int to);
  }

  /** What one step does; divisions are classified once per divisor. */
  private enum Kind {
    ADD("+"), SUBTRACT("-"), MULTIPLY("*"), REVERSED_SUBTRACT("r-"), REVERSED_DIVIDE("r/"),
    DIVIDE("/"), RECIPROCAL("/2^k"), DIVIDE_ONCE("/1"), DIVIDE_TWICE("/2"), NEGATE("neg"), ABS("abs"), SQRT("sqrt");

    final String token;

    Kind(String token) {
      this.token = token;
    }
  }

  private record Step(Kind kind, double constant, ScalarDivision division) {}

  /** A covered queue: its shape, its scalars, and whether blocks are scanned for the fast divisions. */
  static final class Plan {
    /** The operation kinds, e.g. {@code * + /1 sqrt}. */
    final String shape;
    /** What selects the class: the kinds, which steps share a scalar, and which multiply-adds are fused. */
    final String key;
    private final Step[] steps;
    /** slots[j]: the indices in {@link #constants} of step j's operands. */
    private final int[][] slots;
    private final double[] constants;
    /**
     * fused[j]: step j multiplies by a power of two of at least 1 in magnitude and {@code fast} computes it with step
     * j + 1, an addition or subtraction of a scalar, as one {@code Math.fma} (see {@link #fusesMultiplyAdds}).
     */
    private final boolean[] fused;
    /**
     * True if inputs in {@link #CHECKED_LOW} to {@link #CHECKED_HIGH} keep every corrected division exact (and every
     * fused multiply-add's product finite).
     */
    final boolean checkedInterval;
    final boolean tracksRange;

    private Plan(String shape, String key, Step[] steps, int[][] slots, double[] constants, int saving) {
      this.shape = shape;
      this.steps = steps;
      this.slots = slots;
      this.constants = constants;
      this.fused = new boolean[steps.length];
      boolean candidates = false;
      for (int j = 0; j + 1 < steps.length; j++) {
        fused[j] = steps[j].kind == Kind.MULTIPLY && exactScale(steps[j].constant)
            && (steps[j + 1].kind == Kind.ADD || steps[j + 1].kind == Kind.SUBTRACT);
        candidates |= fused[j];
      }
      boolean proven = saving > 0 && provesCheckedInterval();
      if (candidates && !proven) { // fusing must not cost the plan its checked interval
        java.util.Arrays.fill(fused, false);
        proven = saving > 0 && provesCheckedInterval();
      }
      this.checkedInterval = proven;
      this.tracksRange = saving > (checkedInterval ? CHECK_COST : SCAN_COST);
      if (!tracksRange) { // fast is never run: one class for the shape whatever its scalars
        java.util.Arrays.fill(fused, false);
      }
      StringBuilder fusedSteps = new StringBuilder();
      for (int j = 0; j < fused.length; j++) {
        fusedSteps.append(fused[j] ? " " + j : "");
      }
      this.key = fusedSteps.length() == 0 ? key : key + " |fma" + fusedSteps;
    }

    private boolean provesCheckedInterval() {
      Kernel scratch = Kernel.intervalScratch();
      scratch.min = CHECKED_LOW;
      scratch.max = Math.nextDown(CHECKED_HIGH);
      return provesFastDivisions(scratch);
    }

    /**
     * How many multiply-adds {@code fast} computes as one {@code Math.fma}: {@code x * c + b} or {@code x * c - b}
     * with {@code c} a power of two of magnitude at least 1. {@code x * c} is then exact unless it overflows, so
     * {@code fma(x, c, +-b)}, which rounds once, gives the same bits as the two steps, and the proof that admits a
     * block to {@code fast} also proves the products finite. This shortens the fast loop's dependency chain by 2 of
     * about 17 cycles per step (the loop is bound by that chain's latency, not by the FMA pipes or by memory), and
     * is only done when the fusion does not cost the plan its checked interval.
     */
    int fusesMultiplyAdds() {
      int n = 0;
      for (boolean f : fused) {
        n += f ? 1 : 0;
      }
      return n;
    }

    /** True for {@code +-2^k}, k >= 0: a multiplication by it is exact unless it overflows. */
    private static boolean exactScale(double c) {
      int e = Math.getExponent(c);
      return e >= 0 && e <= 1023 && Math.abs(c) == Math.scalb(1.0, e);
    }

    /**
     * {@code out[i] = f(in[i])} for {@code from <= i < to}, the block's proof ({@link #proves}, made first)
     * deciding between the loops; uses the kernel's interval fields as scratch. True if it took {@code fast}.
     */
    boolean run(Loop loop, Kernel k, double[] in, double[] out, int from, int to) {
      if (proves(k, in, from, to)) {
        loop.fast(in, out, from, to);
        return true;
      }
      loop.plain(in, out, from, to);
      return false;
    }

    /**
     * True if {@code in[from, to)} is proven to keep every corrected division exact, so that the block may take
     * {@code fast}: by {@link #inCheckedInterval} when that interval proves the queue ({@link #checkedInterval}),
     * else by the block's scanned interval carried through the queue; always false when the plan does not track the
     * range.
     */
    boolean proves(Kernel k, double[] in, int from, int to) {
      return tracksRange && (checkedInterval && inCheckedInterval(in, from, to)
          || k.scanRange(in, from, to) && provesFastDivisions(k));
    }

    /** Carries the scanned interval through the queue: true if every corrected division's dividends are in range. */
    private boolean provesFastDivisions(Kernel k) {
      k.ranged = true;
      for (int j = 0; j < steps.length; j++) {
        Step s = steps[j];
        switch (s.kind) {
          case ADD -> k.mapRange(BinaryOp.ADD, s.constant);
          case SUBTRACT -> k.mapRange(BinaryOp.SUBTRACT, s.constant);
          case MULTIPLY -> {
            k.mapRange(BinaryOp.MULTIPLY, s.constant);
            if (fused[j] && !(k.ranged && Double.isFinite(k.min) && Double.isFinite(k.max))) {
              return false; // a product that may overflow: x * c + b is not fma(x, c, b) there
            }
          }
          case DIVIDE, RECIPROCAL -> k.mapRange(BinaryOp.DIVIDE, s.constant);
          case DIVIDE_ONCE, DIVIDE_TWICE -> {
            if (!k.ranged || !s.division.covers(k.min, k.max)) {
              return false;
            }
            k.mapRange(BinaryOp.DIVIDE, s.constant);
          }
          case NEGATE -> k.mapRange(UnaryOp.NEGATE);
          case ABS -> k.mapRange(UnaryOp.ABS);
          case SQRT -> k.mapRange(UnaryOp.SQRT);
          case REVERSED_SUBTRACT, REVERSED_DIVIDE -> k.ranged = false;
        }
      }
      return true;
    }

    @Override
    public String toString() {
      return "FusedLoop(" + shape + ")";
    }
  }

  /**
   * The plan for {@code a}'s queue, or null if a step is not covered (an array operand, an integer type, a
   * function, a comparison...) or the queue is empty.
   */
  static Plan plan(LArray a) {
    Op[] ops = a.ops();
    if (ops.length == 0 || a.base().type() != ElementType.DOUBLE) {
      return null;
    }
    List<Step> steps = new ArrayList<>(ops.length);
    StringBuilder shape = new StringBuilder();
    int saving = 0; // hundredths of a ns per element that the fast divisions save in this loop (SCAN_COST)
    for (Op op : ops) {
      if (op.kind() == Op.Kind.CAST && op.in() == ElementType.DOUBLE && op.out() == ElementType.DOUBLE) {
        continue; // an in-place operation's conversion back to DOUBLE: nothing to do
      }
      Step step = step(op);
      if (step == null) {
        return null;
      }
      saving += step.kind == Kind.DIVIDE_ONCE ? ONCE_SAVES : step.kind == Kind.DIVIDE_TWICE ? TWICE_SAVES : 0;
      steps.add(step);
      shape.append(shape.length() == 0 ? "" : " ").append(step.kind.token);
    }
    if (steps.isEmpty()) {
      return null;
    }
    // The distinct scalars (by their bits), each a field and a local of the loop; the steps name them by index, and
    // that pattern is part of the shape. Sharing them matters: each becomes a vector register in the vectorised
    // loop, and 20 of them (the benchmark's chain without sharing) made it 25 % slower than with its 4.
    List<Long> distinct = new ArrayList<>();
    int[][] slots = new int[steps.size()][];
    StringBuilder pattern = new StringBuilder();
    for (int j = 0; j < slots.length; j++) {
      Step s = steps.get(j);
      double[] operands = switch (s.kind) {
        case NEGATE, ABS, SQRT -> new double[0];
        case RECIPROCAL -> new double[] {s.division.reciprocal};
        case DIVIDE_ONCE, DIVIDE_TWICE -> new double[] {s.division.divisor, s.division.reciprocal};
        default -> new double[] {s.constant};
      };
      slots[j] = new int[operands.length];
      for (int o = 0; o < operands.length; o++) {
        long bits = Double.doubleToRawLongBits(operands[o]);
        int slot = distinct.indexOf(bits);
        if (slot < 0) {
          slot = distinct.size();
          distinct.add(bits);
        }
        slots[j][o] = slot;
        pattern.append(o == 0 ? " " : ",").append(slot);
      }
    }
    double[] c = new double[distinct.size()];
    for (int i = 0; i < c.length; i++) {
      c[i] = Double.longBitsToDouble(distinct.get(i));
    }
    return new Plan(shape.toString(), shape + " |" + pattern, steps.toArray(new Step[0]), slots, c, saving);
  }

  /** The step for one queued operation, or null if it is not covered. */
  private static Step step(Op op) {
    if (op.in() != ElementType.DOUBLE || op.out() != ElementType.DOUBLE) {
      return null;
    }
    switch (op.kind()) {
      case UNARY -> {
        return switch (op.unary()) {
          case NEGATE -> new Step(Kind.NEGATE, 0, null);
          case ABS -> new Step(Kind.ABS, 0, null);
          case SQRT -> new Step(Kind.SQRT, 0, null);
          default -> null;
        };
      }
      case BINARY -> {
        if (op.operand() != null || !op.inDouble()) {
          return null;
        }
        // the scalar as the kernel's BinaryStep converts it
        double c = op.operandType() == ElementType.DOUBLE ? op.scalarD() : op.scalarL();
        BinaryOp b = op.binary();
        if (op.reversed()) {
          return switch (b) { // c + x and c * x round like x + c and x * c
            case ADD -> new Step(Kind.ADD, c, null);
            case MULTIPLY -> new Step(Kind.MULTIPLY, c, null);
            case SUBTRACT -> new Step(Kind.REVERSED_SUBTRACT, c, null);
            case DIVIDE -> new Step(Kind.REVERSED_DIVIDE, c, null);
            default -> null;
          };
        }
        return switch (b) {
          case ADD -> new Step(Kind.ADD, c, null);
          case SUBTRACT -> new Step(Kind.SUBTRACT, c, null);
          case MULTIPLY -> new Step(Kind.MULTIPLY, c, null);
          case DIVIDE -> division(c);
          default -> null;
        };
      }
      default -> {
        return null;
      }
    }
  }

  private static Step division(double d) {
    ScalarDivision division = ScalarDivision.of(d);
    if (division.corrections == 0) {
      return new Step(Kind.RECIPROCAL, d, division);
    }
    if (division.corrections > 0 && ScalarDivision.FMA_IS_FAST) {
      return new Step(division.corrections == 1 ? Kind.DIVIDE_ONCE : Kind.DIVIDE_TWICE, d, division);
    }
    return new Step(Kind.DIVIDE, d, division);
  }

  /** The loop for the plan (its shape's class, generated on first use), or null when no more shapes are kept. */
  static Loop loop(Plan plan) {
    MethodHandle constructor = SHAPES.get(plan.key);
    if (constructor == null) {
      if (SHAPES.size() >= MAX_SHAPES || GENERATOR_MISSING.get() || FAILED.contains(plan.key)) {
        return null;
      }
      try {
        constructor = SHAPES.computeIfAbsent(plan.key, s -> define(plan));
      } catch (LinkageError e) { // ASM missing (NoClassDefFoundError): the kernel's steps still give the result
        if (GENERATOR_MISSING.compareAndSet(false, true)) {
          LOG.log(System.Logger.Level.WARNING, "sloth-array: could not generate the loop for " + plan + " (is ASM,"
              + " org.ow2.asm:asm, on the class path?); every queue runs in the kernel's steps from now on", e);
        }
        return null;
      } catch (RuntimeException e) { // a generator bug for this shape: the kernel's steps still give the result
        if (FAILED.size() < MAX_SHAPES && FAILED.add(plan.key)) {
          LOG.log(System.Logger.Level.WARNING, "sloth-array: could not generate the loop for " + plan + "; the queue"
              + " runs in the kernel's steps", e);
        }
        return null;
      }
    }
    try {
      return (Loop) constructor.invokeExact(plan.constants.clone());
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException("generated loop " + plan + " could not be created", t);
    }
  }

  /** How many loop classes have been generated in this JVM (for tests: shapes are reused). */
  static int generatedClasses() {
    return GENERATED.get();
  }

  private static MethodHandle define(Plan plan) {
    byte[] bytes = generate(plan);
    try {
      MethodHandles.Lookup hidden = MethodHandles.lookup().defineHiddenClass(bytes, true);
      GENERATED.incrementAndGet();
      return hidden.findConstructor(hidden.lookupClass(), MethodType.methodType(void.class, double[].class))
          .asType(MethodType.methodType(Loop.class, double[].class));
    } catch (IllegalAccessException | NoSuchMethodException e) {
      throw new IllegalStateException("generated loop " + plan + " has no usable constructor", e);
    }
  }

  /**
   * The class: final fields {@code c0, c1, ...} (the scalars), a constructor taking them as an array, and the two
   * loops. In a loop the scalars are copied to locals first, the element stays on the operand stack through the
   * whole queue, and the loop is the plain counted loop C2 unrolls and vectorises.
   */
  private static byte[] generate(Plan plan) {
    ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS);
    cw.visit(Opcodes.V21, Opcodes.ACC_FINAL | Opcodes.ACC_SUPER, NAME, null, "java/lang/Object",
        new String[] {LOOP});
    int fields = plan.constants.length;
    for (int j = 0; j < fields; j++) {
      cw.visitField(Opcodes.ACC_PRIVATE | Opcodes.ACC_FINAL, "c" + j, "D", null, null).visitEnd();
    }
    MethodVisitor init = cw.visitMethod(0, "<init>", "([D)V", null, null);
    init.visitCode();
    init.visitVarInsn(Opcodes.ALOAD, 0);
    init.visitMethodInsn(Opcodes.INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
    for (int j = 0; j < fields; j++) {
      init.visitVarInsn(Opcodes.ALOAD, 0);
      init.visitVarInsn(Opcodes.ALOAD, 1);
      init.visitLdcInsn(j);
      init.visitInsn(Opcodes.DALOAD);
      init.visitFieldInsn(Opcodes.PUTFIELD, NAME, "c" + j, "D");
    }
    init.visitInsn(Opcodes.RETURN);
    init.visitMaxs(0, 0);
    init.visitEnd();
    loop(cw, plan, "fast", true);
    loop(cw, plan, "plain", false);
    cw.visitEnd();
    return cw.toByteArray();
  }

  // Locals of a loop method: 0 this, 1 in, 2 out, 3 from, 4 to, 5 i, 6.. the scalars (two slots each).
  private static void loop(ClassWriter cw, Plan plan, String name, boolean fast) {
    MethodVisitor mv = cw.visitMethod(Opcodes.ACC_PUBLIC, name, LOOP_DESC, null, null);
    mv.visitCode();
    for (int j = 0; j < plan.constants.length; j++) {
      mv.visitVarInsn(Opcodes.ALOAD, 0);
      mv.visitFieldInsn(Opcodes.GETFIELD, NAME, "c" + j, "D");
      mv.visitVarInsn(Opcodes.DSTORE, 6 + 2 * j);
    }
    mv.visitVarInsn(Opcodes.ILOAD, 3);
    mv.visitVarInsn(Opcodes.ISTORE, 5);
    Label test = new Label();
    Label end = new Label();
    mv.visitLabel(test);
    mv.visitVarInsn(Opcodes.ILOAD, 5);
    mv.visitVarInsn(Opcodes.ILOAD, 4);
    mv.visitJumpInsn(Opcodes.IF_ICMPGE, end);
    mv.visitVarInsn(Opcodes.ALOAD, 2); // out, i: under the value for DASTORE
    mv.visitVarInsn(Opcodes.ILOAD, 5);
    mv.visitVarInsn(Opcodes.ALOAD, 1);
    mv.visitVarInsn(Opcodes.ILOAD, 5);
    mv.visitInsn(Opcodes.DALOAD);
    for (int j = 0; j < plan.steps.length; j++) {
      Step s = plan.steps[j];
      int[] slot = plan.slots[j];
      int local = slot.length == 0 ? -1 : 6 + 2 * slot[0]; // the first operand's local
      if (fast && plan.fused[j]) { // x * c +- b as fma(x, c, +-b): the product is exact (Plan.fusesMultiplyAdds)
        mv.visitVarInsn(Opcodes.DLOAD, local);
        j++;
        mv.visitVarInsn(Opcodes.DLOAD, 6 + 2 * plan.slots[j][0]);
        if (plan.steps[j].kind == Kind.SUBTRACT) {
          mv.visitInsn(Opcodes.DNEG);
        }
        mv.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/Math", "fma", "(DDD)D", false);
        continue;
      }
      switch (s.kind) {
        case ADD, SUBTRACT, MULTIPLY, DIVIDE -> {
          mv.visitVarInsn(Opcodes.DLOAD, local);
          mv.visitInsn(switch (s.kind) {
            case ADD -> Opcodes.DADD;
            case SUBTRACT -> Opcodes.DSUB;
            case MULTIPLY -> Opcodes.DMUL;
            default -> Opcodes.DDIV;
          });
        }
        case REVERSED_SUBTRACT, REVERSED_DIVIDE -> { // c op x: swap the two doubles
          mv.visitVarInsn(Opcodes.DLOAD, local);
          mv.visitInsn(Opcodes.DUP2_X2);
          mv.visitInsn(Opcodes.POP2);
          mv.visitInsn(s.kind == Kind.REVERSED_SUBTRACT ? Opcodes.DSUB : Opcodes.DDIV);
        }
        case RECIPROCAL -> {
          mv.visitVarInsn(Opcodes.DLOAD, local);
          mv.visitInsn(Opcodes.DMUL);
        }
        case DIVIDE_ONCE, DIVIDE_TWICE -> {
          mv.visitVarInsn(Opcodes.DLOAD, local);
          if (fast) {
            mv.visitVarInsn(Opcodes.DLOAD, 6 + 2 * slot[1]);
            mv.visitMethodInsn(Opcodes.INVOKESTATIC, "dev/sloth/array/ScalarDivision",
                s.kind == Kind.DIVIDE_ONCE ? "once" : "twice", "(DDD)D", false);
          } else {
            mv.visitInsn(Opcodes.DDIV);
          }
        }
        case NEGATE -> mv.visitInsn(Opcodes.DNEG);
        case ABS -> mv.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/Math", "abs", "(D)D", false);
        case SQRT -> mv.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/Math", "sqrt", "(D)D", false);
      }
    }
    mv.visitInsn(Opcodes.DASTORE);
    mv.visitIincInsn(5, 1);
    mv.visitJumpInsn(Opcodes.GOTO, test);
    mv.visitLabel(end);
    mv.visitInsn(Opcodes.RETURN);
    mv.visitMaxs(0, 0);
    mv.visitEnd();
  }
}
