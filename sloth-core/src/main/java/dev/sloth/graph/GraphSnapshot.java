package dev.sloth.graph;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable picture of (part of) a {@link Graph}: nodes with their state, and edges from each dependency to its
 * dependent. Made by {@link Graph#dump()} (every live node) and {@link
 * Node#controlFlow()} (what must run to produce one node). The {@code sloth-viz}
 * module draws snapshots (DOT, SVG) and turns them into JGraphT graphs for graph algorithms.
 *
 * <pre>{@code
 * GraphSnapshot s = g.dump();
 * for (GraphSnapshot.NodeInfo n : s.nodes()) System.out.println(n.name() + " " + n.state());
 * int toRun = c.controlFlow().nodes().size();
 * }</pre>
 *
 * @param nodes the nodes, each once
 * @param edges dependency edges, {@code from} the dependency {@code to} the node that uses it
 */
public record GraphSnapshot(List<NodeInfo> nodes, List<Edge> edges) {
  /**
   * Creates a snapshot; both lists are copied.
   *
   * @throws NullPointerException if either list, or an element of one, is null
   */
  public GraphSnapshot {
    nodes = List.copyOf(nodes);
    edges = List.copyOf(edges);
  }

  /**
   * The node called {@code name}, if there is one (the first, if several share it).
   *
   * @param name a node name, such as {@code Square#3}
   * @return the node, or empty if the snapshot has none of that name
   */
  public Optional<NodeInfo> node(String name) {
    Objects.requireNonNull(name, "name");
    return nodes.stream().filter(n -> n.name().equals(name)).findFirst();
  }

  /**
   * What kind of node a {@link NodeInfo} describes.
   *
   * <pre>{@code
   * long sources = g.dump().nodes().stream().filter(n -> n.kind() == GraphSnapshot.Kind.SOURCE).count();
   * }</pre>
   */
  public enum Kind {
    /** A {@link Source}. */
    SOURCE,
    /** A call of a wrapped function. */
    CALL,
    /** A {@link Graph#computed} node. */
    COMPUTED
  }

  /**
   * One node.
   *
   * <pre>{@code
   * GraphSnapshot.NodeInfo n = g.dump().node("Square#1").orElseThrow();
   * String shown = n.name() + " (" + n.state() + "): " + n.value();
   * }</pre>
   *
   * @param id unique within the graph (never reused, even by a node made after this one is collected), stable for
   *     the node's life, and larger than the ids of the nodes made before it
   * @param name the node's name
   * @param function the wrapped function's name (for a call), else the node's name
   * @param kind source, call, or computed
   * @param state its state when the snapshot was taken
   * @param ranInLastGet whether its function ran during the graph's latest top-level {@code get()}
   * @param value a short text of its value (or failure), or null if it has none
   */
  public record NodeInfo(long id, String name, String function, Kind kind, NodeState state, boolean ranInLastGet,
      String value) {}

  /**
   * One dependency, between two nodes named by their {@link NodeInfo#id() ids}.
   *
   * <pre>{@code
   * GraphSnapshot s = g.dump();
   * long reads = s.edges().stream().filter(GraphSnapshot.Edge::dynamic).count();   // reads, not arguments
   * }</pre>
   *
   * @param from the id of the node depended on
   * @param to the id of the node that depends on it
   * @param dynamic true for a read recorded while running, false for an argument
   */
  public record Edge(long from, long to, boolean dynamic) {}
}
