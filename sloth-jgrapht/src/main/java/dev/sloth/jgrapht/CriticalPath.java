package dev.sloth.jgrapht;

import dev.sloth.graph.GraphSnapshot.NodeInfo;
import java.util.List;

/**
 * The heaviest chain of dependencies in a snapshot, from {@link SnapshotGraphs#criticalPath}: no schedule, however
 * parallel, finishes sooner than its length.
 *
 * <pre>{@code
 * CriticalPath p = SnapshotGraphs.criticalPath(g, n -> 1.0);   // the longest chain by node count
 * System.out.println(p.length() + " via " + p.nodes());
 * }</pre>
 *
 * @param nodes the path's nodes, each depending on the one before; empty for an empty graph
 * @param length the sum of the weights of its nodes
 */
public record CriticalPath(List<NodeInfo> nodes, double length) {
  /**
   * A path of {@code nodes} (copied) and its {@code length}.
   *
   * @param nodes the path's nodes, each depending on the one before
   * @param length the sum of the weights of its nodes
   */
  public CriticalPath {
    nodes = List.copyOf(nodes);
  }
}
