package dev.sloth.array;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * Queues that divide by scalars, where the kernel fuses {@code + - *} into the division's loop and uses the FMA
 * path when its interval proves the block in range: results equal one Java operation at a time, bit for bit, also
 * for blocks holding zeros, infinities, NaN, subnormals and huge values.
 */
class FastDivisionKernelTest {

  /** Up to two scalar {@code + - *}, then a division; or a unary operation. */
  record Stage(List<BinaryOp> ops, List<Double> constants, double divisor, UnaryOp unary) {}

  @Provide
  Arbitrary<Stage> stages() {
    Arbitrary<BinaryOp> op = Arbitraries.of(BinaryOp.ADD, BinaryOp.SUBTRACT, BinaryOp.MULTIPLY);
    Arbitrary<Double> constant = Arbitraries.oneOf(Arbitraries.of(2.0, 1.0, -0.5, 0.0, -0.0, 1e300, 1e-300),
        Arbitraries.doubles().between(-10, 10));
    Arbitrary<Double> divisor = Arbitraries.oneOf(Arbitraries.of(3.0, 7.0, 10.0, 0.1, -3.0, 1e-300, 1e300, 4.0,
        0.0, Double.MIN_VALUE), Arbitraries.doubles().between(-100, 100));
    Arbitrary<UnaryOp> unary = Arbitraries.of(UnaryOp.SQRT, UnaryOp.ABS, UnaryOp.NEGATE, UnaryOp.EXP).injectNull(0.7);
    return Combinators.combine(op.list().ofMaxSize(2), constant.list().ofSize(2), divisor, unary)
        .as(Stage::new);
  }

  @Property(tries = 150)
  void divisionQueuesEqualOneOperationAtATime(@ForAll @IntRange(min = 1, max = 4000) int n,
      @ForAll @Size(min = 1, max = 8) List<@net.jqwik.api.From("stages") Stage> stages, @ForAll long seed,
      @ForAll boolean specials) {
    double[] x = values(new SplittableRandom(seed), n, specials);
    double[] expected = x.clone();
    LArray a = LArray.of(x);
    for (Stage s : stages) {
      for (int j = 0; j < s.ops.size(); j++) {
        BinaryOp op = s.ops.get(j);
        double c = s.constants.get(j);
        for (int i = 0; i < n; i++) {
          expected[i] = FusedKernelPropertiesTest.model(op, expected[i], c);
        }
        a = a.combine(op, c);
      }
      for (int i = 0; i < n; i++) {
        expected[i] = expected[i] / s.divisor;
      }
      a = a.div(s.divisor);
      if (s.unary != null) {
        for (int i = 0; i < n; i++) {
          expected[i] = s.unary.apply(expected[i]);
        }
        a = a.map(s.unary);
      }
    }
    double[] got = a.evaluate().toDoubleArray();
    for (int i = 0; i < n; i++) {
      assertThat(ScalarDivisionTest.sameResult(expected[i], got[i]))
          .as("element %d: expected %s, got %s", i, expected[i], got[i]).isTrue();
    }
  }

  /**
   * n values of one random binade (a tenth negative); with {@code specials}, some zeros, infinities, NaN,
   * subnormals and extreme values among them.
   */
  static double[] values(SplittableRandom rnd, int n, boolean specials) {
    double[] x = new double[n];
    double scale = Math.scalb(1.0, rnd.nextInt(-1000, 1000));
    for (int i = 0; i < n; i++) {
      x[i] = rnd.nextDouble(0.5, 2) * scale * (rnd.nextInt(10) == 0 ? -1 : 1);
    }
    if (specials) {
      double[] odd = {0.0, -0.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN, Double.MIN_VALUE,
          -Double.MIN_VALUE, 0x1p-1060, Double.MAX_VALUE, -Double.MAX_VALUE, 0x1p-1000, 0x1p1000};
      for (int k = 0; k < 1 + n / 300; k++) {
        x[rnd.nextInt(n)] = odd[rnd.nextInt(odd.length)];
      }
    }
    return x;
  }

  @Test
  void theBenchmarkChainIsProvenInRangeBlockByBlock() {
    double[] data = new double[3000];
    for (int i = 0; i < data.length; i++) {
      data[i] = i * 0.001;
    }
    LArray a = LArray.of(data);
    for (int k = 0; k < 5; k++) {
      a = a.times(2.0).plus(1.0).div(3.0);
    }
    Kernel kernel = Kernel.compile(a, Kernel.BLOCK, false); // the steps (FusedLoopTest: the generated loop)
    Block block = new Block(Selection.whole(a.shape()), Kernel.BLOCK);
    block.reset(0, Kernel.BLOCK);
    kernel.run(block);
    // without a fast Math.fma there are no corrections, so no interval to carry (FmaDetectionTest)
    assertThat(kernel.ranged).as("interval carried to the end").isEqualTo(ScalarDivision.FMA_IS_FAST);
    if (kernel.ranged) {
      assertThat(kernel.min).isLessThanOrEqualTo(kernel.d[0]);
      assertThat(kernel.max).isGreaterThanOrEqualTo(kernel.d[Kernel.BLOCK - 1]);
    }

    data[1500] = Double.NaN; // in the second block: that block is divided plainly
    Kernel again = Kernel.compile(LArray.of(data).times(2.0).plus(1.0).div(3.0).div(7.0).div(3.0), Kernel.BLOCK,
        false);
    block.reset(Kernel.BLOCK, Kernel.BLOCK);
    again.run(block);
    assertThat(again.ranged).isFalse();
    assertThat(Double.isNaN(again.d[1500 - Kernel.BLOCK])).isTrue();
    assertThat(again.d[0]).isEqualTo((((Kernel.BLOCK * 0.001) * 2.0 + 1.0) / 3.0) / 7.0 / 3.0);
  }

  @Test
  void aSingleDivisionDoesNotPayForTheScan() {
    Kernel kernel = Kernel.compile(LArray.of(new double[] {1, 2, 3}).div(3.0), 3, false);
    Block block = new Block(Selection.whole(Shape.of(3)), 3);
    block.reset(0, 3);
    kernel.run(block);
    assertThat(kernel.ranged).isFalse();
    assertThat(kernel.d).containsExactly(1 / 3.0, 2 / 3.0, 1.0);
  }
}
