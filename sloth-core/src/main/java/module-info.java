/**
 * Sloth's core: the lazy dataflow engine ({@link dev.sloth.graph.Graph}) and lazy values. No dependencies beyond
 * the JDK ({@code jdk.jfr} carries the engine's Flight Recorder events).
 */
module dev.sloth.core {
  requires jdk.jfr;

  exports dev.sloth.graph;
  exports dev.sloth.lazy;
}
