package dev.sloth.array;

/**
 * The value of an element of a LONG array of any rank as a function of its index. The index array is reused
 * between calls: read it, do not keep it.
 *
 * <pre>{@code
 * LArray ids = LArray.fromLongFunction(Shape.of(100, 100, 100), ix -> 1_000_000L * ix[0] + 1000L * ix[1] + ix[2]);
 * }</pre>
 */
@FunctionalInterface
public interface LongIndexFunction {
  /**
   * The element at {@code index} (one non-negative coordinate per axis).
   *
   * @param index the element's coordinates, one per axis, each in {@code [0, dim)}; do not keep the array, it is
   *     reused
   * @return the element's value
   */
  long applyAsLong(int[] index);
}
