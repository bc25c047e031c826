/**
 * Sloth's core: the lazy dataflow engine ({@link dev.sloth.graph.Graph}) and lazy values. No dependencies beyond
 * the JDK.
 */
module dev.sloth.core {
  exports dev.sloth.graph;
}
