/**
 * Sloth's snapshots as JGraphT graphs: {@link dev.sloth.graph.GraphSnapshot}s, and lazy modules' {@code
 * RegistrySnapshot}s, become unmodifiable {@link org.jgrapht.Graph}s whose vertices and edges are the snapshots' own
 * records, so every JGraphT algorithm applies; ancestors, topological order, cycles and the critical path come
 * ready-made. {@code dev.sloth.module} is an optional ({@code static}) dependency, used only by {@code
 * RegistryGraphs}.
 */
module dev.sloth.jgrapht {
  requires transitive dev.sloth.core;
  requires transitive org.jgrapht.core;
  requires static transitive dev.sloth.module;

  exports dev.sloth.jgrapht;
}
