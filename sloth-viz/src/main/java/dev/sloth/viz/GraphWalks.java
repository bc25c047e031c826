package dev.sloth.viz;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.function.Function;
import org.jgrapht.Graph;

/**
 * The walks {@link SnapshotGraphs} and {@link RegistryGraphs} share, over any directed JGraphT graph whose edges
 * point from a dependency to its dependent. Ancestors and descendants are breadth-first walks over incoming or
 * outgoing edges. The topological order is Kahn's algorithm with a priority queue, so that among vertices free to go
 * the least by the given order goes first and the result is deterministic; a vertex whose count of unmet
 * dependencies never reaches zero lies on or after a cycle, and is named in the error. All linear in vertices plus
 * edges (times a log for the queue).
 */
final class GraphWalks {
  private GraphWalks() {}

  /** Every vertex reachable from {@code start} against ({@code up}) or along the edges, not {@code start} itself. */
  static <V, E> Set<V> reach(Graph<V, E> graph, V start, boolean up) {
    Set<V> seen = new LinkedHashSet<>();
    ArrayDeque<V> todo = new ArrayDeque<>();
    todo.add(start);
    while (!todo.isEmpty()) {
      V v = todo.poll();
      for (E e : up ? graph.incomingEdgesOf(v) : graph.outgoingEdgesOf(v)) {
        V next = up ? graph.getEdgeSource(e) : graph.getEdgeTarget(e);
        if (!next.equals(start) && seen.add(next)) {
          todo.add(next);
        }
      }
    }
    return Collections.unmodifiableSet(seen);
  }

  /**
   * The vertices, each after all it depends on, ties broken by {@code ties}.
   *
   * @param why a short reason a cycle can occur, for the error
   * @throws IllegalArgumentException if the graph has a cycle; the message names up to 10 vertices on or after it
   */
  static <V, E> List<V> topologicalOrder(Graph<V, E> graph, Comparator<? super V> ties, Function<V, String> name,
      String why) {
    Objects.requireNonNull(graph, "graph");
    Map<V, Integer> pending = new HashMap<>();
    PriorityQueue<V> ready = new PriorityQueue<>(ties);
    for (V v : graph.vertexSet()) {
      int in = graph.inDegreeOf(v); // at most one edge per (dependency, dependent) pair
      pending.put(v, in);
      if (in == 0) {
        ready.add(v);
      }
    }
    List<V> order = new ArrayList<>(graph.vertexSet().size());
    while (!ready.isEmpty()) {
      V v = ready.poll();
      order.add(v);
      for (E e : graph.outgoingEdgesOf(v)) {
        V t = graph.getEdgeTarget(e);
        if (pending.merge(t, -1, Integer::sum) == 0) {
          ready.add(t);
        }
      }
    }
    if (order.size() != graph.vertexSet().size()) {
      List<String> stuck = pending.entrySet().stream().filter(x -> x.getValue() > 0)
          .map(x -> name.apply(x.getKey())).sorted().limit(10).toList();
      throw new IllegalArgumentException("the graph has a cycle (" + why + "), so it has no topological order; "
          + "vertices on or after a cycle: " + stuck);
    }
    return Collections.unmodifiableList(order);
  }
}
