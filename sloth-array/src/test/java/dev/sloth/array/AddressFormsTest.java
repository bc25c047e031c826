package dev.sloth.array;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Issue 12 item 5, the address forms lazyarray and NumPy users rely on, through the factories (the NumPy table
 * covers the parsed forms): ellipsis, newaxis, integer arrays of several axes, empty boolean masks. Expected
 * shapes and values are NumPy 2.4.6's for {@code np.arange(24).reshape(2, 3, 4)}.
 */
class AddressFormsTest {
  static final AtomicInteger CALLS = new AtomicInteger();
  static final LArray A = LArray.fromFunction(Shape.of(2, 3, 4), ix -> {
    CALLS.incrementAndGet();
    return ix[0] * 12 + ix[1] * 4 + ix[2];
  });

  @Test
  void ellipsisAndNewAxis() {
    Evaluated e = A.get(Index.at(0), Index.ellipsis(), Index.newAxis(), Index.at(1)); // a[0, ..., None, 1]
    assertThat(e.shape()).isEqualTo(Shape.of(3, 1));
    assertThat(e.toDoubleArray()).containsExactly(1, 5, 9);
    assertThat(A.get(Index.newAxis()).shape()).isEqualTo(Shape.of(1, 2, 3, 4));
    assertThat(A.get(Index.ellipsis(), Index.list(0, 1)).shape()).isEqualTo(Shape.of(2, 3, 2));
    // a[[0, 1], None, [0, 1]]: the newaxis separates the integer arrays, so their axis goes first
    Evaluated sep = A.get(Index.list(0, 1), Index.newAxis(), Index.list(0, 1));
    assertThat(sep.shape()).isEqualTo(Shape.of(2, 1, 4));
    assertThat(sep.toDoubleArray()).startsWith(0, 1, 2, 3, 16, 17, 18, 19);
    assertThatThrownBy(() -> A.get(Index.ellipsis(), Index.ellipsis()))
        .hasMessageContaining("an index can only have a single ellipsis ('...')");
  }

  @Test
  void integerArraysOfSeveralAxesBroadcastTogether() {
    // a[[[0], [1]], :, [0, 1, 2]]: shapes (2, 1) and (3,) broadcast to (2, 3), then the slice
    Evaluated e = A.get(Index.list(new int[][] {{0}, {1}}), Index.all(), Index.list(0, 1, 2));
    assertThat(e.shape()).isEqualTo(Shape.of(2, 3, 3));
    assertThat(e.toDoubleArray()).startsWith(0, 4, 8, 1, 5, 9, 2, 6);
    // a[[[0, 1], [1, 0]], 1]
    Evaluated f = A.get(Index.array(new int[] {0, 1, 1, 0}, Shape.of(2, 2)), Index.at(1));
    assertThat(f.shape()).isEqualTo(Shape.of(2, 2, 4));
    assertThat(f.toDoubleArray()).startsWith(4, 5, 6, 7, 16, 17, 18, 19);
    assertThat(Address.parse("[[0, 1], [1, 0]], 1").toString()).isEqualTo("[array(2, 2), 1]");
    assertThatThrownBy(() -> A.get(Index.list(0, 1), Index.list(0, 1, 2)))
        .hasMessage("shape mismatch: indexing arrays could not be broadcast together with shapes (2,) (3,)");
  }

  @Test
  void emptyBooleanMasksSelectNothing() {
    CALLS.set(0);
    assertThat(A.get(Index.mask()).shape()).isEqualTo(Shape.of(0, 3, 4));
    assertThat(A.get(Index.all(), Index.mask()).shape()).isEqualTo(Shape.of(2, 0, 4));
    assertThat(A.get(Index.mask(), Index.at(1)).shape()).isEqualTo(Shape.of(0, 4));
    assertThat(A.get(Index.mask(new boolean[0], Shape.of(0, 3))).shape()).isEqualTo(Shape.of(0, 4));
    assertThat(CALLS.get()).as("nothing computed").isZero();
    assertThatThrownBy(() -> A.get(Index.mask(true)))
        .hasMessageContaining("boolean index did not match indexed array along axis 0");
  }

  @Test
  void parenthesesWithoutACommaOnlyGroupAsInPython() {
    // Python reads a[(1), :] as a[1, :] and a[((0, 1))] as a[(0, 1)]: only a comma (or nothing) makes a tuple
    assertThat(A.get("(1), :").shape()).isEqualTo(Shape.of(3, 4)); // a[1, :]
    assertThat(A.get("(1), :").toDoubleArray()).startsWith(12, 13, 14, 15);
    assertThat(A.get("(-1), (2), (3)").doubleValue()).isEqualTo(23); // a[-1, 2, 3]
    assertThat(A.get("((0, 1))").shape()).isEqualTo(Shape.of(2, 3, 4)); // a[(0, 1),]
    assertThat(A.get("1, [(2), (0)]").toDoubleArray()).startsWith(20, 21, 22, 23, 12); // a[1, [2, 0]]
    assertThat(A.get("( ... ), (None), 0").shape()).isEqualTo(Shape.of(2, 3, 1)); // a[..., None, 0]
    assertThat(A.get("(1,), :").shape()).as("a one-element tuple is a list").isEqualTo(Shape.of(1, 3, 4));
    assertThat(A.get("(0, 1), 1").shape()).isEqualTo(Shape.of(2, 4));
    assertThat(A.get("()").shape()).as("an empty tuple selects nothing").isEqualTo(Shape.of(0, 3, 4));
    assertThat(Address.parse("(1), ((0, 2))").toString()).isEqualTo("[1, [0, 2]]");
    assertThatThrownBy(() -> Address.parse("(1:2)")).as("Python refuses a slice in parentheses")
        .hasMessage("cannot parse address \"(1:2)\" at position 2: expected ',' or ')'");
    assertThatThrownBy(() -> Address.parse("(1), (x)")).hasMessage("cannot parse address \"(1), (x)\" at position 6:"
        + " expected an integer, a slice, a list, '...' or None");
  }

  @Test
  void anEvaluatedResultIsIndexedAgain() {
    LArray b = LArray.fromFunction(4, 4, (i, j) -> 10 * i + j);
    Evaluated rows = b.get("(1, 3), :");
    assertThat(rows.get(":, (0, 2)").toDoubleMatrix()).isEqualTo(new double[][] {{10, 12}, {30, 32}});
    assertThat(rows.get(Index.at(-1), Index.every(-2)).toDoubleArray()).containsExactly(33, 31);
    assertThat(rows.toDoubleArray()).as("unchanged").hasSize(8);
  }
}
