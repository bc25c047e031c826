package dev.sloth.array;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntToDoubleFunction;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Every kind of base value: inference and checks of shape and element type, and evaluation. */
class LArrayBasesTest {

  @Test
  void scalarWithShapeIsHomogeneousAndSimplifies() {
    LArray a = LArray.of(3, Shape.of(5));
    assertThat(a.shape()).isEqualTo(Shape.of(5));
    assertThat(a.elementType()).isEqualTo(ElementType.INT);
    assertThat(a.isHomogeneous()).isTrue();
    assertThat(a.evaluateSimplified().shape()).isEqualTo(Shape.scalar());
    assertThat(a.evaluateSimplified().longValue()).isEqualTo(3);
    assertThat(a.evaluate().toIntArray()).containsExactly(3, 3, 3, 3, 3);
    assertThat(LArray.of(2.5, Shape.of(2, 2)).evaluate().toDoubleMatrix())
        .isEqualTo(new double[][] {{2.5, 2.5}, {2.5, 2.5}});
    assertThat(LArray.of(true, Shape.of(3)).evaluate().toBooleanArray()).containsExactly(true, true, true);
    assertThat(LArray.of(7L, Shape.of(1)).evaluate().toLongArray()).containsExactly(7L);
  }

  @Test
  void sizePropertiesNeedAShape() {
    LArray m1 = LArray.of(1, Shape.of(9, 7));
    LArray m2 = LArray.of(1, Shape.of(13));
    LArray m3 = LArray.of(1);
    assertThat(m1.nrows()).isEqualTo(9);
    assertThat(m1.ncols()).isEqualTo(7);
    assertThat(m1.size()).isEqualTo(63);
    assertThat(m2.nrows()).isEqualTo(13);
    assertThat(m2.ncols()).isEqualTo(1);
    assertThat(m2.size()).isEqualTo(13);
    assertThat(m3.hasShape()).isFalse();
    assertThat(m3.shapeIfKnown()).isEmpty();
    assertThatThrownBy(m3::size).isInstanceOf(IllegalStateException.class).hasMessageContaining("withShape");
    assertThatThrownBy(m3::nrows).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(m3::evaluate).isInstanceOf(IllegalStateException.class).hasMessageContaining("not specified");
  }

  @Test
  void denseArraysOfEveryTypeAndRank() {
    assertThat(LArray.of(new double[] {1, 2, 3}).evaluate().toDoubleArray()).containsExactly(1, 2, 3);
    assertThat(LArray.of(new long[] {1, 2}).elementType()).isEqualTo(ElementType.LONG);
    assertThat(LArray.of(new int[][] {{1, 2}, {3, 4}}).get("1, 0").longValue()).isEqualTo(3);
    assertThat(LArray.of(new boolean[][] {{true}, {false}}).get("::-1").toBooleanArray())
        .containsExactly(false, true);
    LArray cube = LArray.of(IntStream.range(0, 24).asDoubleStream().toArray(), Shape.of(2, 3, 4));
    assertThat(cube.get("1, 2, 3").doubleValue()).isEqualTo(23);
    assertThat(cube.getDouble(-1, -1, 0)).isEqualTo(20);
    assertThatThrownBy(() -> LArray.of(new double[5], Shape.of(2, 3)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("5 elements").hasMessageContaining("(2, 3)");
    assertThatThrownBy(() -> LArray.of(new double[][] {{1, 2}, {3}}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row 1");
  }

  @Test
  void denseBaseFixesItsShape() {
    LArray a = LArray.of(new double[] {1, 2, 3});
    assertThat(a.withShape(3)).isSameAs(a);
    assertThatThrownBy(() -> a.withShape(4)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("fixed shape (3,)").hasMessageContaining("(4,)");
  }

  @Test
  void functionsOfTheIndex() {
    assertThat(LArray.fromFunction(3, i -> 99 - i).evaluate().toDoubleArray()).containsExactly(99, 98, 97);
    assertThat(LArray.fromFunction(2, 3, (i, j) -> 3 * j - 2 * i).evaluate().toDoubleMatrix())
        .isEqualTo(new double[][] {{0, 3, 6}, {-2, 1, 4}});
    assertThat(LArray.fromFunction(Shape.of(2, 3, 4), ix -> ix[0] + ix[1] + ix[2]).get("1, 2, 3").doubleValue())
        .isEqualTo(6);
    assertThat(LArray.fromLongFunction(3, i -> 1L << (40 + i)).evaluate().toLongArray())
        .containsExactly(1L << 40, 1L << 41, 1L << 42);
    assertThat(LArray.fromIntFunction(3, i -> i * i).elementType()).isEqualTo(ElementType.INT);
    assertThat(LArray.fromPredicate(4, i -> i % 2 == 0).evaluate().toBooleanArray())
        .containsExactly(true, false, true, false);
    assertThatThrownBy(() -> LArray.fromFunction((IntToDoubleFunction) i -> i).withShape(2, 2))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("f(i) needs a 1-D shape");
  }

  @Test
  void functionShapeGivenLater() {
    LArray a = LArray.fromFunction(i -> i * 10.0);
    assertThat(a.hasShape()).isFalse();
    assertThat(a.withShape(3).evaluate().toDoubleArray()).containsExactly(0, 10, 20);
    assertThat(a.withShape(3).withShape(4).size()).isEqualTo(4);
  }

  @Test
  void iteratorIsFilledRowMajorAndConsumedOnce() {
    AtomicInteger pulled = new AtomicInteger();
    Iterator<Integer> it = IntStream.iterate(0, i -> i + 1).peek(i -> pulled.incrementAndGet()).boxed().iterator();
    LArray a = LArray.fromIterator(it, ElementType.INT, Shape.of(5, 11));
    assertThat(pulled.get()).isZero();
    LArray doubled = a.times(2);
    assertThat(a.evaluate().toIntArray()).containsExactly(IntStream.range(0, 55).toArray());
    assertThat(pulled.get()).isEqualTo(55);
    // a second evaluation, of a derived array, and a partial one reuse the drained values
    assertThat(doubled.get("1, 0").longValue()).isEqualTo(22);
    assertThat(a.getLong(-1, -1)).isEqualTo(54);
    assertThat(pulled.get()).isEqualTo(55);
  }

  @Test
  void tooShortIteratorGivesAClearError() {
    LArray a = LArray.fromIterator(List.of(1.0, 2.0).iterator(), ElementType.DOUBLE, Shape.of(3));
    assertThatThrownBy(a::evaluate).isInstanceOf(IllegalStateException.class)
        .hasMessage("iterator ended after 2 values; shape (3,) needs 3");
  }

  @Test
  void iteratorElementsAreCheckedAgainstTheGivenType() {
    LArray a = LArray.fromIterator(List.<Object>of(1, 2.5, 3).iterator(), ElementType.INT, Shape.of(3));
    assertThatThrownBy(a::evaluate).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("iterator element 1 is 2.5 (Double); expected INT");
  }

  @Test
  void anIteratorThatFailedIsNotReadOnByTheNextEvaluation() {
    // element 2 is wrong: the first evaluation fails there, having consumed 1, 2 and "x"
    AtomicInteger pulled = new AtomicInteger();
    Iterator<Object> it = List.<Object>of(1, 2, "x", 4, 5, 6, 7, 8).stream().peek(o -> pulled.incrementAndGet())
        .iterator();
    LArray a = LArray.fromIterator(it, ElementType.INT, Shape.of(3));
    assertThatThrownBy(a::evaluate).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("iterator element 2 is x (String); expected INT");
    int afterFirst = pulled.get();
    // later evaluations (of the array, of a derived one, of one element) do not take 4, 5, 6 as elements 0, 1, 2
    for (Runnable again : List.<Runnable>of(a::evaluate, () -> a.plus(1).get("0"), () -> a.getLong(0))) {
      assertThatThrownBy(again::run).isInstanceOf(IllegalStateException.class)
          .hasMessage("the iterator of INT failed in an earlier evaluation, after 2 values (java.lang."
              + "IllegalArgumentException: iterator element 2 is x (String); expected INT); it is read only once, so"
              + " this array cannot be evaluated")
          .cause().hasMessage("iterator element 2 is x (String); expected INT");
    }
    assertThat(pulled.get()).as("nothing more read from the iterator").isEqualTo(afterFirst);
    assertThat(it.next()).isEqualTo(4);

    // an iterator that throws: its exception is the cause of every later failure
    RuntimeException boom = new IllegalStateException("disk gone");
    Iterator<Double> throwing = new Iterator<>() {
      int k;

      @Override
      public boolean hasNext() {
        return true;
      }

      @Override
      public Double next() {
        if (k == 1) {
          k++;
          throw boom;
        }
        return (double) k++;
      }
    };
    LArray b = LArray.fromIterator(throwing, ElementType.DOUBLE, Shape.of(2));
    assertThatThrownBy(b::evaluate).isSameAs(boom);
    assertThatThrownBy(b::evaluate).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("after 1 values").cause().isSameAs(boom);

    // too short, then asked with a shape the values read would have filled: still refused, not "ended after 0"
    LArray c = LArray.fromIterator(List.of(1.0, 2.0).iterator(), ElementType.DOUBLE);
    assertThatThrownBy(() -> c.withShape(3).evaluate()).hasMessage("iterator ended after 2 values; shape (3,) needs 3");
    assertThatThrownBy(() -> c.withShape(2).evaluate()).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("failed in an earlier evaluation, after 2 values");
  }

  @Test
  void aFunctionBuiltWithAnElementTypeIsItsBaseValueAndEqualsOnlyArraysOfThatType() {
    LongIndexFunction f = ix -> ix[0];
    LArray asDouble = LArray.from(f, Shape.of(3), ElementType.DOUBLE);
    LArray asLong = LArray.fromLongFunction(Shape.of(3), f);
    assertThat(asDouble.elementType()).isEqualTo(ElementType.DOUBLE);
    assertThat(asDouble).as("DOUBLE elements are not the LONG ones").isNotEqualTo(asLong);
    assertThat(asDouble).isEqualTo(LArray.from(f, Shape.of(3), ElementType.DOUBLE))
        .hasSameHashCodeAs(LArray.from(f, Shape.of(3), ElementType.DOUBLE));
    assertThat(asLong).isEqualTo(LArray.from(f, Shape.of(3)));

    java.util.function.IntUnaryOperator g = i -> i;
    LArray widened = LArray.from(g, Shape.of(3), ElementType.LONG);
    assertThat(widened.baseValue()).as("the function it was built from").isSameAs(g);
    assertThat(widened).isEqualTo(LArray.from(g, Shape.of(3), ElementType.LONG))
        .isNotEqualTo(LArray.from(g, Shape.of(3)));
    assertThat(widened.evaluate().toLongArray()).containsExactly(0, 1, 2);
    assertThat(LArray.from(g, Shape.of(3)).elementType()).isEqualTo(ElementType.INT);
  }

  @Test
  void vectorizedSourceIsAskedForExactlyTheAddressedCount() {
    List<Integer> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
    double[] next = {0};
    VectorizedSource counter = n -> {
      asked.add(n);
      double[] out = new double[n];
      for (int k = 0; k < n; k++) {
        out[k] = next[0]++;
      }
      return out;
    };
    LArray a = LArray.fromVectorized(counter, Shape.of(1000, 1000));
    assertThat(a.get("2, 10:13").toDoubleArray()).containsExactly(0, 1, 2);
    assertThat(a.getDouble(5, 5)).isEqualTo(3);
    assertThat(a.plus(a).get("0, :2").toDoubleArray()).as("one draw shared by both uses").containsExactly(8, 10);
    assertThat(asked).containsExactly(3, 1, 2);
    LArray broken = LArray.fromVectorized(n -> new double[n + 1], Shape.of(4));
    assertThatThrownBy(broken::evaluate).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("returned 5 values when asked for 4");
  }

  @Test
  void sparseMatrixReadsStoredValuesAndEmptyValue() {
    CsrMatrix m = CsrMatrix.fromDense(new double[][] {{1, 0, 2}, {0, 0, 3}});
    assertThat(m.nonZeros()).isEqualTo(3);
    LArray a = LArray.fromSparse(m);
    assertThat(a.shape()).isEqualTo(Shape.of(2, 3));
    assertThat(a.evaluate().toDoubleMatrix()).isEqualTo(new double[][] {{1, 0, 2}, {0, 0, 3}});
    assertThat(a.get(":, 2").toDoubleArray()).containsExactly(2, 3);
    assertThat(LArray.fromSparse(m, Double.NaN).get("1").toDoubleArray()).containsExactly(Double.NaN, Double.NaN, 3);
    assertThatThrownBy(() -> CsrMatrix.of(2, 3, new int[] {0, 2, 3}, new int[] {2, 0, 2}, new double[] {1, 2, 3}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("strictly increasing");
  }

  @Test
  void lazyBaseEvaluatesOnlyTheSelection() {
    List<Long> sizes = new java.util.ArrayList<>();
    LazyBase squares = new LazyBase() {
      @Override
      public ElementType elementType() {
        return ElementType.LONG;
      }

      @Override
      public Evaluated evaluate(Selection s) {
        sizes.add(s.size());
        long[] out = new long[(int) s.size()];
        int[] at = new int[1];
        for (int k = 0; k < out.length; k++) {
          s.sourceIndex(k, at);
          out[k] = (long) at[0] * at[0];
        }
        return Evaluated.of(s.resultShape(), out);
      }
    };
    LArray a = LArray.fromLazyBase(squares, Shape.of(1_000_000));
    assertThat(a.get("-3:").toLongArray()).containsExactly(999_997L * 999_997L, 999_998L * 999_998L,
        999_999L * 999_999L);
    assertThat(a.plus(1).getLong(10)).isEqualTo(101);
    assertThat(sizes).containsExactly(3L, 1L);
  }

  @Test
  void lazyBaseReturningTheWrongShapeIsReported() {
    LazyBase bad = new LazyBase() {
      @Override
      public ElementType elementType() {
        return ElementType.DOUBLE;
      }

      @Override
      public Evaluated evaluate(Selection s) {
        return Evaluated.of(Shape.of(1), new double[1]);
      }

      @Override
      public Optional<Shape> fixedShape() {
        return Optional.of(Shape.of(4));
      }
    };
    LArray a = LArray.fromLazyBase(bad);
    assertThat(a.shape()).isEqualTo(Shape.of(4));
    assertThatThrownBy(a::evaluate).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("expected DOUBLE values of shape (4,)");
  }

  /** A collection that stands for one element: a value with its unit. */
  record Quantity(double value, String unit) implements Iterable<Object>, SingleElement {
    @Override
    public Iterator<Object> iterator() {
      return List.<Object>of(value, unit).iterator();
    }

    @Override
    public Object element() {
      return value;
    }
  }

  @Test
  void singleElementMarksACollectionAsOneElement() {
    LArray a = LArray.from(new Quantity(-65.0, "mV"), Shape.of(1000));
    assertThat(a.isHomogeneous()).isTrue();
    assertThat(a.evaluateSimplified().doubleValue()).isEqualTo(-65.0);
    // without the marker, a collection is many elements
    assertThat(LArray.from(List.of(1, 2, 3)).shape()).isEqualTo(Shape.of(3));
  }

  @Test
  void fromInfersBaseShapeAndTypeAndChecksGivenOnes() {
    assertThat(LArray.from(3).elementType()).isEqualTo(ElementType.INT);
    assertThat(LArray.from(3.0, Shape.of(2)).evaluate().toDoubleArray()).containsExactly(3, 3);
    assertThat(LArray.from(List.of(List.of(1, 2), List.of(3, 4))).shape()).isEqualTo(Shape.of(2, 2));
    assertThat(LArray.from(List.of(1, 2.5)).elementType()).isEqualTo(ElementType.DOUBLE);
    assertThat(LArray.from(new int[][] {{1}, {2}}).shape()).isEqualTo(Shape.of(2, 1));
    assertThat(LArray.from((IntToDoubleFunction) i -> i, Shape.of(3)).evaluate().toDoubleArray())
        .containsExactly(0, 1, 2);
    assertThat(LArray.from(List.of(1, 2), null, ElementType.LONG).elementType()).isEqualTo(ElementType.LONG);
    assertThatThrownBy(() -> LArray.from("123", Shape.of(3))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot be created from 123 (String)");
    assertThatThrownBy(() -> LArray.from(List.of(1, 2, 3), Shape.of(4))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("fixed shape (3,)");
    assertThatThrownBy(() -> LArray.from(2.5, null, ElementType.INT)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("scalar value is 2.5 (Double); expected INT");
    assertThatThrownBy(() -> LArray.from(List.of(List.of(1, 2), List.of(3)))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ragged");
  }
}
