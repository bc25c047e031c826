package dev.sloth.graph;

import java.util.List;

/**
 * A wrapped multi-output function of any number of arguments of one type; see {@link MultiFn1} and {@link FnN}.
 * Made by {@link Graph#fnMultiN}.
 *
 * <pre>{@code
 * record MinMax(int min, int max) {}
 * MultiFnN<Integer, MinMax> range = g.fnMultiN("Range", Integer.class,
 *     xs -> new MinMax(Collections.min(xs), Collections.max(xs)));
 * Node<Integer> min = range.call(3, x, 5).get(MinMax::min);
 * }</pre>
 *
 * @param <A> the type of every argument
 * @param <O> the type of the result, whose parts are the outputs: a record, a {@code List} or an array
 */
public final class MultiFnN<A, O> extends WrappedFn {
  MultiFnN(WrappedFunction fn) {
    super(fn);
  }

  /**
   * Records a call with the given arguments, each an {@code A} or a {@code Node<? extends A>} (null is a legal
   * argument); runs nothing.
   *
   * @param args the arguments, each an {@code A} or a {@code Node<? extends A>}, in order
   * @return the outputs of this call, one node per part of the result; nothing has run yet
   * @throws IllegalArgumentException if an argument is neither an {@code A} nor a node
   */
  public Outputs<O> call(Object... args) {
    return new Outputs<>(fn.call(java.util.Arrays.copyOf(args, args.length, Object[].class)), fn);
  }

  /**
   * Records a call with the arguments in {@code args}; see {@link #call(Object...)}.
   *
   * @param args the arguments, each an {@code A} or a {@code Node<? extends A>}, in order
   * @return the outputs of this call, one node per part of the result; nothing has run yet
   */
  public Outputs<O> call(List<?> args) {
    return new Outputs<>(fn.call(args.toArray()), fn);
  }
}
