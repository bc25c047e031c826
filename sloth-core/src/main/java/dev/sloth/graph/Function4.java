package dev.sloth.graph;

import java.io.Serializable;

/**
 * A function of four arguments given to a graph ({@link Graph#fn4}, {@link Graph#fnAsync4}, {@link Graph#fnMulti4} and
 * {@link Graph#fnSpin3}). It may throw any exception, checked ones included: the failed node's {@link
 * EvaluationException} has it as its cause. It is {@link Serializable} so that every lambda and method reference given
 * to a graph carries its implementation identity (see {@link FunctionIdentity}); the graph never serializes the
 * function or what it captured.
 *
 * <pre>{@code
 * Fn4<Double, Double, Double, Double, Double> f = g.fn4("F", (a, b, c, d) -> a * b + c * d);
 * }</pre>
 *
 * @param <A> the type of argument 1
 * @param <B> the type of argument 2
 * @param <C> the type of argument 3
 * @param <D> the type of argument 4
 * @param <R> the type of the result
 */
@FunctionalInterface
public interface Function4<A, B, C, D, R> extends Serializable {
  /**
   * Applies the function.
   *
   * @param a argument 1
   * @param b argument 2
   * @param c argument 3
   * @param d argument 4
   * @return the result; may be null
   * @throws Exception any failure; it fails the node that called the function and its dependents, not the graph
   */
  R apply(A a, B b, C c, D d) throws Exception;
}
