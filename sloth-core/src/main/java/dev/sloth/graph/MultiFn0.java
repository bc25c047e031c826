package dev.sloth.graph;

/**
 * A wrapped multi-output function of 0 arguments: calling it records the call and runs nothing; the
 * {@link Outputs} it returns give each part of the result (a record's component, say) as a node of its own, with
 * early cutoff per output. Each argument may be a plain value or a {@link Node}, in any mix. Made by {@link
 * Graph#fnMulti0}.
 *
 * <pre>{@code
 * record DivMod(int q, int r) {}
 * MultiFn0<DivMod> divMod = g.fnMulti0("DivMod", () -> new DivMod(4, 2));
 * Node<Integer> q = divMod.call().get(DivMod::q);
 * }</pre>
 *
 * @param <O> the type of the result, whose parts are the outputs: a record, a {@code List} or an array
 */
public final class MultiFn0<O> extends WrappedFn {
  MultiFn0(WrappedFunction fn) {
    super(fn);
  }

  /**
   * Records a call; runs nothing. Node arguments become dependencies; see {@link Outputs}.
   *
   * @return the outputs of this call, one node per part of the result; nothing has run yet
   */
  public Outputs<O> call() {
    return new Outputs<>(fn.call(new Object[] {}), fn);
  }
}
