package dev.sloth.array;

/**
 * Extension point: marks an object that is a collection (an {@link Iterable}, an array wrapper) but stands for
 * one element (lazyarray's {@code is_lazyarray_scalar}). {@link LArray#from(Object, Shape)} then builds a
 * homogeneous array of {@link #element()} instead of treating the object as many elements.
 *
 * <pre>{@code
 * record Quantity(double value, String unit) implements Iterable<Object>, SingleElement {
 *   public Iterator<Object> iterator() { return List.<Object>of(value, unit).iterator(); }
 *   public Object element() { return value; }
 * }
 * LArray.from(new Quantity(-65.0, "mV"), Shape.of(1000)).isHomogeneous();  // true
 * }</pre>
 */
public interface SingleElement {
  /**
   * The element this object stands for: a {@link Number} or a {@link Boolean}.
   *
   * @return the element, never null
   */
  Object element();
}
