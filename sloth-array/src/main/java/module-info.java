/**
 * Lazy arrays: large logical arrays whose elements come from a scalar, an array, a sparse matrix, an iterator,
 * a function of the index or a vectorised source, with queued arithmetic that runs only for the addressed
 * elements. See {@link dev.sloth.array.LArray}.
 */
module dev.sloth.array {
  requires jdk.management; // HotSpotDiagnosticMXBean: is Math.fma an intrinsic here (ScalarDivision)?

  exports dev.sloth.array;
}
