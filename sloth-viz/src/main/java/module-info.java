/**
 * Drawing Sloth graphs: {@link dev.sloth.graph.GraphSnapshot}s, and lazy modules' {@code RegistrySnapshot}s, as
 * DOT text, or SVG and PNG pictures through Graphviz when it is installed. Needs nothing beyond {@code
 * dev.sloth.core}: {@code dev.sloth.module} is an optional ({@code static}) dependency, used only to draw a registry
 * (whoever has a registry snapshot has that module). The JGraphT views are in {@code dev.sloth.jgrapht}, the
 * console progress bar in {@code dev.sloth.progress}.
 */
module dev.sloth.viz {
  requires transitive dev.sloth.core;
  requires static transitive dev.sloth.module;

  exports dev.sloth.viz;
}
