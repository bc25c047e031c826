package dev.sloth.array;

import java.util.Optional;

/**
 * Extension point: a base value that evaluates itself for a given selection (lazyarray's
 * {@code lazily_evaluate}). Implement it to plug in your own source of elements (a file, a remote store, a
 * quantity with units); {@link LArray#fromLazyBase} wraps it. It is asked only for the addressed elements.
 *
 * <pre>{@code
 * LazyBase squares = new LazyBase() {
 *   public ElementType elementType() { return ElementType.LONG; }
 *   public Evaluated evaluate(Selection s) {
 *     long[] out = new long[(int) s.size()];
 *     int[] at = new int[1];
 *     for (int k = 0; k < out.length; k++) { s.sourceIndex(k, at); out[k] = (long) at[0] * at[0]; }
 *     return Evaluated.of(s.resultShape(), out);
 *   }
 * };
 * LArray.fromLazyBase(squares, Shape.of(1_000_000)).get(Index.slice(-3, null, null)); // [..., 999999^2]
 * }</pre>
 */
public interface LazyBase {
  /**
   * The element type of the values {@link #evaluate} returns.
   *
   * @return the element type, the same on every call
   */
  ElementType elementType();

  /**
   * The values of the selected elements, in the selection's row-major result order: an {@link Evaluated} of shape
   * {@code selection.resultShape()} and type {@link #elementType()}. Called at most once per evaluation.
   *
   * @param selection the elements wanted, resolved against the array's shape
   * @return the selected values
   */
  Evaluated evaluate(Selection selection);

  /**
   * The shape this base fixes, if any (then the lazy array's shape cannot be set to another).
   *
   * @return the fixed shape, or empty if the shape is given with {@link LArray#withShape}
   */
  default Optional<Shape> fixedShape() {
    return Optional.empty();
  }
}
