/**
 * Sloth's lazy sequences: {@link dev.sloth.seq.Seq}, a pull-based sequence that always closes its resources,
 * and {@link dev.sloth.seq.LongSeq}, its unboxed twin for primitive {@code long}s.
 * No dependencies beyond the JDK.
 */
module dev.sloth.seq {
  exports dev.sloth.seq;
}
