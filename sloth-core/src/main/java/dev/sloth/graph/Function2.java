package dev.sloth.graph;

import java.io.Serializable;

/**
 * A function of two arguments given to a graph ({@link Graph#fn2}, {@link Graph#fnAsync2}, {@link Graph#fnMulti2} and
 * {@link Graph#fnSpin1}). It may throw any exception, checked ones included: the failed node's {@link
 * EvaluationException} has it as its cause. It is {@link Serializable} so that every lambda and method reference given
 * to a graph carries its implementation identity (see {@link FunctionIdentity}); the graph never serializes the
 * function or what it captured.
 *
 * <pre>{@code
 * Fn2<Integer, Integer, Integer> add = g.fn2("Add", Integer::sum);
 * }</pre>
 *
 * @param <A> the type of argument 1
 * @param <B> the type of argument 2
 * @param <R> the type of the result
 */
@FunctionalInterface
public interface Function2<A, B, R> extends Serializable {
  /**
   * Applies the function.
   *
   * @param a argument 1
   * @param b argument 2
   * @return the result; may be null
   * @throws Exception any failure; it fails the node that called the function and its dependents, not the graph
   */
  R apply(A a, B b) throws Exception;
}
