package dev.sloth.graph;

import java.io.Serializable;

/**
 * A function of one argument given to a graph ({@link Graph#fn1}, {@link Graph#fnAsync1}, {@link Graph#fnMulti1} and
 * {@link Graph#fnSpin0}). It may throw any exception, checked ones included: the failed node's {@link
 * EvaluationException} has it as its cause. It is {@link Serializable} so that every lambda and method reference given
 * to a graph carries its implementation identity (see {@link FunctionIdentity}); the graph never serializes the
 * function or what it captured.
 *
 * <pre>{@code
 * Fn1<Path, String> read = g.fn1("Read", FnOptions.defaults().blocking(), Files::readString); // throws IOException
 * }</pre>
 *
 * @param <A> the type of argument 1
 * @param <R> the type of the result
 */
@FunctionalInterface
public interface Function1<A, R> extends Serializable {
  /**
   * Applies the function.
   *
   * @param a argument 1
   * @return the result; may be null
   * @throws Exception any failure; it fails the node that called the function and its dependents, not the graph
   */
  R apply(A a) throws Exception;
}
