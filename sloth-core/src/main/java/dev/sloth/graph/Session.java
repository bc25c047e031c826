package dev.sloth.graph;

/**
 * One top-level request ({@code get()}, {@code get(timeout)}, {@code getAsync()}, {@link Node#getAll}): the revision
 * it is pinned to, shared by the nested evaluations that reads inside its functions start. Every function run for
 * the session sees every source as of {@link #revision}; a node that a newer session has already recomputed past
 * that revision cannot be used, so the session is {@linkplain #overtaken overtaken} and starts again, pinned to the
 * newer revision (what it already verified is found current, so a restart redoes only what changed).
 */
final class Session {
  /** The pinned revision; set by {@link Revisions#open}. */
  volatile long revision = Long.MAX_VALUE;
  /** Set when this session met a value newer than its revision: its outcome is discarded and it restarts. */
  volatile boolean overtaken;

  static Session open() {
    Session s = new Session();
    Revisions.open(s);
    return s;
  }

  void close() {
    Revisions.close(this);
  }
}
