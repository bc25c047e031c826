package dev.sloth.graph;

import java.io.Serializable;

/**
 * A function of no arguments given to a graph ({@link Graph#fn0}, {@link Graph#computed}, {@link Graph#fnAsync0} and
 * {@link Graph#fnMulti0}). It may throw any exception, checked ones included: the failed node's {@link
 * EvaluationException} has it as its cause. It is {@link Serializable} so that every lambda and method reference given
 * to a graph carries its implementation identity (see {@link FunctionIdentity}); the graph never serializes the
 * function or what it captured.
 *
 * <pre>{@code
 * Fn0<Long> seed = g.fn0("Seed", () -> 42L);
 * Node<Long> d = g.computed("d", () -> a.get() - b.get());
 * }</pre>
 *
 * @param <R> the type of the result
 */
@FunctionalInterface
public interface Function0<R> extends Serializable {
  /**
   * Applies the function.
   *
   * @return the result; may be null
   * @throws Exception any failure; it fails the node that called the function and its dependents, not the graph
   */
  R apply() throws Exception;
}
