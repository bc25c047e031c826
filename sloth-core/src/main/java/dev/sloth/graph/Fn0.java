package dev.sloth.graph;

/**
 * A wrapped function of 0 arguments: calling it records a node and runs nothing. Each argument
 * may be a plain value or a {@link Node}, in any mix. Made by {@link Graph#fn0}, {@link Graph#fnAsync0} and {@link
 * Graph#fnSpin0}.
 *
 * <pre>{@code
 * Fn0<Long> seed = g.fn0("Seed", () -> 42L);
 * Node<Long> s = seed.call();
 * }</pre>
 *
 * @param <R> the type of the result
 */
public final class Fn0<R> extends WrappedFn {
  Fn0(WrappedFunction fn) {
    super(fn);
  }

  /**
   * Records a call; runs nothing. Node arguments become dependencies.
   *
   * @return the node standing for this call; nothing has run yet
   */
  public Node<R> call() {
    return fn.call(new Object[] {});
  }
}
