package dev.sloth.graph;

/**
 * A wrapped function of 4 arguments: calling it records a node and runs nothing. Each argument
 * may be a plain value or a {@link Node}, in any mix. Made by {@link Graph#fn4} and {@link Graph#fnAsync4}.
 *
 * <pre>{@code
 * Fn4<Double, Double, Double, Double, Double> f = g.fn4("F", (a, b, c, d) -> a * b + c * d);
 * Node<Double> r = f.call(x, 2.0, y, 4.0);
 * }</pre>
 *
 * @param <A> the type of argument 1
 * @param <B> the type of argument 2
 * @param <C> the type of argument 3
 * @param <D> the type of argument 4
 * @param <R> the type of the result
 */
public final class Fn4<A, B, C, D, R> extends WrappedFn {
  Fn4(WrappedFunction fn) {
    super(fn);
  }

  /**
   * Records a call; runs nothing. Node arguments become dependencies.
   *
   * @param a argument 1: a plain value, or a node whose value the function gets when the call runs
   * @param b argument 2: a plain value, or a node whose value the function gets when the call runs
   * @param c argument 3: a plain value, or a node whose value the function gets when the call runs
   * @param d argument 4: a plain value, or a node whose value the function gets when the call runs
   * @return the node standing for this call; nothing has run yet
   */
  public Node<R> call(A a, B b, C c, D d) {
    return fn.call(new Object[] {a, b, c, d});
  }

  /**
   * Records a call; runs nothing. Node arguments become dependencies.
   *
   * @param a argument 1: a plain value, or a node whose value the function gets when the call runs
   * @param b argument 2: a plain value, or a node whose value the function gets when the call runs
   * @param c argument 3: a plain value, or a node whose value the function gets when the call runs
   * @param d argument 4: a plain value, or a node whose value the function gets when the call runs
   * @return the node standing for this call; nothing has run yet
   */
  public Node<R> call(A a, B b, C c, Node<? extends D> d) {
    return fn.call(new Object[] {a, b, c, d});
  }

  /**
   * Records a call; runs nothing. Node arguments become dependencies.
   *
   * @param a argument 1: a plain value, or a node whose value the function gets when the call runs
   * @param b argument 2: a plain value, or a node whose value the function gets when the call runs
   * @param c argument 3: a plain value, or a node whose value the function gets when the call runs
   * @param d argument 4: a plain value, or a node whose value the function gets when the call runs
   * @return the node standing for this call; nothing has run yet
   */
  public Node<R> call(A a, B b, Node<? extends C> c, D d) {
    return fn.call(new Object[] {a, b, c, d});
  }

  /**
   * Records a call; runs nothing. Node arguments become dependencies.
   *
   * @param a argument 1: a plain value, or a node whose value the function gets when the call runs
   * @param b argument 2: a plain value, or a node whose value the function gets when the call runs
   * @param c argument 3: a plain value, or a node whose value the function gets when the call runs
   * @param d argument 4: a plain value, or a node whose value the function gets when the call runs
   * @return the node standing for this call; nothing has run yet
   */
  public Node<R> call(A a, B b, Node<? extends C> c, Node<? extends D> d) {
    return fn.call(new Object[] {a, b, c, d});
  }

  /**
   * Records a call; runs nothing. Node arguments become dependencies.
   *
   * @param a argument 1: a plain value, or a node whose value the function gets when the call runs
   * @param b argument 2: a plain value, or a node whose value the function gets when the call runs
   * @param c argument 3: a plain value, or a node whose value the function gets when the call runs
   * @param d argument 4: a plain value, or a node whose value the function gets when the call runs
   * @return the node standing for this call; nothing has run yet
   */
  public Node<R> call(A a, Node<? extends B> b, C c, D d) {
    return fn.call(new Object[] {a, b, c, d});
  }

  /**
   * Records a call; runs nothing. Node arguments become dependencies.
   *
   * @param a argument 1: a plain value, or a node whose value the function gets when the call runs
   * @param b argument 2: a plain value, or a node whose value the function gets when the call runs
   * @param c argument 3: a plain value, or a node whose value the function gets when the call runs
   * @param d argument 4: a plain value, or a node whose value the function gets when the call runs
   * @return the node standing for this call; nothing has run yet
   */
  public Node<R> call(A a, Node<? extends B> b, C c, Node<? extends D> d) {
    return fn.call(new Object[] {a, b, c, d});
  }

  /**
   * Records a call; runs nothing. Node arguments become dependencies.
   *
   * @param a argument 1: a plain value, or a node whose value the function gets when the call runs
   * @param b argument 2: a plain value, or a node whose value the function gets when the call runs
   * @param c argument 3: a plain value, or a node whose value the function gets when the call runs
   * @param d argument 4: a plain value, or a node whose value the function gets when the call runs
   * @return the node standing for this call; nothing has run yet
   */
  public Node<R> call(A a, Node<? extends B> b, Node<? extends C> c, D d) {
    return fn.call(new Object[] {a, b, c, d});
  }

  /**
   * Records a call; runs nothing. Node arguments become dependencies.
   *
   * @param a argument 1: a plain value, or a node whose value the function gets when the call runs
   * @param b argument 2: a plain value, or a node whose value the function gets when the call runs
   * @param c argument 3: a plain value, or a node whose value the function gets when the call runs
   * @param d argument 4: a plain value, or a node whose value the function gets when the call runs
   * @return the node standing for this call; nothing has run yet
   */
  public Node<R> call(A a, Node<? extends B> b, Node<? extends C> c, Node<? extends D> d) {
    return fn.call(new Object[] {a, b, c, d});
  }

  /**
   * Records a call; runs nothing. Node arguments become dependencies.
   *
   * @param a argument 1: a plain value, or a node whose value the function gets when the call runs
   * @param b argument 2: a plain value, or a node whose value the function gets when the call runs
   * @param c argument 3: a plain value, or a node whose value the function gets when the call runs
   * @param d argument 4: a plain value, or a node whose value the function gets when the call runs
   * @return the node standing for this call; nothing has run yet
   */
  public Node<R> call(Node<? extends A> a, B b, C c, D d) {
    return fn.call(new Object[] {a, b, c, d});
  }

  /**
   * Records a call; runs nothing. Node arguments become dependencies.
   *
   * @param a argument 1: a plain value, or a node whose value the function gets when the call runs
   * @param b argument 2: a plain value, or a node whose value the function gets when the call runs
   * @param c argument 3: a plain value, or a node whose value the function gets when the call runs
   * @param d argument 4: a plain value, or a node whose value the function gets when the call runs
   * @return the node standing for this call; nothing has run yet
   */
  public Node<R> call(Node<? extends A> a, B b, C c, Node<? extends D> d) {
    return fn.call(new Object[] {a, b, c, d});
  }

  /**
   * Records a call; runs nothing. Node arguments become dependencies.
   *
   * @param a argument 1: a plain value, or a node whose value the function gets when the call runs
   * @param b argument 2: a plain value, or a node whose value the function gets when the call runs
   * @param c argument 3: a plain value, or a node whose value the function gets when the call runs
   * @param d argument 4: a plain value, or a node whose value the function gets when the call runs
   * @return the node standing for this call; nothing has run yet
   */
  public Node<R> call(Node<? extends A> a, B b, Node<? extends C> c, D d) {
    return fn.call(new Object[] {a, b, c, d});
  }

  /**
   * Records a call; runs nothing. Node arguments become dependencies.
   *
   * @param a argument 1: a plain value, or a node whose value the function gets when the call runs
   * @param b argument 2: a plain value, or a node whose value the function gets when the call runs
   * @param c argument 3: a plain value, or a node whose value the function gets when the call runs
   * @param d argument 4: a plain value, or a node whose value the function gets when the call runs
   * @return the node standing for this call; nothing has run yet
   */
  public Node<R> call(Node<? extends A> a, B b, Node<? extends C> c, Node<? extends D> d) {
    return fn.call(new Object[] {a, b, c, d});
  }

  /**
   * Records a call; runs nothing. Node arguments become dependencies.
   *
   * @param a argument 1: a plain value, or a node whose value the function gets when the call runs
   * @param b argument 2: a plain value, or a node whose value the function gets when the call runs
   * @param c argument 3: a plain value, or a node whose value the function gets when the call runs
   * @param d argument 4: a plain value, or a node whose value the function gets when the call runs
   * @return the node standing for this call; nothing has run yet
   */
  public Node<R> call(Node<? extends A> a, Node<? extends B> b, C c, D d) {
    return fn.call(new Object[] {a, b, c, d});
  }

  /**
   * Records a call; runs nothing. Node arguments become dependencies.
   *
   * @param a argument 1: a plain value, or a node whose value the function gets when the call runs
   * @param b argument 2: a plain value, or a node whose value the function gets when the call runs
   * @param c argument 3: a plain value, or a node whose value the function gets when the call runs
   * @param d argument 4: a plain value, or a node whose value the function gets when the call runs
   * @return the node standing for this call; nothing has run yet
   */
  public Node<R> call(Node<? extends A> a, Node<? extends B> b, C c, Node<? extends D> d) {
    return fn.call(new Object[] {a, b, c, d});
  }

  /**
   * Records a call; runs nothing. Node arguments become dependencies.
   *
   * @param a argument 1: a plain value, or a node whose value the function gets when the call runs
   * @param b argument 2: a plain value, or a node whose value the function gets when the call runs
   * @param c argument 3: a plain value, or a node whose value the function gets when the call runs
   * @param d argument 4: a plain value, or a node whose value the function gets when the call runs
   * @return the node standing for this call; nothing has run yet
   */
  public Node<R> call(Node<? extends A> a, Node<? extends B> b, Node<? extends C> c, D d) {
    return fn.call(new Object[] {a, b, c, d});
  }

  /**
   * Records a call; runs nothing. Node arguments become dependencies.
   *
   * @param a argument 1: a plain value, or a node whose value the function gets when the call runs
   * @param b argument 2: a plain value, or a node whose value the function gets when the call runs
   * @param c argument 3: a plain value, or a node whose value the function gets when the call runs
   * @param d argument 4: a plain value, or a node whose value the function gets when the call runs
   * @return the node standing for this call; nothing has run yet
   */
  public Node<R> call(Node<? extends A> a, Node<? extends B> b, Node<? extends C> c, Node<? extends D> d) {
    return fn.call(new Object[] {a, b, c, d});
  }
}
