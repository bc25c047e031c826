package dev.sloth.graph;

import java.util.List;

/**
 * A wrapped function of any number of arguments of one type, for arities beyond {@link Fn4}: calling it records a
 * node and runs nothing. Each argument may be a plain value or a {@link Node}. Plain values are checked against the
 * declared argument type at the call; values produced by nodes are checked before the function runs.
 *
 * <pre>{@code
 * FnN<Integer, Integer> sum = g.fnN("Sum", Integer.class, xs -> xs.stream().mapToInt(i -> i).sum());
 * Node<Integer> total = sum.call(a, b, 3, c);
 * Node<Integer> big = sum.call(listOfTwentyThousandNodes);
 * }</pre>
 *
 * @param <A> the type of every argument
 * @param <R> the type of the result
 */
public final class FnN<A, R> extends WrappedFn {
  FnN(WrappedFunction fn) {
    super(fn);
  }

  /**
   * Records a call with the given arguments, each an {@code A} or a {@code Node<? extends A>}; runs nothing.
   *
   * @param args the arguments, each an {@code A} or a {@code Node<? extends A>}, in order
   * @return the node standing for this call; nothing has run yet
   * @throws IllegalArgumentException if an argument is neither an {@code A} nor a node
   */
  public Node<R> call(Object... args) {
    return fn.call(java.util.Arrays.copyOf(args, args.length, Object[].class));
  }

  /**
   * Records a call with the arguments in {@code args}; see {@link #call(Object...)}.
   *
   * @param args the arguments, each an {@code A} or a {@code Node<? extends A>}, in order
   * @return the node standing for this call; nothing has run yet
   */
  public Node<R> call(List<?> args) {
    return fn.call(args.toArray());
  }
}
