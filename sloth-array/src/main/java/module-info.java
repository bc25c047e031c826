/**
 * Lazy arrays: large logical arrays whose elements come from a scalar, an array, a sparse matrix, an iterator,
 * a function of the index or a vectorised source, with queued arithmetic that runs only for the addressed
 * elements. See {@link dev.sloth.array.LArray}.
 */
module dev.sloth.array {
  requires jdk.management; // HotSpotDiagnosticMXBean: is Math.fma an intrinsic here (ScalarDivision)?
  requires org.objectweb.asm; // FusedLoops: the element loop of a queue, generated as a hidden class

  exports dev.sloth.array;
}
