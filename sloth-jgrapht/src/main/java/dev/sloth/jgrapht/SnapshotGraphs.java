package dev.sloth.jgrapht;

import dev.sloth.graph.GraphSnapshot;
import dev.sloth.graph.GraphSnapshot.Edge;
import dev.sloth.graph.GraphSnapshot.NodeInfo;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import org.jgrapht.Graph;
import org.jgrapht.graph.AsUnmodifiableGraph;
import org.jgrapht.graph.DefaultDirectedGraph;

/**
 * {@link GraphSnapshot}s as JGraphT graphs, so that any JGraphT algorithm applies, plus the few questions asked most
 * often: what a node depends on, what depends on it, an order to run things in, and the critical path.
 *
 * <pre>{@code
 * Graph<NodeInfo, Edge> g = SnapshotGraphs.toJGraphT(graph.dump());
 * NodeInfo d = SnapshotGraphs.vertex(g, "Add#4");
 * Set<NodeInfo> needs = SnapshotGraphs.ancestors(g, d);           // what d needs
 * Graph<NodeInfo, Edge> sub = new AsSubgraph<>(g, needs);           // just that part
 * List<NodeInfo> order = SnapshotGraphs.topologicalOrder(g);
 * }</pre>
 *
 * <p>Vertices are the snapshot's {@link NodeInfo}s and edges its {@link Edge}s (from the dependency to its
 * dependent; {@link Edge#dynamic()} tells a read from an argument), so a vertex found in the JGraphT graph is the
 * very record found in the snapshot. The graphs are unmodifiable; copy one into a {@code DefaultDirectedGraph} to
 * edit it.
 *
 * <p><b>Algorithms.</b> JGraphT's own: ancestors and descendants are its breadth-first walks, the topological order
 * its {@code TopologicalOrderIterator} with ties broken by node id (the order in which the nodes were recorded,
 * wherever the edges allow it), and a cycle is named by its {@code CycleDetector}. The critical path is the heaviest
 * path by vertex weight, found by one pass over the topological order that keeps, for each node, the heaviest path
 * ending there. All are linear in nodes plus edges. A snapshot can only contain a cycle when dynamic reads of
 * different runs disagree, or when a read that closed a cycle (and failed with a {@code CycleException}) was
 * recorded; ordering such a snapshot fails with a message naming the nodes on cycles.
 */
public final class SnapshotGraphs {
  private SnapshotGraphs() {}

  /**
   * The snapshot as an unmodifiable directed JGraphT graph; edges point from a dependency to its dependent.
   *
   * @param snapshot from {@code Graph.dump()} or {@code Node.controlFlow()}
   * @return the graph; its vertices and edges are the snapshot's records
   */
  public static Graph<NodeInfo, Edge> toJGraphT(GraphSnapshot snapshot) {
    Objects.requireNonNull(snapshot, "snapshot");
    Graph<NodeInfo, Edge> g = new DefaultDirectedGraph<>(null, null, false);
    Map<Long, NodeInfo> byId = new HashMap<>();
    for (NodeInfo n : snapshot.nodes()) {
      if (byId.putIfAbsent(n.id(), n) != null) {
        throw new IllegalArgumentException("snapshot has two nodes with id " + n.id() + ": '" + byId.get(n.id()).name()
            + "' and '" + n.name() + "'; ids must be unique");
      }
      g.addVertex(n);
    }
    for (Edge e : snapshot.edges()) {
      g.addEdge(endpoint(byId, e, e.from()), endpoint(byId, e, e.to()), e);
    }
    return new AsUnmodifiableGraph<>(g);
  }

  private static NodeInfo endpoint(Map<Long, NodeInfo> byId, Edge e, long id) {
    NodeInfo n = byId.get(id);
    if (n == null) {
      throw new IllegalArgumentException("snapshot edge " + e + " names node id " + id + ", which is not among its "
          + "nodes");
    }
    return n;
  }

  /**
   * The vertex of the node called {@code name}: the first in the snapshot's order if several share it (a node
   * literally named {@code x#2} and the second node named {@code x}), as {@code GraphSnapshot.node} does; take
   * vertices by id ({@link NodeInfo#id()}) to tell them apart.
   *
   * @param graph from {@link #toJGraphT}
   * @param name the node's name, such as {@code "Add#1"}
   * @return the vertex
   * @throws IllegalArgumentException if there is none; the message lists a few names there are
   */
  public static NodeInfo vertex(Graph<NodeInfo, Edge> graph, String name) {
    Objects.requireNonNull(graph, "graph");
    Objects.requireNonNull(name, "name");
    for (NodeInfo n : graph.vertexSet()) {
      if (n.name().equals(name)) {
        return n;
      }
    }
    List<String> some = graph.vertexSet().stream().limit(10).map(NodeInfo::name).toList();
    throw new IllegalArgumentException("no node named '" + name + "' in the graph (" + graph.vertexSet().size()
        + " nodes, e.g. " + some + ")");
  }

  /**
   * Every node {@code node} depends on, directly or not (not {@code node} itself).
   *
   * @param graph from {@link #toJGraphT}
   * @param node a vertex of {@code graph}
   * @return an unmodifiable set, nearest first
   */
  public static Set<NodeInfo> ancestors(Graph<NodeInfo, Edge> graph, NodeInfo node) {
    return reach(graph, node, true);
  }

  /**
   * Every node that depends on {@code node}, directly or not (not {@code node} itself).
   *
   * @param graph from {@link #toJGraphT}
   * @param node a vertex of {@code graph}
   * @return an unmodifiable set, nearest first
   */
  public static Set<NodeInfo> descendants(Graph<NodeInfo, Edge> graph, NodeInfo node) {
    return reach(graph, node, false);
  }

  private static Set<NodeInfo> reach(Graph<NodeInfo, Edge> graph, NodeInfo node, boolean up) {
    requireVertex(graph, node);
    return Walks.reach(graph, node, up);
  }

  /**
   * The nodes in an order where every node comes after all it depends on; among nodes free to go, the lowest id
   * first.
   *
   * @param graph from {@link #toJGraphT}
   * @return an unmodifiable list of every vertex
   * @throws IllegalArgumentException if the graph has a cycle; the message names nodes on it
   */
  public static List<NodeInfo> topologicalOrder(Graph<NodeInfo, Edge> graph) {
    return Walks.topologicalOrder(graph, Comparator.comparingLong(NodeInfo::id), NodeInfo::name,
        "dynamic reads of different runs disagree, or a read that failed with a CycleException was recorded");
  }

  /**
   * The heaviest chain of dependencies: the path whose nodes' weights add up to the most, for example measured run
   * times (how long a {@code get()} must take however many threads run it). Weights must be finite and not
   * negative.
   *
   * <pre>{@code
   * CriticalPath p = SnapshotGraphs.criticalPath(g, n -> millis.getOrDefault(n.id(), 0.0));
   * }</pre>
   *
   * @param graph from {@link #toJGraphT}
   * @param weight each node's weight, such as its run time
   * @return the heaviest path and its length
   * @throws IllegalArgumentException if a weight is negative or not finite (naming the node), or the graph has a cycle
   */
  public static CriticalPath criticalPath(Graph<NodeInfo, Edge> graph, ToDoubleFunction<? super NodeInfo> weight) {
    Objects.requireNonNull(weight, "weight");
    List<NodeInfo> order = topologicalOrder(graph);
    Map<NodeInfo, Double> best = new HashMap<>();
    Map<NodeInfo, NodeInfo> previous = new HashMap<>();
    NodeInfo end = null;
    double endLength = 0;
    for (NodeInfo n : order) {
      double w = weight.applyAsDouble(n);
      if (!(w >= 0) || Double.isInfinite(w)) {
        throw new IllegalArgumentException("weight of node '" + n.name() + "' is " + w
            + "; expected a finite number >= 0");
      }
      double before = 0;
      NodeInfo via = null;
      for (Edge e : graph.incomingEdgesOf(n)) {
        NodeInfo s = graph.getEdgeSource(e);
        double l = best.get(s);
        if (via == null || l > before) {
          before = l;
          via = s;
        }
      }
      double length = before + w;
      best.put(n, length);
      if (via != null) {
        previous.put(n, via);
      }
      if (end == null || length > endLength) {
        end = n;
        endLength = length;
      }
    }
    List<NodeInfo> path = new ArrayList<>();
    for (NodeInfo n = end; n != null; n = previous.get(n)) {
      path.add(n);
    }
    Collections.reverse(path);
    return new CriticalPath(path, endLength);
  }

  private static void requireVertex(Graph<NodeInfo, Edge> graph, NodeInfo node) {
    Objects.requireNonNull(graph, "graph");
    Objects.requireNonNull(node, "node");
    if (!graph.containsVertex(node)) {
      throw new IllegalArgumentException("node '" + node.name() + "' (id " + node.id() + ") is not a vertex of the "
          + "graph; take it from the same snapshot (node states change between snapshots)");
    }
  }
}
