package dev.sloth.graph;

import java.util.ArrayList;
import java.util.List;

/**
 * A wrapped function with a declared number of outputs: calling it records the call and one node per output, and
 * runs nothing. The function returns its outputs as a {@code List}, an array, or a record (its components, in
 * order); returning a different number than declared fails the call with a message naming both counts. Made by
 * {@link Graph#fnMulti} and {@link Graph#fnMultiN}.
 *
 * <pre>{@code
 * record MinMax(int min, int max) {}
 * MultiFn<List<Integer>> range = g.fnMulti("Range", 2, (List<Integer> xs) ->
 *     new MinMax(Collections.min(xs), Collections.max(xs)));
 * Outputs mm = range.call(numbers);
 * Node<Integer> min = mm.get(0);
 * }</pre>
 *
 * @param <A> the argument type (for {@link Graph#fnMultiN}, the type of every argument)
 */
public final class MultiFn<A> {
  private final WrappedFunction whole;
  private final List<Fn1<List<Object>, Object>> projections;

  MultiFn(WrappedFunction whole, List<Fn1<List<Object>, Object>> projections) {
    this.whole = whole;
    this.projections = projections;
  }

  /** Records a call with one argument (a plain value or a node); runs nothing. */
  public Outputs call(A a) {
    return outputsOf(whole.call(new Object[] {a}));
  }

  /** Records a call with one node argument; runs nothing. */
  public Outputs call(Node<? extends A> a) {
    return outputsOf(whole.call(new Object[] {a}));
  }

  /** Records a call with any number of arguments (for functions made by {@link Graph#fnMultiN}). */
  public Outputs callN(Object... args) {
    return outputsOf(whole.call(args.clone()));
  }

  /** The declared number of outputs. */
  public int outputs() {
    return projections.size();
  }

  /** The function's name. */
  public String name() {
    return whole.name();
  }

  private Outputs outputsOf(Node<List<Object>> call) {
    List<Node<?>> nodes = new ArrayList<>(projections.size());
    for (Fn1<List<Object>, Object> p : projections) {
      nodes.add(p.call(call));
    }
    return new Outputs(call, nodes);
  }

  @Override
  public String toString() {
    return whole + "->" + projections.size();
  }
}
