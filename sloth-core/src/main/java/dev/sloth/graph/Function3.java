package dev.sloth.graph;

import java.io.Serializable;

/**
 * A function of three arguments given to a graph ({@link Graph#fn3}, {@link Graph#fnAsync3}, {@link Graph#fnMulti3}
 * and {@link Graph#fnSpin2}). It may throw any exception, checked ones included: the failed node's {@link
 * EvaluationException} has it as its cause. It is {@link Serializable} so that every lambda and method reference given
 * to a graph carries its implementation identity (see {@link FunctionIdentity}); the graph never serializes the
 * function or what it captured.
 *
 * <pre>{@code
 * Fn3<Integer, Integer, Integer, Integer> clamp = g.fn3("Clamp", (x, lo, hi) -> Math.max(lo, Math.min(hi, x)));
 * }</pre>
 *
 * @param <A> the type of argument 1
 * @param <B> the type of argument 2
 * @param <C> the type of argument 3
 * @param <R> the type of the result
 */
@FunctionalInterface
public interface Function3<A, B, C, R> extends Serializable {
  /**
   * Applies the function.
   *
   * @param a argument 1
   * @param b argument 2
   * @param c argument 3
   * @return the result; may be null
   * @throws Exception any failure; it fails the node that called the function and its dependents, not the graph
   */
  R apply(A a, B b, C c) throws Exception;
}
