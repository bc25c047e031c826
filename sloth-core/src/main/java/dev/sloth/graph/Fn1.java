package dev.sloth.graph;

/**
 * A wrapped function of 1 argument: calling it records a node and runs nothing. Each argument
 * may be a plain value or a {@link Node}, in any mix. Made by {@link Graph#fn1}, {@link Graph#fnAsync1} and {@link
 * Graph#fnSpin1}.
 *
 * <pre>{@code
 * Fn1<Integer, Integer> square = g.fn1("Square", x -> x * x);
 * Node<Integer> a = square.call(2);            // a plain value
 * Node<Integer> b = square.call(a);            // or a node
 * }</pre>
 *
 * @param <A> the type of argument 1
 * @param <R> the type of the result
 */
public final class Fn1<A, R> extends WrappedFn {
  Fn1(WrappedFunction fn) {
    super(fn);
  }

  /**
   * Records a call; runs nothing. Node arguments become dependencies.
   *
   * @param a argument 1: a plain value, or a node whose value the function gets when the call runs
   * @return the node standing for this call; nothing has run yet
   */
  public Node<R> call(A a) {
    return fn.call(new Object[] {a});
  }

  /**
   * Records a call; runs nothing. Node arguments become dependencies.
   *
   * @param a argument 1: a plain value, or a node whose value the function gets when the call runs
   * @return the node standing for this call; nothing has run yet
   */
  public Node<R> call(Node<? extends A> a) {
    return fn.call(new Object[] {a});
  }
}
