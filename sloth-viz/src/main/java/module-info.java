/**
 * Sloth's views of a graph: {@link dev.sloth.graph.GraphSnapshot}s and lazy modules' {@link
 * dev.sloth.module.RegistrySnapshot}s as JGraphT graphs (for graph algorithms), drawn
 * as DOT, SVG or PNG through Graphviz, and a console progress bar for long {@code get()}s. Kept apart from {@code
 * sloth-core} so that the engine needs nothing beyond the JDK.
 */
module dev.sloth.viz {
  requires transitive dev.sloth.core;
  requires transitive dev.sloth.module;
  requires transitive org.jgrapht.core;
  requires me.tongfei.progressbar;

  exports dev.sloth.viz;
}
