package dev.sloth.cluster;

import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * The driver's handle on a remote result: its key, where it is held, and its lineage (the function and arguments
 * that produce it, so that a lost result is recomputed from the graph). It is the value of a remote node in the
 * driver's graph; the result itself stays on the member. On the wire only the key, the partition and the size
 * travel.
 *
 * <p>The location fields are written by the {@link Scheduler} under its lock and read anywhere (volatile). The
 * key never changes: a recomputed result has the same key and a new location.
 */
final class Ref {
  final long k1;
  final long k2;
  /** Lineage: the function and the arguments (plain values and other references) that produce this result. */
  final RemoteFn<?> fn;
  final Object[] args;
  /** The partition holding the result, or -1 while it is not computed (or lost and being recomputed). */
  volatile int partition = -1;
  /** The member that stored the result. */
  volatile UUID member;
  /** The result's serialized size. */
  volatile long bytes;
  /**
   * The result itself, serialized, when the member sent it with its answer (a node run for its value, see {@link
   * Scheduler#submit(Ref, boolean)}); taken once by {@link #takeValue}, so the driver does not keep it.
   */
  volatile com.hazelcast.internal.serialization.Data value;
  /** The recomputation under way after a loss, or null; guarded by the scheduler's lock. */
  CompletableFuture<Ref> recovering;

  Ref(long k1, long k2, RemoteFn<?> fn, Object[] args) {
    this.k1 = k1;
    this.k2 = k2;
    this.fn = fn;
    this.args = args;
  }

  /** The value sent with the answer, once; null if none came (or it was taken). */
  com.hazelcast.internal.serialization.Data takeValue() {
    com.hazelcast.internal.serialization.Data v = value;
    value = null;
    return v;
  }

  /** The key as 32 hex digits. */
  String hex() {
    return hex(k1, k2);
  }

  static String hex(long k1, long k2) {
    HexFormat h = HexFormat.of();
    return h.toHexDigits(k1) + h.toHexDigits(k2);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Ref r && r.k1 == k1 && r.k2 == k2;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(k1 ^ k2);
  }

  @Override
  public String toString() {
    return fn.name() + "@" + hex().substring(0, 8);
  }
}
