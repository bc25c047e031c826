package dev.sloth.array;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Queued operations: laziness, arithmetic and its types, reflected and in-place forms, math functions. */
class LArrayOperationsTest {
  static final LArray M = LArray.of(IntStream.range(0, 12).toArray(), Shape.of(4, 3));

  @Test
  void operationsAreQueuedNotRunAndShareTheBase() {
    AtomicInteger calls = new AtomicInteger();
    LArray a = LArray.fromFunction(4, i -> {
      calls.incrementAndGet();
      return i;
    });
    LArray b = a.times(2).plus(1).sqrt().apply(x -> x * x);
    assertThat(calls.get()).isZero();
    assertThat(b.evaluate().toDoubleArray()).containsExactly(new double[] {1, 3, 5, 7}, within(1e-12));
    assertThat(calls.get()).isEqualTo(4);
    assertThat(a.evaluate().toDoubleArray()).as("the original is unchanged").containsExactly(0, 1, 2, 3);
    assertThat(b.toString()).contains("* 2", "+ 1", "sqrt", "apply(f)");
  }

  @Test
  void arithmeticWithScalarsArraysAndLazyArrays() {
    double[] in = IntStream.range(0, 12).asDoubleStream().toArray();
    LArray m = LArray.of(in, Shape.of(4, 3));
    LArray other = LArray.fromFunction(4, 3, (i, j) -> i + 1);
    assertThat(m.plus(2).minus(1.5).times(2).div(4).evaluate().toDoubleArray())
        .containsExactly(IntStream.range(0, 12).mapToDouble(x -> (x + 2 - 1.5) * 2 / 4).toArray());
    assertThat(m.plus(other).get("3").toDoubleArray()).containsExactly(13, 14, 15);
    assertThat(m.times(LArray.of(in, Shape.of(4, 3))).get("2, 1").doubleValue()).isEqualTo(49);
    assertThat(m.pow(2).get("-1").toDoubleArray()).containsExactly(81, 100, 121);
    assertThat(m.pow(other).get("1").toDoubleArray()).containsExactly(9, 16, 25);
  }

  @Test
  void reflectedForms() {
    assertThat(M.rminus(11).evaluate().toIntArray())
        .containsExactly(IntStream.range(0, 12).map(x -> 11 - x).toArray());
    assertThat(M.rdiv(12.0).get("0, 1:").toDoubleArray()).containsExactly(12, 6);
    assertThat(M.rpow(2.0).get("1").toDoubleArray()).containsExactly(8, 16, 32);
    assertThat(M.combineReversed(BinaryOp.FMOD, 7L).get("0, 1:").toLongArray()).containsExactly(0, 1);
    LArray ten = LArray.of(10.0, Shape.of(4, 3));
    assertThat(M.combineReversed(BinaryOp.SUBTRACT, ten).get("0").toDoubleArray()).containsExactly(10, 9, 8);
  }

  @Test
  void inPlaceFormsReplaceTheHeldArrayOnly() {
    MutableLArray m = MutableLArray.of(LArray.of(5.0, Shape.of(4, 3)));
    LArray before = m.get();
    m.addInPlace(2);
    assertThat(m.get().evaluate().toDoubleArray()).containsOnly(7.0);
    assertThat(m.get().evaluateSimplified().doubleValue()).isEqualTo(7);
    assertThat(before.evaluateSimplified().doubleValue()).as("earlier snapshot keeps its queue").isEqualTo(5);
    m.multiplyInPlace(3).subtractInPlace(1).divideInPlace(4).powInPlace(2);
    assertThat(m.get().evaluateSimplified().doubleValue()).isEqualTo(25);
    MutableLArray g = MutableLArray.of(LArray.fromIterator(IntStream.range(0, 4).map(x -> 3 * x).boxed().iterator(),
        ElementType.INT, Shape.of(4)));
    g.multiplyInPlace(LArray.of(7, Shape.of(4)));
    assertThat(g.get().evaluate().toIntArray()).containsExactly(0, 21, 42, 63);
  }

  @Test
  void negativeIntegerPowersOfIntegersAreRefusedWhenQueuedByEveryForm() {
    // docs/array.md: NumPy refuses integers to negative integer powers, "and so does LArray, when the operation is
    // queued": pow(-1) did, combine(POW, -1) and powInPlace(-1) queued it and failed only when evaluated
    LArray i = LArray.of(new int[] {2, 3});
    LArray t = LArray.of(new boolean[] {true});
    for (Runnable queue : java.util.List.<Runnable>of(() -> i.pow(-1), () -> i.pow(-1L),
        () -> i.combine(BinaryOp.POW, -1), () -> i.combine(BinaryOp.POW, -2L), () -> t.combine(BinaryOp.POW, -1),
        () -> MutableLArray.of(i).powInPlace(-1), () -> MutableLArray.of(i).powInPlace(-2L),
        () -> MutableLArray.of(i).combineInPlace(BinaryOp.POW, -1))) {
      assertThatThrownBy(queue::run).isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("integers to negative integer powers are not allowed (");
    }
    assertThatThrownBy(() -> i.combine(BinaryOp.POW, -1)).hasMessage(
        "integers to negative integer powers are not allowed (INT array ** -1)");
    MutableLArray m = MutableLArray.of(i);
    assertThatThrownBy(() -> m.powInPlace(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThat(m.get()).as("the held array is unchanged").isSameAs(i);
    // what NumPy allows stays allowed: a double base or exponent, a non-negative one, the reflected form
    assertThat(LArray.of(new double[] {2}).combine(BinaryOp.POW, -1).getDouble(0)).isEqualTo(0.5);
    assertThat(i.pow(-1.0).getDouble(0)).isEqualTo(0.5);
    assertThat(i.combine(BinaryOp.POW, 0).getLong(1)).isEqualTo(1);
    assertThat(i.rpow(-2).evaluate().toIntArray()).containsExactly(4, -8);
  }

  @Test
  void anUpdateThatReturnsNullLeavesTheHeldArray() {
    LArray held = LArray.of(new double[] {1, 2});
    MutableLArray m = MutableLArray.of(held);
    assertThatThrownBy(() -> m.update(a -> null)).isInstanceOf(NullPointerException.class)
        .hasMessageContaining("the update function returned null");
    assertThat(m.get()).isSameAs(held);
    assertThat(m.addInPlace(1).get().evaluate().toDoubleArray()).containsExactly(2, 3);
    assertThatThrownBy(() -> m.update(null)).isInstanceOf(NullPointerException.class)
        .hasMessage("update function is null");
  }

  @Test
  void inPlaceUpdatesFromManyThreadsAreNeverLost() throws Exception {
    int threads = 64;
    MutableLArray m = MutableLArray.of(LArray.of(0L, Shape.of(3)));
    CyclicBarrier start = new CyclicBarrier(threads);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      Future<?>[] fs = new Future<?>[threads];
      for (int t = 0; t < threads; t++) {
        fs[t] = pool.submit(() -> {
          start.await();
          m.update(a -> a.plus(1));
          return null;
        });
      }
      for (Future<?> f : fs) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    assertThat(m.get().evaluateSimplified().longValue()).isEqualTo(threads);
  }

  @Test
  void unaryMinusAbsAndMathFunctions() {
    LArray d = LArray.fromFunction(3, 4, (i, j) -> i - j);
    assertThat(d.abs().evaluate().toDoubleMatrix())
        .isEqualTo(new double[][] {{0, 1, 2, 3}, {1, 0, 1, 2}, {2, 1, 0, 1}});
    assertThat(M.negate().get("1").toIntArray()).containsExactly(-3, -4, -5);
    assertThat(LArray.of(new int[] {Integer.MIN_VALUE}).negate().evaluate().toIntArray())
        .as("int32 wraps like NumPy").containsExactly(Integer.MIN_VALUE);
    LArray x = LArray.of(new double[] {0.25, 1, 4});
    assertThat(x.sqrt().evaluate().toDoubleArray()).containsExactly(0.5, 1, 2);
    assertThat(x.log().exp().evaluate().toDoubleArray()).containsExactly(new double[] {0.25, 1, 4}, within(1e-12));
    assertThat(x.sin().evaluate().toDoubleArray()).containsExactly(Math.sin(0.25), Math.sin(1), Math.sin(4));
    assertThat(x.cos().getDouble(1)).isEqualTo(Math.cos(1));
    for (UnaryOp op : UnaryOp.values()) {
      double expected = op.apply(0.5);
      assertThat(LArray.of(0.5, Shape.of(2)).map(op).getDouble(1)).as(op.name()).isEqualTo(expected);
    }
    assertThat(LArray.of(new double[] {-2, Double.NaN}).map(UnaryOp.SIGN).evaluate().toDoubleArray())
        .containsExactly(-1, Double.NaN);
    assertThatThrownBy(() -> LArray.of(new boolean[2]).negate()).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("BOOLEAN");
  }

  @Test
  void twoArgumentFunctionsTakeArraysAndLazyArrays() { // lazyarray's open issue 17
    LArray y = LArray.of(new double[] {1, -1, 0, 3});
    LArray x = LArray.fromFunction(4, i -> i + 0.5);
    assertThat(y.atan2(x).evaluate().toDoubleArray())
        .containsExactly(Math.atan2(1, 0.5), Math.atan2(-1, 1.5), Math.atan2(0, 2.5), Math.atan2(3, 3.5));
    assertThat(y.hypot(x).getDouble(3)).isEqualTo(Math.hypot(3, 3.5));
    assertThat(y.min(x).evaluate().toDoubleArray()).containsExactly(0.5, -1, 0, 3);
    assertThat(y.max(x).evaluate().toDoubleArray()).containsExactly(1, 1.5, 2.5, 3.5);
    assertThat(x.fmod(y).get("0:2").toDoubleArray()).containsExactly(0.5, 0.5);
    assertThat(x.pow(y).getDouble(1)).isEqualTo(1 / 1.5);
    assertThat(y.atan2(1.0).getDouble(0)).isEqualTo(Math.atan2(1, 1));
    assertThat(y.hypot(4).getDouble(3)).isEqualTo(5);
    assertThat(y.min(0).max(-0.5).evaluate().toDoubleArray()).containsExactly(0, -0.5, 0, 0);
    assertThat(y.fmod(2).getDouble(3)).isEqualTo(1);
  }

  @Test
  void powersOfDoublesAreCsPowLikeNumpys() {
    // NumPy's power on float64 is C's pow (C99 Annex F): 1 ** y is 1 for every y, NaN included, and (-1) ** +-inf
    // is 1; Java's Math.pow gives NaN for all of these. np.power([1., 1., 1., -1., -1.], [nan, inf, -inf, inf,
    // -inf]) is [1., 1., 1., 1., 1.]
    double nan = Double.NaN;
    double inf = Double.POSITIVE_INFINITY;
    LArray base = LArray.of(new double[] {1, 1, 1, -1, -1});
    LArray exponent = LArray.of(new double[] {nan, inf, -inf, inf, -inf});
    assertThat(base.pow(exponent).evaluate().toDoubleArray()).containsExactly(1, 1, 1, 1, 1);
    assertThat(LArray.fromFunction(5, i -> i < 3 ? 1 : -1).pow(exponent).evaluate().toDoubleArray())
        .containsExactly(1, 1, 1, 1, 1);
    assertThat(base.pow(nan).evaluate().toDoubleArray()).as("1 ** nan, -1 ** nan").containsExactly(1, 1, 1, nan, nan);
    assertThat(exponent.rpow(1.0).evaluate().toDoubleArray()).as("1.0 ** a").containsExactly(1, 1, 1, 1, 1);
    assertThat(exponent.rpow(-1.0).evaluate().toDoubleArray()).as("-1.0 ** a").containsExactly(nan, 1, 1, 1, 1);
    assertThat(LArray.of(new boolean[] {true}).pow(nan).getDouble(0)).as("True ** nan").isEqualTo(1);
    assertThat(LArray.of(new long[] {1}).pow(LArray.of(new double[] {nan})).getDouble(0)).isEqualTo(1);
    MutableLArray m = MutableLArray.of(LArray.of(new double[] {1}));
    assertThat(m.powInPlace(nan).get().getDouble(0)).as("a **= nan").isEqualTo(1);
    // the other special cases stay Math.pow's, which are C's too
    assertThat(LArray.of(new double[] {nan, 2, -0.0, 0.5}).pow(LArray.of(new double[] {0, nan, -inf, -inf}))
        .evaluate().toDoubleArray()).containsExactly(1, nan, inf, inf);
  }

  @Test
  void aDoubleResultOutsideTheLongRangeIsNotReadAsALong() {
    Evaluated e = LArray.of(new double[] {0x1p63, -0x1p63, 1e19, -1e300, 0x1p62}).evaluate();
    assertThat(e.getLong(1)).isEqualTo(Long.MIN_VALUE);
    assertThat(e.getLong(4)).isEqualTo(1L << 62);
    assertThatThrownBy(() -> e.getLong(0)).isInstanceOf(IllegalStateException.class)
        .hasMessage("element 0 is 9.223372036854776E18, which does not fit in a long");
    assertThatThrownBy(() -> e.getLong(2)).hasMessage("element 2 is 1.0E19, which does not fit in a long");
    assertThatThrownBy(() -> e.getLong(3)).hasMessage("element 3 is -1.0E300, which does not fit in a long");
    assertThatThrownBy(e::toLongArray).hasMessage("element 0 is 9.223372036854776E18, which does not fit in a long");
    assertThatThrownBy(() -> e.get("2").longValue()).hasMessageContaining("does not fit in a long");
  }

  @Test
  void elementTypeJavadocExamplesHold() { // ElementType's class comment said a long adopts INT and bool + bool is INT
    LArray a = LArray.of(new int[] {1, 2, 3});
    assertThat(a.plus(1).elementType()).isEqualTo(ElementType.INT);
    assertThat(a.plus(1L).elementType()).isEqualTo(ElementType.LONG);
    assertThat(a.plus(0.5).elementType()).isEqualTo(ElementType.DOUBLE);
    assertThat(a.lt(2).elementType()).isEqualTo(ElementType.BOOLEAN);
    LArray t = LArray.of(new boolean[] {true, false});
    assertThat(t.plus(1).elementType()).isEqualTo(ElementType.LONG);
    assertThat(t.plus(t).elementType()).isEqualTo(ElementType.BOOLEAN);
    assertThat(t.plus(t).evaluate().toBooleanArray()).containsExactly(true, false);
    assertThat(t.pow(t).elementType()).isEqualTo(ElementType.INT);
    assertThatThrownBy(() -> t.minus(t)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void comparisonsGiveBooleans() {
    LArray m = M.lt(5);
    assertThat(m.elementType()).isEqualTo(ElementType.BOOLEAN);
    assertThat(m.get("1").toBooleanArray()).containsExactly(true, true, false);
    assertThat(M.plus(2).lt(5).get("0").toBooleanArray()).containsExactly(true, true, true);
    assertThat(M.lt(5).plus(2).get("1").toLongArray()).as("bool + int is int64 in NumPy").containsExactly(3, 3, 2);
    LArray five = LArray.of(5.0, Shape.of(4, 3));
    assertThat(M.lt(five).get("1").toBooleanArray()).containsExactly(true, true, false);
    assertThat(M.le(5).getBoolean(1, 2)).isTrue();
    assertThat(M.gt(five).getBoolean(1, 2)).isFalse();
    assertThat(M.ge(five).getBoolean(1, 2)).isTrue();
    assertThat(M.eq(4).get("1").toBooleanArray()).containsExactly(false, true, false);
    assertThat(M.ne(five).getBoolean(1, 2)).isFalse();
    assertThat(LArray.of(new double[] {Double.NaN}).eq(Double.NaN).getBoolean(0)).isFalse();
    assertThat(LArray.of(new double[] {Double.NaN}).ne(Double.NaN).getBoolean(0)).isTrue();
    assertThat(LArray.of(5, Shape.of(4, 3)).lt(10).evaluateSimplified().booleanValue()).isTrue();
  }

  @Test
  void elementTypesPromoteLikeNumpy() {
    LArray i = LArray.of(new int[] {1, 2});
    assertThat(i.plus(1).elementType()).isEqualTo(ElementType.INT);
    assertThat(i.plus(1L << 40).elementType()).as("does not fit in int").isEqualTo(ElementType.LONG);
    assertThat(i.plus(0.5).elementType()).isEqualTo(ElementType.DOUBLE);
    assertThat(i.div(2).elementType()).isEqualTo(ElementType.DOUBLE);
    assertThat(i.div(2).evaluate().toDoubleArray()).containsExactly(0.5, 1);
    assertThat(i.plus(LArray.of(new long[] {1, 1})).elementType()).isEqualTo(ElementType.LONG);
    assertThat(LArray.of(new boolean[] {true, true}).plus(3).elementType()).isEqualTo(ElementType.LONG);
    assertThat(i.plus(Integer.MAX_VALUE).evaluate().toIntArray()).as("int32 wraps")
        .containsExactly(Integer.MIN_VALUE, Integer.MIN_VALUE + 1);
    assertThat(LArray.of(new long[] {3}).pow(40).getLong(0)).as("wraps like int64").isEqualTo(-6289078614652622815L);
    assertThat(LArray.of(new long[] {Long.MAX_VALUE - 1}).plus(1).getLong(0)).isEqualTo(Long.MAX_VALUE);
    assertThatThrownBy(() -> i.pow(-1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("negative integer powers");
    assertThatThrownBy(() -> i.pow(LArray.of(new int[] {1, -2})).evaluate()).isInstanceOf(ArithmeticException.class)
        .hasMessageContaining("2 ** -2");
    assertThat(LArray.of(new long[] {7, -7}).fmod(LArray.of(new long[] {0, 3})).evaluate().toLongArray())
        .as("NumPy's integer fmod: 0 for a zero divisor, sign of the dividend").containsExactly(0, -1);
  }

  @Test
  void mismatchedShapesFailWhenQueued() {
    LArray m0 = LArray.of(5, Shape.of(4, 3));
    LArray m1 = LArray.of(7, Shape.of(5, 3));
    assertThatThrownBy(() -> m0.plus(m1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("shape mismatch: cannot combine an array of shape (4, 3) with an operand of shape (5, 3) (+)");
    assertThatThrownBy(() -> m0.atan2(LArray.of(new double[3]))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("(3,)");
  }

  @Test
  void shapeGivenLaterPropagatesToLazyOperands() {
    LArray a = LArray.of(2.0).plus(LArray.fromFunction(i -> i)).times(LArray.of(3.0));
    assertThat(a.hasShape()).isFalse();
    LArray shaped = a.withShape(4);
    assertThat(shaped.evaluate().toDoubleArray()).containsExactly(6, 9, 12, 15);
    // an operand with a shape gives it to an unshaped array
    LArray b = LArray.of(1.0).plus(LArray.of(new double[] {1, 2}));
    assertThat(b.shape()).isEqualTo(Shape.of(2));
    assertThat(b.evaluate().toDoubleArray()).containsExactly(2, 3);
    // but a fixed operand shape cannot be changed
    assertThatThrownBy(() -> b.withShape(3)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("fixed shape (2,)");
  }

  @Test
  void homogeneousArraysComputeOneElement() {
    AtomicInteger calls = new AtomicInteger();
    LArray h = LArray.of(4.0, Shape.of(1000, 1000)).apply(x -> {
      calls.incrementAndGet();
      return Math.sqrt(x);
    }).plus(LArray.of(1.0, Shape.of(1000, 1000)));
    assertThat(h.isHomogeneous()).isTrue();
    assertThat(h.evaluateSimplified().doubleValue()).isEqualTo(3);
    assertThat(h.get("::100, ::100").toDoubleArray()).hasSize(100).containsOnly(3.0);
    assertThat(calls.get()).isEqualTo(2);
    assertThat(h.plus(LArray.of(new double[1_000_000], Shape.of(1000, 1000))).isHomogeneous()).isFalse();
  }
}
