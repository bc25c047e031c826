/**
 * Sloth's persistent, code-aware result cache: {@link dev.sloth.cache.DiskCache}. Results of a graph's functions
 * are kept across runs in an SQLite file, keyed by the function's name, a hash of the bytecode it can reach, and
 * structural fingerprints of its arguments.
 */
module dev.sloth.cache {
  requires transitive dev.sloth.core;
  requires java.sql;
  requires jdk.jfr;
  requires org.objectweb.asm;
  requires org.objectweb.asm.tree;
  requires org.xerial.sqlitejdbc;

  exports dev.sloth.cache;
}
