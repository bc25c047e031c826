package dev.sloth.graph;

/**
 * Thrown inside a function when it reads a node whose value is newer than its session's revision: the run is
 * discarded (its claim released, its node unchanged) and the session starts again at a newer revision. One shared
 * instance without a stack trace, so that throwing it allocates nothing (it can be thrown at the stack limit). If a
 * function catches it, the engine still knows: the computation is marked, and its outcome is not published.
 */
final class Overtaken extends RuntimeException {
  static final Overtaken INSTANCE = new Overtaken();

  private Overtaken() {
    super("the session's revision was overtaken by a newer one; the engine restarts it", null, false, false);
  }
}
