package dev.sloth.array;

/**
 * The value of an element as a function of its index, for arrays of any rank. The index array is reused between
 * calls: read it, do not keep it.
 *
 * <pre>{@code
 * LArray cube = LArray.fromFunction(Shape.of(10, 10, 10), ix -> ix[0] + ix[1] + ix[2]);
 * }</pre>
 */
@FunctionalInterface
public interface IndexFunction {
  /**
   * The element at {@code index} (one non-negative coordinate per axis).
   *
   * @param index the element's coordinates, one per axis, each in {@code [0, dim)}; do not keep the array, it is
   *     reused
   * @return the element's value
   */
  double apply(int[] index);
}
