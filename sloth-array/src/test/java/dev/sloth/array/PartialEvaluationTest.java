package dev.sloth.array;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Only the addressed elements are computed, at NumPy's addresses; lazyarray's indexing bugs are not copied. */
class PartialEvaluationTest {

  @Test
  void functionIsCalledForExactlyTheAddressedIndices() {
    ConcurrentLinkedQueue<Integer> seen = new ConcurrentLinkedQueue<>();
    LArray a = LArray.fromFunction(1_000_000_000, i -> {
      seen.add(i);
      return i * 0.5;
    }).times(2).plus(1);
    assertThat(a.get(Index.slice(10, 20, 3)).toDoubleArray()).containsExactly(11, 14, 17, 20);
    assertThat(seen).containsExactly(10, 13, 16, 19);
    seen.clear();
    assertThat(a.getDouble(-1)).isEqualTo(1_000_000_000);
    assertThat(seen).containsExactly(999_999_999);
  }

  @Test
  void twoDimensionalFunctionCallsFollowTheAddress() {
    ConcurrentLinkedQueue<List<Integer>> seen = new ConcurrentLinkedQueue<>();
    LArray m = LArray.fromFunction(100_000, 100_000, (i, j) -> {
      seen.add(List.of(i, j));
      return 2 * i + j;
    });
    assertThat(m.get("[2, 3, 4], -1").toDoubleArray()).containsExactly(99_999 + 4, 99_999 + 6, 99_999 + 8);
    assertThat(seen).containsExactly(List.of(2, 99_999), List.of(3, 99_999), List.of(4, 99_999));
    seen.clear();
    assertThat(m.get("-2:, 3:1:-1").toDoubleMatrix())
        .isEqualTo(new double[][] {{199_996 + 3, 199_996 + 2}, {199_998 + 3, 199_998 + 2}});
    assertThat(seen).containsExactly(List.of(99_998, 3), List.of(99_998, 2), List.of(99_999, 3), List.of(99_999, 2));
  }

  @Test
  void arrayOperandsAreAddressedLikeTheBase() {
    AtomicInteger baseCalls = new AtomicInteger();
    AtomicInteger operandCalls = new AtomicInteger();
    LArray base = LArray.fromFunction(10_000, i -> {
      baseCalls.incrementAndGet();
      return i;
    });
    LArray operand = LArray.fromFunction(10_000, i -> {
      operandCalls.incrementAndGet();
      return 1000.0 * i;
    });
    LArray dense = LArray.of(IntStream.range(0, 10_000).asDoubleStream().toArray());
    LArray sum = base.plus(operand).minus(dense.times(3));
    assertThat(sum.get(Index.list(7, -1)).toDoubleArray()).containsExactly(7 + 7000 - 21, 9999 + 9_999_000 - 29_997);
    assertThat(baseCalls.get()).isEqualTo(2);
    assertThat(operandCalls.get()).isEqualTo(2);
  }

  @Test
  void negativeIndicesAreNormalisedBeforeReachingTheFunction() { // lazyarray passes them raw to f
    ConcurrentLinkedQueue<Integer> seen = new ConcurrentLinkedQueue<>();
    LArray a = LArray.fromFunction(10, i -> {
      seen.add(i);
      return i;
    });
    assertThat(a.getDouble(-3)).isEqualTo(7);
    assertThat(a.get(Index.list(-1, -10)).toDoubleArray()).containsExactly(9, 0);
    assertThat(seen).containsExactly(7, 9, 0).allMatch(i -> i >= 0);
  }

  @Test
  void negativeSliceBoundsAndStepsMeanWhatNumpyMeans() { // lazyarray gets these wrong for function bases
    LArray a = LArray.fromFunction(10, i -> i);
    assertThat(a.get("-3:").toDoubleArray()).containsExactly(7, 8, 9);
    assertThat(a.get(":-7").toDoubleArray()).containsExactly(0, 1, 2);
    assertThat(a.get("::-3").toDoubleArray()).containsExactly(9, 6, 3, 0);
    assertThat(a.get("-2:2:-3").toDoubleArray()).containsExactly(8, 5);
    assertThat(a.get(Index.slice(null, null, -1)).toDoubleArray()).containsExactly(9, 8, 7, 6, 5, 4, 3, 2, 1, 0);
    assertThat(a.get(Index.from(-2)).toDoubleArray()).containsExactly(8, 9);
    assertThat(a.get(Index.to(2)).toDoubleArray()).containsExactly(0, 1);
    assertThat(a.get(Index.every(4)).toDoubleArray()).containsExactly(0, 4, 8);
    assertThat(a.get("100:").size()).isZero();
    assertThatThrownBy(() -> Index.slice(0, 5, 0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("step cannot be zero");
  }

  @Test
  void extraIndicesAreAnErrorNotIgnored() { // lazyarray ignores them
    LArray a = LArray.fromFunction(4, 3, (i, j) -> i);
    assertThatThrownBy(() -> a.get("1, 2, 0")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("too many indices for array: array is 2-dimensional, but 3 were indexed (address [1, 2, 0], "
            + "shape (4, 3))");
    assertThatThrownBy(() -> a.getDouble(1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("one index per axis");
  }

  @Test
  void booleansAreMasksNotZeroAndOne() { // lazyarray takes [True, False] as indices 1 and 0
    LArray a = LArray.fromFunction(3, i -> 10 + i);
    assertThat(a.get(Index.mask(true, false, true)).toDoubleArray()).containsExactly(10, 12);
    assertThat(a.get("[False, False, True]").toDoubleArray()).containsExactly(12);
    assertThatThrownBy(() -> a.get(Index.mask(true, false))).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("boolean index did not match indexed array along axis 0; size of axis is 3 but size of "
            + "corresponding boolean axis is 2");
    LArray m = LArray.fromFunction(2, 2, (i, j) -> 10 * i + j);
    assertThat(m.get(Index.mask(new boolean[][] {{true, false}, {false, true}})).toDoubleArray())
        .containsExactly(0, 11);
  }

  @Test
  void outOfBoundsErrorsNameTheAxisAndTheBound() {
    LArray m = LArray.of(3, Shape.of(4, 3));
    assertThat(m.getLong(-4, 2)).isEqualTo(3);
    assertThatThrownBy(() -> m.get("4, 0")).isInstanceOf(IndexOutOfBoundsException.class)
        .hasMessage("index 4 is out of bounds for axis 0 with size 4");
    assertThatThrownBy(() -> m.getLong(2, -4)).isInstanceOf(IndexOutOfBoundsException.class)
        .hasMessage("index -4 is out of bounds for axis 1 with size 3");
    assertThatThrownBy(() -> m.get(Index.all(), Index.list(0, 3))).isInstanceOf(IndexOutOfBoundsException.class)
        .hasMessage("index 3 is out of bounds for axis 1 with size 3");
    assertThatThrownBy(() -> m.get("[0, 1], [0, 1, 2]")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("shape mismatch: indexing arrays could not be broadcast together with shapes (2,) (3,)");
    assertThatThrownBy(() -> Address.parse("1, x")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("position 3");
  }

  @Test
  void intArraysCombinePointwise() { // lazyarray takes an outer product
    LArray m = LArray.fromFunction(6, 5, (i, j) -> 2 * i + j);
    assertThat(m.get("[2, 3, 4], [3, 4, 0]").toDoubleArray()).containsExactly(7, 10, 8);
    assertThat(m.get("[2, 3, 4], [1]").toDoubleArray()).as("length 1 broadcasts").containsExactly(5, 7, 9);
    assertThat(m.get("1:3, [0, 2]").toDoubleMatrix()).isEqualTo(new double[][] {{2, 4}, {4, 6}});
  }

  @Test
  void selectionReportsSourceCoordinates() {
    Selection s = Selection.resolve(Address.parse("1:3, ::-1"), Shape.of(4, 3));
    assertThat(s.resultShape()).isEqualTo(Shape.of(2, 3));
    assertThat(s.isWhole()).isFalse();
    int[] at = new int[2];
    s.sourceIndex(0, at);
    assertThat(at).containsExactly(1, 2);
    s.sourceIndex(5, at);
    assertThat(at).containsExactly(2, 0);
    assertThat(Selection.whole(Shape.of(4, 3)).isWhole()).isTrue();
    assertThatThrownBy(() -> s.sourceIndex(6, at)).isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void partitionCoversAxisZeroDisjointly() {
    List<Address> parts = Address.partition(Shape.of(10, 2), 3);
    assertThat(parts).hasToString("[[0:3], [3:6], [6:10]]");
    LArray a = LArray.fromFunction(10, 2, (i, j) -> 2 * i + j);
    double[] joined = parts.stream().flatMapToDouble(p -> java.util.Arrays.stream(a.get(p).toDoubleArray())).toArray();
    assertThat(joined).containsExactly(a.evaluate().toDoubleArray());
  }
}
