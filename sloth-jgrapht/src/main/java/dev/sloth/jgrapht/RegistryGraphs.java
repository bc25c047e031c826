package dev.sloth.jgrapht;

import dev.sloth.module.RegistrySnapshot;
import dev.sloth.module.RegistrySnapshot.BindingInfo;
import dev.sloth.module.RegistrySnapshot.Dependency;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jgrapht.Graph;
import org.jgrapht.graph.AsUnmodifiableGraph;
import org.jgrapht.graph.DefaultDirectedGraph;

/**
 * A lazy-module registry's recorded dependency graph ({@link RegistrySnapshot}) as a JGraphT graph, oriented like
 * {@link SnapshotGraphs}: an edge goes from the binding that was read to the binding whose definition read it (from
 * dependency to dependent), so ancestors are what a binding needs and a topological order is an order to build in.
 *
 * <pre>{@code
 * Graph<BindingInfo, Dependency> g = RegistryGraphs.toJGraphT(registry.snapshot());
 * BindingInfo handler = RegistryGraphs.vertex(g, "web.handler");
 * Set<BindingInfo> needs = RegistryGraphs.ancestors(g, handler);   // db.pool, db.config
 * List<BindingInfo> buildOrder = RegistryGraphs.topologicalOrder(g);
 * }</pre>
 *
 * <p>Vertices are the snapshot's own {@link BindingInfo} records and edges its {@link Dependency} records. Mind the
 * names: a {@code Dependency(from, to)} says "{@code from} read {@code to}", so its JGraphT <em>source</em> is the
 * binding {@code to} and its <em>target</em> the binding {@code from}. The graphs are unmodifiable; the walks are
 * those of {@link SnapshotGraphs}, and the topological order breaks ties by the snapshot's order (modules in load
 * order, bindings in declaration order). A snapshot can contain a cycle only if definitions read each other (the
 * registry reports that as a {@code BindingCycleException}, but the reads before it are recorded).
 */
public final class RegistryGraphs {
  private RegistryGraphs() {}

  /**
   * The snapshot as an unmodifiable directed JGraphT graph; edges point from a binding read to its reader.
   *
   * @param snapshot from {@code ModuleRegistry.snapshot()}
   * @return the graph; its vertices and edges are the snapshot's records
   * @throws IllegalArgumentException if two bindings share a qualified name, or a dependency names a binding the
   *     snapshot does not have
   */
  public static Graph<BindingInfo, Dependency> toJGraphT(RegistrySnapshot snapshot) {
    Objects.requireNonNull(snapshot, "snapshot");
    Graph<BindingInfo, Dependency> g = new DefaultDirectedGraph<>(null, null, false);
    Map<String, BindingInfo> byName = new HashMap<>();
    for (BindingInfo b : snapshot.bindings()) {
      if (byName.putIfAbsent(b.qualifiedName(), b) != null) {
        throw new IllegalArgumentException("snapshot has two bindings named '" + b.qualifiedName()
            + "'; qualified names must be unique");
      }
      g.addVertex(b);
    }
    for (Dependency d : snapshot.dependencies()) {
      g.addEdge(endpoint(byName, d, d.to()), endpoint(byName, d, d.from()), d);
    }
    return new AsUnmodifiableGraph<>(g);
  }

  private static BindingInfo endpoint(Map<String, BindingInfo> byName, Dependency d, String name) {
    BindingInfo b = byName.get(name);
    if (b == null) {
      throw new IllegalArgumentException("snapshot dependency " + d + " names binding '" + name + "', which is not "
          + "among its bindings");
    }
    return b;
  }

  /**
   * The vertex of the binding called {@code qualifiedName} ({@code module.binding}).
   *
   * @param graph from {@link #toJGraphT}
   * @param qualifiedName such as {@code "web.handler"}
   * @return the vertex
   * @throws IllegalArgumentException if there is none; the message lists a few names there are
   */
  public static BindingInfo vertex(Graph<BindingInfo, Dependency> graph, String qualifiedName) {
    Objects.requireNonNull(graph, "graph");
    Objects.requireNonNull(qualifiedName, "qualifiedName");
    for (BindingInfo b : graph.vertexSet()) {
      if (b.qualifiedName().equals(qualifiedName)) {
        return b;
      }
    }
    List<String> some = graph.vertexSet().stream().limit(10).map(BindingInfo::qualifiedName).toList();
    throw new IllegalArgumentException("no binding named '" + qualifiedName + "' in the graph ("
        + graph.vertexSet().size() + " bindings, e.g. " + some + "); expected module.binding");
  }

  /**
   * Every binding {@code binding}'s definition read, directly or through others (not {@code binding} itself).
   *
   * @param graph from {@link #toJGraphT}
   * @param binding a vertex of {@code graph}
   * @return an unmodifiable set, nearest first
   */
  public static Set<BindingInfo> ancestors(Graph<BindingInfo, Dependency> graph, BindingInfo binding) {
    requireVertex(graph, binding);
    return Walks.reach(graph, binding, true);
  }

  /**
   * Every binding whose definition read {@code binding}, directly or through others (not {@code binding} itself).
   *
   * @param graph from {@link #toJGraphT}
   * @param binding a vertex of {@code graph}
   * @return an unmodifiable set, nearest first
   */
  public static Set<BindingInfo> descendants(Graph<BindingInfo, Dependency> graph, BindingInfo binding) {
    requireVertex(graph, binding);
    return Walks.reach(graph, binding, false);
  }

  /**
   * The bindings in an order where each comes after every binding it read; among bindings free to go, the earliest
   * in the graph's vertex order (the snapshot's order) first.
   *
   * @param graph from {@link #toJGraphT}
   * @return an unmodifiable list of every vertex
   * @throws IllegalArgumentException if the graph has a cycle; the message names bindings on it
   */
  public static List<BindingInfo> topologicalOrder(Graph<BindingInfo, Dependency> graph) {
    Objects.requireNonNull(graph, "graph");
    Map<BindingInfo, Integer> position = new HashMap<>();
    for (BindingInfo b : graph.vertexSet()) {
      position.putIfAbsent(b, position.size());
    }
    return Walks.topologicalOrder(graph, Comparator.comparingInt(position::get), BindingInfo::qualifiedName,
        "definitions that read each other");
  }

  private static void requireVertex(Graph<BindingInfo, Dependency> graph, BindingInfo binding) {
    Objects.requireNonNull(graph, "graph");
    Objects.requireNonNull(binding, "binding");
    if (!graph.containsVertex(binding)) {
      throw new IllegalArgumentException("binding '" + binding.qualifiedName() + "' (" + binding.state()
          + ") is not a vertex of the graph; take it from the same snapshot (states change between snapshots)");
    }
  }
}
