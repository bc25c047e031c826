package dev.sloth.graph;

/**
 * A wrapped function of 2 arguments: calling it records a node and runs nothing. Each argument
 * may be a plain value or a {@link Node}, in any mix. Made by {@link Graph#fn2}, {@link Graph#fnAsync2} and {@link
 * Graph#fnSpin2}.
 *
 * <pre>{@code
 * Fn2<Integer, Integer, Integer> mul = g.fn2("Mul", (x, y) -> x * y);
 * Node<Integer> c = mul.call(square.call(2), 3); // values and nodes in any mix
 * }</pre>
 *
 * @param <A> the type of argument 1
 * @param <B> the type of argument 2
 * @param <R> the type of the result
 */
public final class Fn2<A, B, R> extends WrappedFn {
  Fn2(WrappedFunction fn) {
    super(fn);
  }

  /**
   * Records a call; runs nothing. Node arguments become dependencies.
   *
   * @param a argument 1: a plain value, or a node whose value the function gets when the call runs
   * @param b argument 2: a plain value, or a node whose value the function gets when the call runs
   * @return the node standing for this call; nothing has run yet
   */
  public Node<R> call(A a, B b) {
    return fn.call(new Object[] {a, b});
  }

  /**
   * Records a call; runs nothing. Node arguments become dependencies.
   *
   * @param a argument 1: a plain value, or a node whose value the function gets when the call runs
   * @param b argument 2: a plain value, or a node whose value the function gets when the call runs
   * @return the node standing for this call; nothing has run yet
   */
  public Node<R> call(A a, Node<? extends B> b) {
    return fn.call(new Object[] {a, b});
  }

  /**
   * Records a call; runs nothing. Node arguments become dependencies.
   *
   * @param a argument 1: a plain value, or a node whose value the function gets when the call runs
   * @param b argument 2: a plain value, or a node whose value the function gets when the call runs
   * @return the node standing for this call; nothing has run yet
   */
  public Node<R> call(Node<? extends A> a, B b) {
    return fn.call(new Object[] {a, b});
  }

  /**
   * Records a call; runs nothing. Node arguments become dependencies.
   *
   * @param a argument 1: a plain value, or a node whose value the function gets when the call runs
   * @param b argument 2: a plain value, or a node whose value the function gets when the call runs
   * @return the node standing for this call; nothing has run yet
   */
  public Node<R> call(Node<? extends A> a, Node<? extends B> b) {
    return fn.call(new Object[] {a, b});
  }
}
