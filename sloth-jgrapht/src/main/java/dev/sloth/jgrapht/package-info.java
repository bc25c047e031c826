/**
 * Sloth's snapshots as JGraphT graphs: {@link dev.sloth.jgrapht.SnapshotGraphs} for graph snapshots and {@link
 * dev.sloth.jgrapht.RegistryGraphs} for lazy-module registries, with ancestors, descendants, a deterministic
 * topological order and, for graphs, the {@link dev.sloth.jgrapht.CriticalPath}.
 *
 * <pre>{@code
 * org.jgrapht.Graph<NodeInfo, Edge> jg = SnapshotGraphs.toJGraphT(graph.dump());
 * NodeInfo d = SnapshotGraphs.vertex(jg, "Add#1");
 * Set<NodeInfo> needs = SnapshotGraphs.ancestors(jg, d);
 * List<NodeInfo> order = SnapshotGraphs.topologicalOrder(jg);
 * }</pre>
 *
 * <p>The graphs' vertices and edges are the snapshots' own records, so every JGraphT algorithm applies; the walks
 * are JGraphT's. {@code RegistryGraphs} needs {@code sloth-module}, an optional dependency.
 */
package dev.sloth.jgrapht;
