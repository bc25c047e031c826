package dev.sloth.jgrapht;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.jgrapht.Graph;
import org.jgrapht.alg.cycle.CycleDetector;
import org.jgrapht.graph.EdgeReversedGraph;
import org.jgrapht.traverse.BreadthFirstIterator;
import org.jgrapht.traverse.NotDirectedAcyclicGraphException;
import org.jgrapht.traverse.TopologicalOrderIterator;

/**
 * The walks {@link SnapshotGraphs} and {@link RegistryGraphs} share, over a directed JGraphT graph whose edges point
 * from a dependency to its dependent, all done by JGraphT: ancestors and descendants by its {@link
 * BreadthFirstIterator} (over an {@link EdgeReversedGraph} view for ancestors), the topological order by its {@link
 * TopologicalOrderIterator} with a comparator (Kahn's algorithm with a priority queue, so that among vertices free to
 * go the least goes first and the order is deterministic), and the vertices named in a cycle error by its {@link
 * CycleDetector}. All linear in vertices plus edges (times a log for the queue).
 */
final class Walks {
  private Walks() {}

  /** Every vertex reachable from {@code start} against ({@code up}) or along the edges, not {@code start} itself. */
  static <V, E> Set<V> reach(Graph<V, E> graph, V start, boolean up) {
    Graph<V, E> walked = up ? new EdgeReversedGraph<>(graph) : graph;
    Set<V> seen = new LinkedHashSet<>();
    new BreadthFirstIterator<>(walked, start).forEachRemaining(seen::add);
    seen.remove(start);
    return Collections.unmodifiableSet(seen);
  }

  /**
   * The vertices, each after all it depends on, ties broken by {@code ties}.
   *
   * @param why a short reason a cycle can occur, for the error
   * @throws IllegalArgumentException if the graph has a cycle; the message names up to 10 vertices on cycles
   */
  static <V, E> List<V> topologicalOrder(Graph<V, E> graph, Comparator<V> ties, Function<V, String> name,
      String why) {
    Objects.requireNonNull(graph, "graph");
    List<V> order = new ArrayList<>(graph.vertexSet().size());
    try {
      new TopologicalOrderIterator<>(graph, ties).forEachRemaining(order::add);
    } catch (NotDirectedAcyclicGraphException e) {
      List<String> onCycles = new CycleDetector<>(graph).findCycles().stream().map(name).sorted().limit(10).toList();
      throw new IllegalArgumentException("the graph has a cycle (" + why + "), so it has no topological order; "
          + "vertices on cycles: " + onCycles, e);
    }
    return Collections.unmodifiableList(order);
  }
}
