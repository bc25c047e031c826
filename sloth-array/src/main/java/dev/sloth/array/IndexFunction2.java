package dev.sloth.array;

/**
 * The value of an element of a 2-D array as a function of its row and column, {@code f(i, j)}.
 *
 * <pre>{@code
 * LArray distance = LArray.fromFunction(1000, 1000, (i, j) -> Math.abs(i - j));
 * }</pre>
 */
@FunctionalInterface
public interface IndexFunction2 {
  /**
   * The element at row {@code i}, column {@code j} (both non-negative).
   *
   * @param i the row, in {@code [0, rows)}
   * @param j the column, in {@code [0, cols)}
   * @return the element's value
   */
  double apply(int i, int j);
}
