package dev.sloth.graph;

/**
 * A wrapped multi-output function of 4 arguments: calling it records the call and runs nothing; the
 * {@link Outputs} it returns give each part of the result (a record's component, say) as a node of its own, with
 * early cutoff per output. Each argument may be a plain value or a {@link Node}, in any mix. Made by {@link
 * Graph#fnMulti4}.
 *
 * <pre>{@code
 * record DivMod(int q, int r) {}
 * MultiFn4<Integer, Integer, Integer, Integer, DivMod> divMod = g.fnMulti4("DivMod", (a, b, c, d) -> new DivMod(a / 10,
 * a % 10));
 * Node<Integer> q = divMod.call(42, 42, 42, 42).get(DivMod::q);
 * }</pre>
 *
 * @param <A> the type of argument 1
 * @param <B> the type of argument 2
 * @param <C> the type of argument 3
 * @param <D> the type of argument 4
 * @param <O> the type of the result, whose parts are the outputs: a record, a {@code List} or an array
 */
public final class MultiFn4<A, B, C, D, O> extends WrappedFn {
  MultiFn4(WrappedFunction fn) {
    super(fn);
  }

  /**
   * Records a call; runs nothing. Node arguments become dependencies; see {@link Outputs}.
   *
   * @param a argument 1: a plain value, or a node whose value the function gets when the call runs
   * @param b argument 2: a plain value, or a node whose value the function gets when the call runs
   * @param c argument 3: a plain value, or a node whose value the function gets when the call runs
   * @param d argument 4: a plain value, or a node whose value the function gets when the call runs
   * @return the outputs of this call, one node per part of the result; nothing has run yet
   */
  public Outputs<O> call(A a, B b, C c, D d) {
    return new Outputs<>(fn.call(new Object[] {a, b, c, d}), fn);
  }

  /**
   * Records a call; runs nothing. Node arguments become dependencies; see {@link Outputs}.
   *
   * @param a argument 1: a plain value, or a node whose value the function gets when the call runs
   * @param b argument 2: a plain value, or a node whose value the function gets when the call runs
   * @param c argument 3: a plain value, or a node whose value the function gets when the call runs
   * @param d argument 4: a plain value, or a node whose value the function gets when the call runs
   * @return the outputs of this call, one node per part of the result; nothing has run yet
   */
  public Outputs<O> call(A a, B b, C c, Node<? extends D> d) {
    return new Outputs<>(fn.call(new Object[] {a, b, c, d}), fn);
  }

  /**
   * Records a call; runs nothing. Node arguments become dependencies; see {@link Outputs}.
   *
   * @param a argument 1: a plain value, or a node whose value the function gets when the call runs
   * @param b argument 2: a plain value, or a node whose value the function gets when the call runs
   * @param c argument 3: a plain value, or a node whose value the function gets when the call runs
   * @param d argument 4: a plain value, or a node whose value the function gets when the call runs
   * @return the outputs of this call, one node per part of the result; nothing has run yet
   */
  public Outputs<O> call(A a, B b, Node<? extends C> c, D d) {
    return new Outputs<>(fn.call(new Object[] {a, b, c, d}), fn);
  }

  /**
   * Records a call; runs nothing. Node arguments become dependencies; see {@link Outputs}.
   *
   * @param a argument 1: a plain value, or a node whose value the function gets when the call runs
   * @param b argument 2: a plain value, or a node whose value the function gets when the call runs
   * @param c argument 3: a plain value, or a node whose value the function gets when the call runs
   * @param d argument 4: a plain value, or a node whose value the function gets when the call runs
   * @return the outputs of this call, one node per part of the result; nothing has run yet
   */
  public Outputs<O> call(A a, B b, Node<? extends C> c, Node<? extends D> d) {
    return new Outputs<>(fn.call(new Object[] {a, b, c, d}), fn);
  }

  /**
   * Records a call; runs nothing. Node arguments become dependencies; see {@link Outputs}.
   *
   * @param a argument 1: a plain value, or a node whose value the function gets when the call runs
   * @param b argument 2: a plain value, or a node whose value the function gets when the call runs
   * @param c argument 3: a plain value, or a node whose value the function gets when the call runs
   * @param d argument 4: a plain value, or a node whose value the function gets when the call runs
   * @return the outputs of this call, one node per part of the result; nothing has run yet
   */
  public Outputs<O> call(A a, Node<? extends B> b, C c, D d) {
    return new Outputs<>(fn.call(new Object[] {a, b, c, d}), fn);
  }

  /**
   * Records a call; runs nothing. Node arguments become dependencies; see {@link Outputs}.
   *
   * @param a argument 1: a plain value, or a node whose value the function gets when the call runs
   * @param b argument 2: a plain value, or a node whose value the function gets when the call runs
   * @param c argument 3: a plain value, or a node whose value the function gets when the call runs
   * @param d argument 4: a plain value, or a node whose value the function gets when the call runs
   * @return the outputs of this call, one node per part of the result; nothing has run yet
   */
  public Outputs<O> call(A a, Node<? extends B> b, C c, Node<? extends D> d) {
    return new Outputs<>(fn.call(new Object[] {a, b, c, d}), fn);
  }

  /**
   * Records a call; runs nothing. Node arguments become dependencies; see {@link Outputs}.
   *
   * @param a argument 1: a plain value, or a node whose value the function gets when the call runs
   * @param b argument 2: a plain value, or a node whose value the function gets when the call runs
   * @param c argument 3: a plain value, or a node whose value the function gets when the call runs
   * @param d argument 4: a plain value, or a node whose value the function gets when the call runs
   * @return the outputs of this call, one node per part of the result; nothing has run yet
   */
  public Outputs<O> call(A a, Node<? extends B> b, Node<? extends C> c, D d) {
    return new Outputs<>(fn.call(new Object[] {a, b, c, d}), fn);
  }

  /**
   * Records a call; runs nothing. Node arguments become dependencies; see {@link Outputs}.
   *
   * @param a argument 1: a plain value, or a node whose value the function gets when the call runs
   * @param b argument 2: a plain value, or a node whose value the function gets when the call runs
   * @param c argument 3: a plain value, or a node whose value the function gets when the call runs
   * @param d argument 4: a plain value, or a node whose value the function gets when the call runs
   * @return the outputs of this call, one node per part of the result; nothing has run yet
   */
  public Outputs<O> call(A a, Node<? extends B> b, Node<? extends C> c, Node<? extends D> d) {
    return new Outputs<>(fn.call(new Object[] {a, b, c, d}), fn);
  }

  /**
   * Records a call; runs nothing. Node arguments become dependencies; see {@link Outputs}.
   *
   * @param a argument 1: a plain value, or a node whose value the function gets when the call runs
   * @param b argument 2: a plain value, or a node whose value the function gets when the call runs
   * @param c argument 3: a plain value, or a node whose value the function gets when the call runs
   * @param d argument 4: a plain value, or a node whose value the function gets when the call runs
   * @return the outputs of this call, one node per part of the result; nothing has run yet
   */
  public Outputs<O> call(Node<? extends A> a, B b, C c, D d) {
    return new Outputs<>(fn.call(new Object[] {a, b, c, d}), fn);
  }

  /**
   * Records a call; runs nothing. Node arguments become dependencies; see {@link Outputs}.
   *
   * @param a argument 1: a plain value, or a node whose value the function gets when the call runs
   * @param b argument 2: a plain value, or a node whose value the function gets when the call runs
   * @param c argument 3: a plain value, or a node whose value the function gets when the call runs
   * @param d argument 4: a plain value, or a node whose value the function gets when the call runs
   * @return the outputs of this call, one node per part of the result; nothing has run yet
   */
  public Outputs<O> call(Node<? extends A> a, B b, C c, Node<? extends D> d) {
    return new Outputs<>(fn.call(new Object[] {a, b, c, d}), fn);
  }

  /**
   * Records a call; runs nothing. Node arguments become dependencies; see {@link Outputs}.
   *
   * @param a argument 1: a plain value, or a node whose value the function gets when the call runs
   * @param b argument 2: a plain value, or a node whose value the function gets when the call runs
   * @param c argument 3: a plain value, or a node whose value the function gets when the call runs
   * @param d argument 4: a plain value, or a node whose value the function gets when the call runs
   * @return the outputs of this call, one node per part of the result; nothing has run yet
   */
  public Outputs<O> call(Node<? extends A> a, B b, Node<? extends C> c, D d) {
    return new Outputs<>(fn.call(new Object[] {a, b, c, d}), fn);
  }

  /**
   * Records a call; runs nothing. Node arguments become dependencies; see {@link Outputs}.
   *
   * @param a argument 1: a plain value, or a node whose value the function gets when the call runs
   * @param b argument 2: a plain value, or a node whose value the function gets when the call runs
   * @param c argument 3: a plain value, or a node whose value the function gets when the call runs
   * @param d argument 4: a plain value, or a node whose value the function gets when the call runs
   * @return the outputs of this call, one node per part of the result; nothing has run yet
   */
  public Outputs<O> call(Node<? extends A> a, B b, Node<? extends C> c, Node<? extends D> d) {
    return new Outputs<>(fn.call(new Object[] {a, b, c, d}), fn);
  }

  /**
   * Records a call; runs nothing. Node arguments become dependencies; see {@link Outputs}.
   *
   * @param a argument 1: a plain value, or a node whose value the function gets when the call runs
   * @param b argument 2: a plain value, or a node whose value the function gets when the call runs
   * @param c argument 3: a plain value, or a node whose value the function gets when the call runs
   * @param d argument 4: a plain value, or a node whose value the function gets when the call runs
   * @return the outputs of this call, one node per part of the result; nothing has run yet
   */
  public Outputs<O> call(Node<? extends A> a, Node<? extends B> b, C c, D d) {
    return new Outputs<>(fn.call(new Object[] {a, b, c, d}), fn);
  }

  /**
   * Records a call; runs nothing. Node arguments become dependencies; see {@link Outputs}.
   *
   * @param a argument 1: a plain value, or a node whose value the function gets when the call runs
   * @param b argument 2: a plain value, or a node whose value the function gets when the call runs
   * @param c argument 3: a plain value, or a node whose value the function gets when the call runs
   * @param d argument 4: a plain value, or a node whose value the function gets when the call runs
   * @return the outputs of this call, one node per part of the result; nothing has run yet
   */
  public Outputs<O> call(Node<? extends A> a, Node<? extends B> b, C c, Node<? extends D> d) {
    return new Outputs<>(fn.call(new Object[] {a, b, c, d}), fn);
  }

  /**
   * Records a call; runs nothing. Node arguments become dependencies; see {@link Outputs}.
   *
   * @param a argument 1: a plain value, or a node whose value the function gets when the call runs
   * @param b argument 2: a plain value, or a node whose value the function gets when the call runs
   * @param c argument 3: a plain value, or a node whose value the function gets when the call runs
   * @param d argument 4: a plain value, or a node whose value the function gets when the call runs
   * @return the outputs of this call, one node per part of the result; nothing has run yet
   */
  public Outputs<O> call(Node<? extends A> a, Node<? extends B> b, Node<? extends C> c, D d) {
    return new Outputs<>(fn.call(new Object[] {a, b, c, d}), fn);
  }

  /**
   * Records a call; runs nothing. Node arguments become dependencies; see {@link Outputs}.
   *
   * @param a argument 1: a plain value, or a node whose value the function gets when the call runs
   * @param b argument 2: a plain value, or a node whose value the function gets when the call runs
   * @param c argument 3: a plain value, or a node whose value the function gets when the call runs
   * @param d argument 4: a plain value, or a node whose value the function gets when the call runs
   * @return the outputs of this call, one node per part of the result; nothing has run yet
   */
  public Outputs<O> call(Node<? extends A> a, Node<? extends B> b, Node<? extends C> c, Node<? extends D> d) {
    return new Outputs<>(fn.call(new Object[] {a, b, c, d}), fn);
  }
}
