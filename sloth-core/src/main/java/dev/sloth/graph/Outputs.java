package dev.sloth.graph;

import java.util.Iterator;
import java.util.List;

/**
 * The outputs of one call of a multi-output function ({@link Graph#fnMulti}): each is a node of its own, with its
 * own dependents. The function runs once per change of its inputs, for all outputs; each output is invalidated
 * separately, with early cutoff per output (if only output 0 changed, the dependents of output 1 stay valid).
 *
 * <pre>{@code
 * MultiFn<Integer> divMod = g.fnMulti("DivMod", 2, (Integer x) -> List.of(x / 10, x % 10));
 * Outputs qr = divMod.call(x);
 * Node<Integer> q = qr.get(0);
 * Node<Integer> r = qr.get(1);
 * }</pre>
 */
public final class Outputs implements Iterable<Node<?>> {
  private final Node<List<Object>> whole;
  private final List<Node<?>> outputs;

  Outputs(Node<List<Object>> whole, List<Node<?>> outputs) {
    this.whole = whole;
    this.outputs = List.copyOf(outputs);
  }

  /**
   * Output number {@code index} (0-based), typed as the caller expects.
   *
   * @throws IndexOutOfBoundsException naming the function and its declared number of outputs
   */
  @SuppressWarnings("unchecked")
  public <T> Node<T> get(int index) {
    if (index < 0 || index >= outputs.size()) {
      throw new IndexOutOfBoundsException("'" + whole.name() + "' has " + outputs.size() + " outputs (indices 0 to "
          + (outputs.size() - 1) + "); there is no output " + index);
    }
    return (Node<T>) outputs.get(index);
  }

  /** The number of outputs, as declared. */
  public int size() {
    return outputs.size();
  }

  /** The output nodes, in order. */
  @Override
  public Iterator<Node<?>> iterator() {
    return outputs.iterator();
  }

  /** The node of the whole call: all outputs as an immutable list. */
  public Node<List<Object>> all() {
    return whole;
  }
}
