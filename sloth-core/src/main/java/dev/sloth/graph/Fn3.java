package dev.sloth.graph;

/**
 * A wrapped function of 3 arguments: calling it records a node and runs nothing. Each argument
 * may be a plain value or a {@link Node}, in any mix. Made by {@link Graph#fn3}, {@link Graph#fnAsync3} and {@link
 * Graph#fnSpin3}.
 *
 * <pre>{@code
 * Fn3<Integer, Integer, Integer, Integer> clamp = g.fn3("Clamp", (x, lo, hi) -> Math.max(lo, Math.min(hi, x)));
 * Node<Integer> c = clamp.call(x, 0, 10);
 * }</pre>
 *
 * @param <A> the type of argument 1
 * @param <B> the type of argument 2
 * @param <C> the type of argument 3
 * @param <R> the type of the result
 */
public final class Fn3<A, B, C, R> extends WrappedFn {
  Fn3(WrappedFunction fn) {
    super(fn);
  }

  /**
   * Records a call; runs nothing. Node arguments become dependencies.
   *
   * @param a argument 1: a plain value, or a node whose value the function gets when the call runs
   * @param b argument 2: a plain value, or a node whose value the function gets when the call runs
   * @param c argument 3: a plain value, or a node whose value the function gets when the call runs
   * @return the node standing for this call; nothing has run yet
   */
  public Node<R> call(A a, B b, C c) {
    return fn.call(new Object[] {a, b, c});
  }

  /**
   * Records a call; runs nothing. Node arguments become dependencies.
   *
   * @param a argument 1: a plain value, or a node whose value the function gets when the call runs
   * @param b argument 2: a plain value, or a node whose value the function gets when the call runs
   * @param c argument 3: a plain value, or a node whose value the function gets when the call runs
   * @return the node standing for this call; nothing has run yet
   */
  public Node<R> call(A a, B b, Node<? extends C> c) {
    return fn.call(new Object[] {a, b, c});
  }

  /**
   * Records a call; runs nothing. Node arguments become dependencies.
   *
   * @param a argument 1: a plain value, or a node whose value the function gets when the call runs
   * @param b argument 2: a plain value, or a node whose value the function gets when the call runs
   * @param c argument 3: a plain value, or a node whose value the function gets when the call runs
   * @return the node standing for this call; nothing has run yet
   */
  public Node<R> call(A a, Node<? extends B> b, C c) {
    return fn.call(new Object[] {a, b, c});
  }

  /**
   * Records a call; runs nothing. Node arguments become dependencies.
   *
   * @param a argument 1: a plain value, or a node whose value the function gets when the call runs
   * @param b argument 2: a plain value, or a node whose value the function gets when the call runs
   * @param c argument 3: a plain value, or a node whose value the function gets when the call runs
   * @return the node standing for this call; nothing has run yet
   */
  public Node<R> call(A a, Node<? extends B> b, Node<? extends C> c) {
    return fn.call(new Object[] {a, b, c});
  }

  /**
   * Records a call; runs nothing. Node arguments become dependencies.
   *
   * @param a argument 1: a plain value, or a node whose value the function gets when the call runs
   * @param b argument 2: a plain value, or a node whose value the function gets when the call runs
   * @param c argument 3: a plain value, or a node whose value the function gets when the call runs
   * @return the node standing for this call; nothing has run yet
   */
  public Node<R> call(Node<? extends A> a, B b, C c) {
    return fn.call(new Object[] {a, b, c});
  }

  /**
   * Records a call; runs nothing. Node arguments become dependencies.
   *
   * @param a argument 1: a plain value, or a node whose value the function gets when the call runs
   * @param b argument 2: a plain value, or a node whose value the function gets when the call runs
   * @param c argument 3: a plain value, or a node whose value the function gets when the call runs
   * @return the node standing for this call; nothing has run yet
   */
  public Node<R> call(Node<? extends A> a, B b, Node<? extends C> c) {
    return fn.call(new Object[] {a, b, c});
  }

  /**
   * Records a call; runs nothing. Node arguments become dependencies.
   *
   * @param a argument 1: a plain value, or a node whose value the function gets when the call runs
   * @param b argument 2: a plain value, or a node whose value the function gets when the call runs
   * @param c argument 3: a plain value, or a node whose value the function gets when the call runs
   * @return the node standing for this call; nothing has run yet
   */
  public Node<R> call(Node<? extends A> a, Node<? extends B> b, C c) {
    return fn.call(new Object[] {a, b, c});
  }

  /**
   * Records a call; runs nothing. Node arguments become dependencies.
   *
   * @param a argument 1: a plain value, or a node whose value the function gets when the call runs
   * @param b argument 2: a plain value, or a node whose value the function gets when the call runs
   * @param c argument 3: a plain value, or a node whose value the function gets when the call runs
   * @return the node standing for this call; nothing has run yet
   */
  public Node<R> call(Node<? extends A> a, Node<? extends B> b, Node<? extends C> c) {
    return fn.call(new Object[] {a, b, c});
  }
}
