package dev.sloth.array;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import org.junit.jupiter.api.Test;

/**
 * The generated loops ({@link FusedLoops}) against the kernel's steps ({@code Kernel.compile(a, capacity, false)}),
 * bit for bit (a NaN only has to stay a NaN), for random queues of the covered operations and values including NaN,
 * infinities, signed zeros, subnormals and huge values; read directly from the base (sequentially and on two
 * threads) and through the block buffer (a slice); the shape cache; and the fallback for queues not covered.
 */
class FusedLoopsTest {
  private static final ExecutorService POOL = Executors.newFixedThreadPool(2);

  @AfterContainer
  static void shutDown() {
    POOL.shutdown();
  }

  /** One covered operation: a scalar {@code + - * /} (maybe reversed) or a unary operation. */
  record Stage(BinaryOp op, boolean reversed, double scalar, UnaryOp unary) {
    LArray applyTo(LArray a) {
      if (unary != null) {
        return a.map(unary);
      }
      return reversed ? a.combineReversed(op, scalar) : a.combine(op, scalar);
    }
  }

  @Provide
  Arbitrary<Stage> stages() {
    Arbitrary<Double> scalar = Arbitraries.oneOf(Arbitraries.of(2.0, 1.0, -0.5, 0.0, -0.0, 1e300, 1e-300, 3.0, 7.0,
        10.0, 0.1, -3.0, 4.0, 0x1p-1030, 0x1p1023, Double.MIN_VALUE, Double.MAX_VALUE, Double.NaN,
        Double.POSITIVE_INFINITY), Arbitraries.doubles().between(-10, 10));
    Arbitrary<Stage> binary = Combinators.combine(
        Arbitraries.of(BinaryOp.ADD, BinaryOp.SUBTRACT, BinaryOp.MULTIPLY, BinaryOp.DIVIDE, BinaryOp.DIVIDE,
            BinaryOp.DIVIDE), // divisions often enough for the fast loop (FusedLoops.SCAN_COST)
        Arbitraries.of(false, false, false, true), scalar).as((op, r, c) -> new Stage(op, r, c, null));
    Arbitrary<Stage> unary = Arbitraries.of(UnaryOp.NEGATE, UnaryOp.ABS, UnaryOp.SQRT)
        .map(u -> new Stage(null, false, 0, u));
    return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(5, binary), net.jqwik.api.Tuple.of(1, unary));
  }

  /** The queue's values computed by the kernel's steps, block by block. */
  static double[] bySteps(LArray a) {
    int n = (int) a.shape().size();
    Kernel k = Kernel.compile(a, Kernel.BLOCK, false);
    Block b = new Block(Selection.whole(a.shape()), Kernel.BLOCK);
    double[] out = new double[n];
    for (int s = 0; s < n; s += Kernel.BLOCK) {
      int m = Math.min(Kernel.BLOCK, n - s);
      b.reset(s, m);
      k.run(b);
      k.store(out, s, m);
    }
    return out;
  }

  static void assertSameBits(double[] expected, double[] got, String what) {
    assertThat(got).hasSameSizeAs(expected);
    for (int i = 0; i < expected.length; i++) {
      assertThat(ScalarDivisionTest.sameResult(expected[i], got[i]))
          .as("%s, element %d: expected %s, got %s", what, i, expected[i], got[i]).isTrue();
    }
  }

  @Property(tries = 120)
  void theGeneratedLoopGivesTheStepsBits(@ForAll @IntRange(min = 1, max = 5000) int n,
      @ForAll @Size(min = 1, max = 30) List<@net.jqwik.api.From("stages") Stage> stages, @ForAll long seed,
      @ForAll boolean specials) {
    SplittableRandom rnd = new SplittableRandom(seed);
    LArray a = LArray.of(FastDivisionKernelTest.values(rnd, n, specials));
    for (Stage s : stages) {
      a = s.applyTo(a);
    }
    assertThat(Kernel.compile(a, Kernel.BLOCK).toString()).startsWith("[FusedLoop(");
    double[] expected = bySteps(a);
    assertSameBits(expected, a.evaluate().toDoubleArray(), "direct");
    assertSameBits(expected, a.evaluate(POOL, 2).toDoubleArray(), "direct, 2 threads");
    int from = rnd.nextInt(n);
    double[] slice = a.get(Index.slice(from, n)).toDoubleArray(); // not from element 0: through the block buffer
    assertSameBits(java.util.Arrays.copyOfRange(expected, from, n), slice, "slice from " + from);
  }

  @Property(tries = 300)
  void theBlockScanFindsTheIntervalOrANaN(@ForAll @IntRange(min = 1, max = 40) int n, @ForAll long seed,
      @ForAll boolean specials, @ForAll boolean mixedSigns) {
    SplittableRandom rnd = new SplittableRandom(seed);
    double[] x = FastDivisionKernelTest.values(rnd, n, specials);
    for (int i = 0; i < n; i++) {
      x[i] = mixedSigns || Double.isNaN(x[i]) ? x[i] : Math.copySign(x[i], seed); // one sign unless mixed
    }
    int from = rnd.nextInt(n);
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (int i = from; i < n; i++) {
      lo = Math.min(lo, x[i]); // the model: NaN sticks, -0.0 below 0.0
      hi = Math.max(hi, x[i]);
    }
    Kernel k = Kernel.compile(LArray.of(x).plus(1.0), 1);
    boolean ranged = k.scanRange(x, from, n);
    assertThat(ranged).isEqualTo(!Double.isNaN(lo));
    if (ranged) {
      assertThat(Double.doubleToRawLongBits(k.min)).as("min of %s", java.util.Arrays.toString(x))
          .isEqualTo(Double.doubleToRawLongBits(lo));
      assertThat(Double.doubleToRawLongBits(k.max)).as("max of %s", java.util.Arrays.toString(x))
          .isEqualTo(Double.doubleToRawLongBits(hi));
    }
  }

  /**
   * The benchmark's step {@code (a*2+1)/3} eight times (enough divisions for the scan to pay), with dividends that
   * are proven in range in most blocks and not in some.
   */
  @Test
  void blocksWithValuesOutOfRangeTakeThePlainLoop() {
    double[] x = new double[5 * Kernel.BLOCK + 17];
    for (int i = 0; i < x.length; i++) {
      x[i] = i * 0.001;
    }
    x[Kernel.BLOCK + 5] = Double.NaN;
    x[2 * Kernel.BLOCK + 9] = -0.5; // the first dividend is 0 there: 0 / 3 is out of the FMA path's range
    x[3 * Kernel.BLOCK] = Double.POSITIVE_INFINITY;
    x[4 * Kernel.BLOCK + 1] = 0x1p-1060;
    LArray a = LArray.of(x);
    double zero = 0.0; // the element whose first dividend is 0
    for (int k = 0; k < 8; k++) {
      a = a.times(2.0).plus(1.0).div(3.0);
      zero = k == 0 ? 0.0 / 3.0 : (zero * 2.0 + 1.0) / 3.0;
    }
    a = a.sqrt();
    FusedLoops.Plan plan = FusedLoops.plan(a);
    assertThat(plan.tracksRange).isEqualTo(ScalarDivision.FMA_IS_FAST);
    assertThat(FusedLoops.plan(a.div(3.0).times(1.0).abs()).tracksRange).isEqualTo(ScalarDivision.FMA_IS_FAST);
    assertSameBits(bySteps(a), a.evaluate().toDoubleArray(), "whole");
    assertThat(a.getDouble(2 * Kernel.BLOCK + 9)).isEqualTo(Math.sqrt(zero));
  }

  @Test
  void eachDivisionIsClassifiedByItsDivisor() {
    LArray a = LArray.of(new double[] {1}).div(1e300).div(3.0).div(0.25).div(0.0).div(3e-310);
    FusedLoops.Plan plan = FusedLoops.plan(a);
    assertThat(plan.shape).isEqualTo(ScalarDivision.FMA_IS_FAST ? "/2 /1 /2^k / /" : "/ / /2^k / /");
  }

  /**
   * Read directly, a block runs the fast loop before its proof; one that is not proven (here a -0.0, which the FMA
   * path turns into +0.0, an infinity, which it turns into NaN, and a subnormal) must be recomputed plainly,
   * sequentially and on two threads, and the blocks after it still give the steps' bits.
   */
  @Test
  void aBlockComputedBeforeItsProofIsRecomputedWhenNotProven() {
    double[] x = new double[6 * Kernel.BLOCK + 3];
    for (int i = 0; i < x.length; i++) {
      x[i] = 1 + i * 1e-4;
    }
    x[Kernel.BLOCK + 7] = -0.0;
    x[Kernel.BLOCK + 8] = Double.POSITIVE_INFINITY;
    x[3 * Kernel.BLOCK + 1] = 0x1p-1070; // after a proven block again
    x[5 * Kernel.BLOCK + 2] = Double.NEGATIVE_INFINITY; // the last block, which the second thread computes
    LArray a = LArray.of(x);
    for (int k = 0; k < 5; k++) {
      a = a.div(3.0);
    }
    a = a.times(1.0);
    assertThat(FusedLoops.plan(a).tracksRange).isEqualTo(ScalarDivision.FMA_IS_FAST);
    double[] expected = bySteps(a);
    assertThat(Double.doubleToRawLongBits(expected[Kernel.BLOCK + 7])).isEqualTo(Double.doubleToRawLongBits(-0.0));
    assertThat(expected[Kernel.BLOCK + 8]).isEqualTo(Double.POSITIVE_INFINITY);
    assertSameBits(expected, a.evaluate().toDoubleArray(), "whole");
    assertSameBits(expected, a.evaluate(POOL, 2).toDoubleArray(), "whole, 2 threads");
  }

  /** The one-OR check against its definition, at the interval's ends and for specials. */
  @Property(tries = 300)
  void theCheckedIntervalHoldsExactlyWhenEveryValueLiesInIt(@ForAll @IntRange(min = 1, max = 40) int n,
      @ForAll long seed, @ForAll boolean specials) {
    SplittableRandom rnd = new SplittableRandom(seed);
    double[] ends = {FusedLoops.CHECKED_LOW, Math.nextDown(FusedLoops.CHECKED_LOW), FusedLoops.CHECKED_HIGH,
        Math.nextDown(FusedLoops.CHECKED_HIGH), -FusedLoops.CHECKED_LOW, 0.0, -0.0, Double.NaN,
        Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MIN_VALUE, Double.MAX_VALUE, 1.0, -1.0};
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = specials && rnd.nextInt(4) == 0 ? ends[rnd.nextInt(ends.length)]
          : rnd.nextBoolean() ? 1 + rnd.nextDouble() * 1e4 : Math.scalb(1 + rnd.nextDouble(), rnd.nextInt(-530, 530));
    }
    int from = rnd.nextInt(n);
    boolean model = true;
    for (int i = from; i < n; i++) {
      model &= x[i] >= FusedLoops.CHECKED_LOW && x[i] < FusedLoops.CHECKED_HIGH;
    }
    assertThat(FusedLoops.inCheckedInterval(x, from, n)).as(java.util.Arrays.toString(x)).isEqualTo(model);
  }

  @Test
  void aFewDivisionsDoNotPayForTheProof() {
    LArray five = LArray.of(new double[] {1});
    LArray two = five;
    for (int k = 0; k < 5; k++) {
      five = five.times(2.0).plus(1.0).div(3.0);
      two = k < 2 ? five : two;
    }
    FusedLoops.Plan chain = FusedLoops.plan(five);
    assertThat(chain.checkedInterval).as("the benchmark's chain: the checked interval proves it")
        .isEqualTo(ScalarDivision.FMA_IS_FAST);
    assertThat(chain.tracksRange).as("five divisions pay for the check").isEqualTo(ScalarDivision.FMA_IS_FAST);
    assertThat(FusedLoops.plan(two).tracksRange).as("two do not").isFalse();
    LArray nearZero = LArray.of(new double[] {1});
    for (int k = 0; k < 5; k++) {
      nearZero = nearZero.minus(1.0).div(3.0); // 1 - 1 = 0: the checked interval does not prove the divisions
    }
    assertThat(FusedLoops.plan(nearZero).checkedInterval).isFalse();
    assertThat(FusedLoops.plan(nearZero).tracksRange).as("five do not pay for the scan").isFalse();
    FusedLoops.Plan plan = FusedLoops.plan(LArray.of(new double[] {1, 2, 3}).div(3.0).plus(1.0));
    assertThat(plan.tracksRange).isFalse();
    assertThat(LArray.of(new double[] {1, 2, 3}).div(3.0).plus(1.0).evaluate().toDoubleArray())
        .containsExactly(1 / 3.0 + 1, 2 / 3.0 + 1, 2.0);
  }

  /**
   * The fast loop computes {@code x * 2^k + b} (k >= 0) as one {@code Math.fma}: in the benchmark's chain, all five
   * multiply-adds; not a multiplication by a scalar that rounds, not a plan that never runs its fast loop.
   */
  @Test
  void theFastLoopFusesAMultiplicationByAPowerOfTwoWithTheAdditionAfterIt() {
    LArray five = LArray.of(new double[] {1, 2, 3});
    LArray rounding = five;
    LArray negative = five;
    for (int k = 0; k < 5; k++) {
      five = five.times(2.0).plus(1.0).div(3.0);
      rounding = rounding.times(3.0).plus(1.0).div(3.0);
      negative = negative.times(-4.0).minus(1.0).div(-3.0);
    }
    assertThat(FusedLoops.plan(five).fusesMultiplyAdds()).isEqualTo(ScalarDivision.FMA_IS_FAST ? 5 : 0);
    assertThat(FusedLoops.plan(negative).fusesMultiplyAdds()).isEqualTo(ScalarDivision.FMA_IS_FAST ? 5 : 0);
    assertThat(FusedLoops.plan(rounding).fusesMultiplyAdds()).as("x * 3 rounds").isZero();
    assertThat(FusedLoops.plan(LArray.of(new double[] {1}).times(2.0).plus(1.0).div(3.0)).fusesMultiplyAdds())
        .as("one division: the fast loop is never run").isZero();
    assertThat(five.evaluate().toDoubleArray()).containsExactly(bySteps(five));
    assertThat(negative.evaluate().toDoubleArray()).containsExactly(bySteps(negative));
  }

  /**
   * A fused {@code x * 128 - MAX} where {@code x * 128} overflows: the steps give infinity, {@code fma} a finite
   * number. The block of such values has its divisions in range (the scan proves them), so only the proof that the
   * fused product stays finite sends it to the plain loop.
   */
  @Test
  void aFusedMultiplyAddIsOnlyRunWhereItsProductIsProvenFinite() {
    double[] x = new double[3 * Kernel.BLOCK];
    for (int i = 0; i < x.length; i++) {
      x[i] = i / Kernel.BLOCK == 1 ? 0x1p1022 : 1 + i * 1e-3;
    }
    LArray a = LArray.of(x).div(3.0).div(3.0).div(3.0).times(128.0).minus(Double.MAX_VALUE);
    assertThat(FusedLoops.plan(a).fusesMultiplyAdds()).isEqualTo(ScalarDivision.FMA_IS_FAST ? 1 : 0);
    double[] expected = bySteps(a);
    assertThat(expected[Kernel.BLOCK]).isEqualTo(Double.POSITIVE_INFINITY);
    assertSameBits(expected, a.evaluate().toDoubleArray(), "whole");
    assertSameBits(expected, a.evaluate(POOL, 2).toDoubleArray(), "whole, 2 threads");
    assertSameBits(java.util.Arrays.copyOfRange(expected, 1, x.length),
        a.get(Index.slice(1, x.length)).toDoubleArray(), "through the block buffer");
  }

  @Test
  void queuesOfOneShapeShareOneGeneratedClass() {
    double[] x = {1, 2, 3, 4};
    // a shape no other test uses: abs, then neg, sqrt, * 2, - 1, / 3
    LArray first = LArray.of(x).abs().negate().abs().sqrt().times(2.0).minus(1.0).div(3.0);
    int before = FusedLoops.generatedClasses();
    double[] v1 = first.evaluate().toDoubleArray();
    assertThat(FusedLoops.generatedClasses()).as("the new shape's class").isEqualTo(before + 1);
    LArray second = LArray.of(new double[] {5, 6}).abs().negate().abs().sqrt().times(-7.5).minus(0.25).div(10.0);
    double[] v2 = second.evaluate().toDoubleArray();
    LArray third = LArray.of(x).abs().negate().abs().sqrt().times(2.0).minus(1.0).div(3.0);
    third.get(Index.slice(1, 3));
    assertThat(FusedLoops.generatedClasses()).as("other scalars, the same class").isEqualTo(before + 1);
    FusedLoops.Loop l1 = FusedLoops.loop(FusedLoops.plan(first));
    FusedLoops.Loop l2 = FusedLoops.loop(FusedLoops.plan(second));
    assertThat(l1.getClass()).isSameAs(l2.getClass());
    assertThat(l1.getClass().isHidden()).isTrue();
    assertThat(v1[3]).isEqualTo((Math.sqrt(4) * 2.0 - 1.0) / 3.0);
    assertThat(v2[1]).isEqualTo((Math.sqrt(6) * -7.5 - 0.25) / 10.0);
  }

  @Test
  void queuesTheGeneratorDoesNotCoverRunInTheKernelsSteps() {
    double[] x = {0.5, 1.5, -2.0};
    LArray function = LArray.of(x).times(2.0).apply(v -> v + 1).div(3.0);
    LArray arrayOperand = LArray.of(x).times(2.0).plus(LArray.of(x)).div(3.0);
    LArray exp = LArray.of(x).times(2.0).map(UnaryOp.EXP);
    LArray integers = LArray.of(new long[] {1, 2, 3}).times(2).plus(1);
    LArray comparison = LArray.of(x).times(2.0).lt(1.0);
    for (LArray a : List.of(function, arrayOperand, exp, integers, comparison)) {
      assertThat(FusedLoops.plan(a)).as(a.operations().toString()).isNull();
      assertThat(Kernel.compile(a, 3).toString()).doesNotContain("FusedLoop");
    }
    assertThat(function.evaluate().toDoubleArray()).containsExactly((1.0 + 1) / 3.0, (3.0 + 1) / 3.0, -3.0 / 3.0);
    assertThat(arrayOperand.evaluate().toDoubleArray()).containsExactly(1.5 / 3.0, 4.5 / 3.0, -6.0 / 3.0);
    assertThat(exp.evaluate().toDoubleArray()).containsExactly(Math.exp(1.0), Math.exp(3.0), Math.exp(-4.0));
    assertThat(integers.evaluate().toLongArray()).containsExactly(3, 5, 7);
    assertThat(comparison.evaluate().toBooleanArray()).containsExactly(false, false, true);
  }
}
