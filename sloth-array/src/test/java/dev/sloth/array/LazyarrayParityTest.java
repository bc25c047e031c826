package dev.sloth.array;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleUnaryOperator;
import java.util.function.IntToDoubleFunction;
import java.util.function.IntToLongFunction;
import org.junit.jupiter.api.Test;

/**
 * Issue 12 items 6, 7, 9 and 10: what lazyarray users expect besides addresses and operations: composition
 * ({@code b(a)}), structural equality, iteration over the first axis, construction conversions and refusals,
 * lazy-base precedence, typed N-D functions and vectorised sources, inspection of the base and the queue.
 */
class LazyarrayParityTest {

  @Test
  void aFunctionBasedArrayAppliedToAnotherArray() {
    AtomicInteger calls = new AtomicInteger();
    LArray square = LArray.fromLongFunction(10, i -> {
      calls.incrementAndGet();
      return (long) i * i;
    }).plus(1);
    LArray b = square.applyTo(LArray.of(new int[] {3, 4, 0}));
    assertThat(calls.get()).as("lazy").isZero();
    assertThat(b.shape()).isEqualTo(Shape.of(3));
    assertThat(b.elementType()).isEqualTo(ElementType.LONG);
    assertThat(b.evaluate().toLongArray()).containsExactly(10, 17, 1);
    assertThat(calls.get()).isEqualTo(3);
    // the argument may itself be lazy, and only the addressed elements are computed
    LArray index = LArray.fromIntFunction(1_000_000, i -> i % 7);
    calls.set(0);
    assertThat(square.applyTo(index).get(Index.slice(-2, null, null)).toLongArray())
        .containsExactly(999_998 % 7 * (999_998 % 7) + 1, 999_999 % 7 * (999_999 % 7) + 1);
    assertThat(calls.get()).isEqualTo(2);
    assertThat(square.applyTo(index).operations().get(0).name()).isEqualTo("applyTo");

    assertThatThrownBy(() -> LArray.of(new double[] {1, 2}).applyTo(LArray.of(new int[] {0})))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("applyTo: only an array whose base is a function f(i) can be applied to another array"
            + " (lazyarray's b(a)); this array's base is a DOUBLE array of shape (2,)");
    assertThatThrownBy(() -> square.applyTo(LArray.of(new double[] {1.5})))
        .hasMessageContaining("the argument's elements are DOUBLE, but the function f(i) takes an int");
    assertThatThrownBy(() -> square.applyTo(LArray.of(new long[] {1L << 40})).evaluate())
        .hasMessageContaining("an element of the argument is 1099511627776, which does not fit in the int");
  }

  @Test
  void sameBaseAndSameQueueAreEqual() {
    IntToDoubleFunction f = i -> i * 0.5;
    DoubleUnaryOperator g = Math::exp;
    LArray a = LArray.fromFunction(f).withShape(4).times(2).plus(LArray.of(new double[] {1, 2, 3, 4})).apply(g);
    LArray b = LArray.fromFunction(f).withShape(4).times(2).plus(LArray.of(new double[] {1, 2, 3, 4})).apply(g);
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a).isNotEqualTo(LArray.fromFunction(f).withShape(4).times(2.5));
    assertThat(a).as("another operand").isNotEqualTo(
        LArray.fromFunction(f).withShape(4).times(2).plus(LArray.of(new double[] {1, 2, 3, 5})).apply(g));
    assertThat(a).as("another shape").isNotEqualTo(
        LArray.fromFunction(f).withShape(5).times(2).plus(LArray.of(new double[] {1, 2, 3, 4, 5})).apply(g));
    assertThat(LArray.fromFunction(i -> i * 0.5).withShape(4))
        .as("another function object").isNotEqualTo(LArray.fromFunction(f).withShape(4));
    assertThat(LArray.of(3.0, Shape.of(2)).plus(1)).isEqualTo(LArray.of(3.0, Shape.of(2)).plus(1));
    assertThat(LArray.of(3.0, Shape.of(2)).plus(1)).as("int 1 and long 1 promote differently")
        .isNotEqualTo(LArray.of(3.0, Shape.of(2)).plus(1L));
    assertThat(LArray.of(3, Shape.of(2))).isNotEqualTo(LArray.of(3L, Shape.of(2)));
  }

  @Test
  void iterationYieldsTheItemsOfTheFirstAxisOneEvaluationEach() {
    List<Integer> asked = new ArrayList<>();
    double[] next = {0};
    LArray noise = LArray.fromVectorized(n -> {
      asked.add(n);
      double[] out = new double[n];
      for (int i = 0; i < n; i++) {
        out[i] = next[0]++;
      }
      return out;
    }, Shape.of(4));
    List<Double> items = new ArrayList<>();
    for (Evaluated e : noise) {
      assertThat(e.rank()).isZero();
      items.add(e.doubleValue());
    }
    assertThat(items).containsExactly(0.0, 1.0, 2.0, 3.0);
    assertThat(asked).containsExactly(1, 1, 1, 1);
    List<String> rows = new ArrayList<>();
    LArray.fromFunction(3, 2, (i, j) -> 10 * i + j).forEach(r -> rows.add(r.toString()));
    assertThat(rows).containsExactly("[0.0, 1.0]", "[10.0, 11.0]", "[20.0, 21.0]");
    assertThatThrownBy(() -> LArray.of(1.0).iterator()).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("not specified yet");
    assertThatThrownBy(() -> LArray.of(1.0, Shape.scalar()).iterator()).hasMessageContaining("rank-0");
  }

  @Test
  void aFunctionsResultsConvertLikeScalars() {
    IntToLongFunction big = i -> 5_000_000_000L * i;
    LArray d = LArray.from(big, Shape.of(3), ElementType.DOUBLE);
    assertThat(d.elementType()).isEqualTo(ElementType.DOUBLE);
    assertThat(d.evaluate().toDoubleArray()).containsExactly(0, 5e9, 1e10);
    LArray i = LArray.from(big, Shape.of(3), ElementType.INT);
    assertThat(i.getLong(0)).isZero();
    assertThatThrownBy(i::evaluate).hasMessage("f(1) is 5000000000, which does not fit in INT");
    IntToDoubleFunction half = k -> k * 0.5;
    assertThatThrownBy(() -> LArray.from(half, Shape.of(3), ElementType.LONG))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a function returning DOUBLE cannot give LONG elements (its results convert like scalars:"
            + " DOUBLE to LONG is refused)");
    assertThatThrownBy(() -> LArray.from((Runnable) () -> { }))
        .hasMessageStartingWith("a lazy array cannot be created from a lambda (Runnable);");
    assertThat(LArray.from((java.util.function.IntPredicate) k -> k > 0, Shape.of(2), ElementType.INT)
        .evaluate().toIntArray()).containsExactly(0, 1);
  }

  @Test
  void bigAndAtomicNumbersAreAcceptedOrRefusedWithTheReason() {
    assertThat(LArray.from(BigInteger.valueOf(Long.MAX_VALUE), Shape.of(2)).getLong(1)).isEqualTo(Long.MAX_VALUE);
    assertThat(LArray.from(BigInteger.TEN).elementType()).isEqualTo(ElementType.LONG);
    assertThat(LArray.from(List.of(BigInteger.ONE, 2.5)).evaluate().toDoubleArray()).containsExactly(1, 2.5);
    assertThatThrownBy(() -> LArray.from(BigInteger.TWO.pow(70)))
        .hasMessage("scalar value is the BigInteger 1180591620717411303424, which does not fit in a LONG element"
            + " (64 bits)");
    assertThatThrownBy(() -> LArray.from(new BigDecimal("0.1")))
        .hasMessageContaining("BigDecimal 0.1").hasMessageContaining("round it silently");
    assertThatThrownBy(() -> LArray.from(new AtomicInteger(3)))
        .hasMessageContaining("an AtomicInteger (now 3), which can change after the array is built");
    assertThatThrownBy(() -> LArray.from(List.of(1L, new AtomicLong(2))))
        .hasMessageContaining("element 1 is an AtomicLong (now 2)");
    assertThatThrownBy(() -> LArray.from(new double[] {1}, null, ElementType.DOUBLE).plus(
        LArray.from(List.of(new BigDecimal("2")))))
        .hasMessageContaining("BigDecimal 2");
  }

  interface Both extends LazyBase, VectorizedSource {}

  @Test
  void anObjectThatIsALazyBaseAndAVectorizedSourceIsALazyBase() {
    AtomicInteger evaluated = new AtomicInteger();
    AtomicInteger drawn = new AtomicInteger();
    Both both = new Both() {
      @Override
      public ElementType elementType() {
        return ElementType.LONG;
      }

      @Override
      public Evaluated evaluate(Selection s) {
        evaluated.incrementAndGet();
        return Evaluated.of(s.resultShape(), new long[(int) s.size()]);
      }

      @Override
      public Optional<Shape> fixedShape() {
        return Optional.of(Shape.of(3));
      }

      @Override
      public double[] next(int n) {
        drawn.incrementAndGet();
        return new double[n];
      }
    };
    LArray a = LArray.from(both);
    assertThat(a.elementType()).isEqualTo(ElementType.LONG);
    assertThat(a.evaluate().toLongArray()).containsExactly(0, 0, 0);
    assertThat(evaluated.get()).isEqualTo(1);
    assertThat(drawn.get()).isZero();
  }

  @Test
  void nDimensionalFunctionsAndVectorizedSourcesOfEveryType() {
    LArray ids = LArray.fromLongFunction(Shape.of(2, 2, 2), ix -> (1L << 60) + 4 * ix[0] + 2 * ix[1] + ix[2]);
    assertThat(ids.elementType()).isEqualTo(ElementType.LONG);
    assertThat(ids.get("1, 1").toLongArray()).containsExactly((1L << 60) + 6, (1L << 60) + 7);
    LArray diagonal = LArray.fromPredicate(Shape.of(3, 3, 3), ix -> ix[0] == ix[1] && ix[1] == ix[2]);
    assertThat(diagonal.get("1, 1").toBooleanArray()).containsExactly(false, true, false);
    LArray asInt = LArray.from((LongIndexFunction) ix -> ix[0] - ix[1], Shape.of(2, 2), ElementType.INT);
    assertThat(asInt.elementType()).isEqualTo(ElementType.INT);
    assertThat(asInt.evaluate().toIntArray()).containsExactly(0, -1, 1, 0);
    assertThatThrownBy(() -> LArray.from((LongIndexFunction) ix -> 1L << 40, Shape.of(1, 1), ElementType.INT)
        .evaluate()).hasMessage("f([0, 0]) is 1099511627776, which does not fit in INT");
    assertThat(LArray.from((IndexPredicate) ix -> ix[0] > 0, Shape.of(2, 1), ElementType.DOUBLE).evaluate()
        .toDoubleArray()).containsExactly(0, 1);
    assertThatThrownBy(() -> LArray.from((IndexFunction2) (r, c) -> r, Shape.of(2, 2), ElementType.LONG))
        .hasMessage("a function returning DOUBLE cannot give LONG elements (its results convert like scalars:"
            + " DOUBLE to LONG is refused)");
    long[] counter = {(1L << 53) + 1};
    LArray longs = LArray.fromLongVectorized(n -> {
      long[] out = new long[n];
      for (int k = 0; k < n; k++) {
        out[k] = counter[0]++;
      }
      return out;
    }, Shape.of(3));
    assertThat(longs.evaluate().toLongArray()).containsExactly((1L << 53) + 1, (1L << 53) + 2, (1L << 53) + 3);
    assertThat(LArray.fromIntVectorized(n -> new int[n], Shape.of(2)).elementType()).isEqualTo(ElementType.INT);
    assertThat(LArray.fromBooleanVectorized(n -> new boolean[] {true, false}, Shape.of(2)).evaluate()
        .toBooleanArray()).containsExactly(true, false);
    assertThatThrownBy(() -> LArray.fromIntVectorized(n -> new int[1], Shape.of(2)).evaluate())
        .hasMessageContaining("returned 1 values when asked for 2");
  }

  @Test
  void theBaseValueAndTheQueuedOperationsCanBeInspected() {
    IntToDoubleFunction f = i -> i;
    LArray a = LArray.fromFunction(5, f).times(2).rminus(1).sqrt().apply(Math::abs);
    assertThat(a.baseValue()).isSameAs(f);
    List<Operation> ops = a.operations();
    assertThat(ops).extracting(Operation::name).containsExactly("*", "-", "sqrt", "apply");
    assertThat(ops.get(0).operands()).containsExactly(2);
    assertThat(ops.get(1).reversed()).isTrue();
    assertThat(ops.get(1).toString()).isEqualTo("1 - x -> DOUBLE");
    assertThat(ops.get(2).operands()).isEmpty();
    assertThat(LArray.of(7L).baseValue()).isEqualTo(7L);
    double[] values = {1, 2};
    Object copy = LArray.of(values).baseValue();
    assertThat(copy).isEqualTo(values).isNotSameAs(values);
    MutableLArray m = MutableLArray.of(LArray.of(new int[] {1}));
    m.addInPlace(1L);
    assertThat(m.get().operations()).extracting(Operation::toString)
        .containsExactly("+ 1 -> LONG", "astype INT -> INT");
    LArray w = LArray.where(LArray.of(new boolean[] {true}), LArray.of(new int[] {1}), 2);
    assertThat(w.operations().get(0).operands()).hasSize(2);
  }
}
