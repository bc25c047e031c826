package dev.sloth.graph;

import java.util.function.UnaryOperator;

/**
 * A settable input of a {@link Graph}. Setting a new value (one not {@code equals} to the current one) invalidates
 * exactly the nodes that depend on it, transitively; they recompute on their next {@link #get()}.
 *
 * <pre>{@code
 * Source<Integer> x = g.source("x", 2);
 * Node<Integer> y = square.call(x);
 * y.get();       // 4
 * x.set(5);
 * y.get();       // 25: Square ran again
 * }</pre>
 *
 * @param <T> the type of the value
 */
public sealed interface Source<T> extends Node<T> permits SourceNode {

  /**
   * Sets the value. Setting a value equal to the current one changes nothing.
   *
   * @param value the new value; may be null
   * @throws IllegalStateException if called from inside a running node's function (functions must be pure)
   */
  void set(T value);

  /**
   * Sets the value to {@code f} applied to the current one; atomic with respect to other updates.
   *
   * @param f computes the new value from the current one; not null
   */
  void update(UnaryOperator<T> f);
}
