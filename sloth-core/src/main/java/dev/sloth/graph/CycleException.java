package dev.sloth.graph;

import java.util.List;

/**
 * Thrown inside a running function when reading a node would wait, directly or through other threads, for the
 * node being computed: a dependency cycle, which only dynamic reads can create. The cycle is reported, never waited
 * on, whether it spans one thread or several. The requesting {@link Node#get()} then throws an
 * {@link EvaluationException} whose failure has this as its cause.
 *
 * <pre>{@code
 * Node<Integer>[] b = new Node[1];
 * Node<Integer> a = g.computed("a", () -> b[0].get() + 1);
 * b[0] = g.computed("b", () -> a.get() + 1);
 * a.get();   // EvaluationException caused by CycleException: "dependency cycle: a -> b -> a"
 * }</pre>
 */
public final class CycleException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient List<String> cycle;

  CycleException(List<String> cycle) {
    super("dependency cycle: " + String.join(" -> ", cycle));
    this.cycle = List.copyOf(cycle);
  }

  /**
   * The node names along the cycle; the first and last are the same node.
   *
   * @return the node names along the cycle, an unmodifiable list
   */
  public List<String> cycle() {
    return cycle;
  }
}
