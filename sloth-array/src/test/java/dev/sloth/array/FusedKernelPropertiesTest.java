package dev.sloth.array;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * The fused block kernel against a simple model: apply each queued operation to a plain array, one operation at a
 * time, one element at a time. Array lengths straddle the block size so that partial blocks and several blocks
 * are exercised; slices are checked against a model of Python's slice loop.
 */
class FusedKernelPropertiesTest {

  record Step(BinaryOp op, boolean reversed, boolean arrayOperand, double scalar) {}

  @Provide
  Arbitrary<Step> steps() {
    Arbitrary<BinaryOp> ops = Arbitraries.of(BinaryOp.ADD, BinaryOp.SUBTRACT, BinaryOp.MULTIPLY, BinaryOp.DIVIDE,
        BinaryOp.MIN, BinaryOp.MAX, BinaryOp.HYPOT, BinaryOp.ATAN2, BinaryOp.FMOD, BinaryOp.POW);
    return Combinators.combine(ops, Arbitraries.of(true, false), Arbitraries.of(true, false),
        Arbitraries.doubles().between(-3, 3)).as(Step::new);
  }

  static double model(BinaryOp op, double a, double b) {
    return switch (op) {
      case ADD -> a + b;
      case SUBTRACT -> a - b;
      case MULTIPLY -> a * b;
      case DIVIDE -> a / b;
      case MIN -> Math.min(a, b);
      case MAX -> Math.max(a, b);
      case HYPOT -> Math.hypot(a, b);
      case ATAN2 -> Math.atan2(a, b);
      case FMOD -> a % b;
      // C's pow, as NumPy's power (C99 Annex F): 1 ** anything and (-1) ** +-inf are 1; otherwise Java's
      case POW -> a == 1.0 || (a == -1.0 && Double.isInfinite(b)) ? 1.0 : Math.pow(a, b);
      default -> throw new AssertionError(op);
    };
  }

  @Property(tries = 60)
  void fusedQueueEqualsOneOperationAtATime(@ForAll @IntRange(min = 1, max = 3000) int n,
      @ForAll @Size(max = 8) List<@net.jqwik.api.From("steps") Step> steps, @ForAll long seed) {
    java.util.SplittableRandom rnd = new java.util.SplittableRandom(seed);
    double[] x = rnd.doubles(n, -5, 5).toArray();
    double[] y = rnd.doubles(n, -5, 5).toArray();
    double[] expected = x.clone();
    LArray a = LArray.of(x);
    LArray operand = LArray.fromFunction(n, i -> y[i]);
    for (Step s : steps) {
      for (int i = 0; i < n; i++) {
        double b = s.arrayOperand ? y[i] : s.scalar;
        expected[i] = s.reversed ? model(s.op, b, expected[i]) : model(s.op, expected[i], b);
      }
      a = s.arrayOperand
          ? (s.reversed ? a.combineReversed(s.op, operand) : a.combine(s.op, operand))
          : (s.reversed ? a.combineReversed(s.op, s.scalar) : a.combine(s.op, s.scalar));
    }
    assertThat(a.evaluate().toDoubleArray()).containsExactly(expected);
    int k = rnd.nextInt(n);
    assertThat(Double.valueOf(a.getDouble(k))).isEqualTo(Double.valueOf(expected[k])); // NaN equals NaN here
  }

  @Property(tries = 60)
  void integerQueuesWrapLikeInt32(@ForAll @Size(min = 1, max = 1500) List<Integer> values,
      @ForAll int c1, @ForAll int c2) {
    int[] x = values.stream().mapToInt(Integer::intValue).toArray();
    LArray a = LArray.of(x).times(c1).plus(LArray.of(x)).minus(c2).abs();
    int[] expected = new int[x.length];
    for (int i = 0; i < x.length; i++) {
      expected[i] = Math.abs(x[i] * c1 + x[i] - c2);
    }
    assertThat(a.elementType()).isEqualTo(ElementType.INT);
    assertThat(a.evaluate().toIntArray()).containsExactly(expected);
  }

  @Property(tries = 200)
  void slicesMatchPythonsSliceLoop(@ForAll @IntRange(max = 40) int n, @ForAll @IntRange(min = -50, max = 50) int start,
      @ForAll @IntRange(min = -50, max = 50) int stop, @ForAll @IntRange(min = -7, max = 7) int step,
      @ForAll boolean omitStart, @ForAll boolean omitStop) {
    if (step == 0) {
      return;
    }
    Integer lo = omitStart ? null : start;
    Integer hi = omitStop ? null : stop;
    // Python: the bounds are made non-negative, clamped, then the loop runs while i is on the near side of stop
    int s;
    int e;
    if (step > 0) {
      s = lo == null ? 0 : lo < 0 ? Math.max(0, lo + n) : Math.min(lo, n);
      e = hi == null ? n : hi < 0 ? Math.max(0, hi + n) : Math.min(hi, n);
    } else {
      s = lo == null ? n - 1 : lo < 0 ? Math.max(-1, lo + n) : Math.min(lo, n - 1);
      e = hi == null ? -1 : hi < 0 ? Math.max(-1, hi + n) : Math.min(hi, n - 1);
    }
    java.util.List<Double> expected = new java.util.ArrayList<>();
    for (int i = s; step > 0 ? i < e : i > e; i += step) {
      expected.add((double) i);
    }
    LArray a = LArray.fromFunction(n, i -> i);
    double[] got = a.get(Index.slice(lo, hi, step)).toDoubleArray();
    assertThat(got).containsExactly(expected.stream().mapToDouble(Double::doubleValue).toArray());
  }
}
