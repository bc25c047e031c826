package dev.sloth.graph;

import java.util.Objects;

/**
 * When a recomputed value counts as unchanged, for early cutoff (see {@link FnOptions#cutoff(Equivalence)}): if the
 * new value is equivalent to the previous one, the node keeps its previous value and its dependents stay valid.
 * The default, {@link #standard()}, is {@code equals} with arrays compared by content.
 *
 * <pre>{@code
 * Fn1<double[], Double> mean = g.fn1("Mean", FnOptions.defaults().cutoff(Equivalence.tolerance(1e-9)), Stats::mean);
 * Fn1<Doc, Doc> parse = g.fn1("Parse", FnOptions.defaults().cutoff((Doc a, Doc b) -> a.sameText(b)), Doc::parse);
 * }</pre>
 *
 * <p>The engine calls it only with two non-null values of the function's result type (null equals only null), so it
 * may cast freely; it must be an equivalence relation and must not read graph nodes.
 *
 * @param <T> the type of the values compared
 */
@FunctionalInterface
public interface Equivalence<T> {
  /**
   * Whether {@code previous} and {@code next}, both non-null, count as the same value.
   *
   * @param previous the value the node holds; not null
   * @param next the value just computed; not null
   * @return true if {@code next} counts as unchanged, so the node keeps {@code previous}
   */
  boolean equivalent(T previous, T next);

  /**
   * {@code equals}, with arrays (of any element type, nested ones too) compared by content: the default.
   *
   * @param <T> the type of the values compared
   * @return {@code equals}, with arrays compared by content
   */
  static <T> Equivalence<T> standard() {
    return Objects::deepEquals;
  }

  /**
   * Plain {@code equals}: an array is then equal only to itself.
   *
   * @param <T> the type of the values compared
   * @return plain {@code equals}
   */
  static <T> Equivalence<T> equality() {
    return Object::equals;
  }

  /**
   * The same object only: a recomputed value always counts as a change unless it is the very same object.
   *
   * @param <T> the type of the values compared
   * @return the same-object equivalence
   */
  static <T> Equivalence<T> identity() {
    return (a, b) -> a == b;
  }

  /**
   * Numbers within {@code tolerance} of each other (compared as doubles; NaN is equivalent to NaN), and arrays of
   * {@code double} or {@code float} of equal length whose elements are; other values by {@link #standard()}.
   *
   * @param <T> the type of the values compared
   * @param tolerance the largest absolute difference that still counts as equal; {@code >= 0}
   * @return an equivalence of numbers (and double or float arrays) within {@code tolerance}
   * @throws IllegalArgumentException if {@code tolerance} is negative or NaN
   */
  static <T> Equivalence<T> tolerance(double tolerance) {
    if (!(tolerance >= 0)) {
      throw new IllegalArgumentException("the tolerance must be >= 0, was " + tolerance);
    }
    return (a, b) -> Tolerance.within(a, b, tolerance);
  }
}
