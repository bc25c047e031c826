/**
 * Sloth's core: the lazy dataflow engine ({@link dev.sloth.graph.Graph}) and lazy values. No dependencies beyond
 * {@code java.base}. {@code jdk.jfr}, which carries the engine's Flight Recorder events, is optional: on a runtime
 * without it the engine runs the same and records no events.
 */
module dev.sloth.core {
  requires static jdk.jfr;

  exports dev.sloth.graph;
  exports dev.sloth.lazy;
}
