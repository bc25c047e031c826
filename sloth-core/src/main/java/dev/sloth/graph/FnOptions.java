package dev.sloth.graph;

/**
 * How the nodes of one wrapped function behave. Immutable; each method returns a changed copy. The defaults suit a
 * pure, CPU-bound function: results are shared between equal calls, an unchanged result stops invalidation (early
 * cutoff), and failures are not cached.
 *
 * <pre>{@code
 * Fn1<Path, String> read = g.fn("Read", FnOptions.defaults().blocking(), Files::readString);
 * Fn0<Long> now = g.fn("Now", FnOptions.defaults().withoutSharing().withoutCutoff(), System::nanoTime);
 * }</pre>
 */
public final class FnOptions {
  private static final FnOptions DEFAULTS = new FnOptions(false, true, true, false);

  private final boolean blocking;
  private final boolean cutoff;
  private final boolean sharing;
  private final boolean cachingFailures;

  private FnOptions(boolean blocking, boolean cutoff, boolean sharing, boolean cachingFailures) {
    this.blocking = blocking;
    this.cutoff = cutoff;
    this.sharing = sharing;
    this.cachingFailures = cachingFailures;
  }

  /** Non-blocking, with early cutoff and sharing, failures not cached. */
  public static FnOptions defaults() {
    return DEFAULTS;
  }

  /**
   * The function blocks (I/O, sleeps, locks): in a parallel graph it runs on a virtual thread, so a thousand of
   * them waiting at once tie up no core.
   */
  public FnOptions blocking() {
    return new FnOptions(true, cutoff, sharing, cachingFailures);
  }

  /** A recomputed value {@code equals} to the previous one still counts as a change for the dependents. */
  public FnOptions withoutCutoff() {
    return new FnOptions(blocking, false, sharing, cachingFailures);
  }

  /** Every call records a node of its own, even with arguments equal to an earlier call's. */
  public FnOptions withoutSharing() {
    return new FnOptions(blocking, cutoff, false, cachingFailures);
  }

  /** A failure is remembered and rethrown by later {@code get()}s until an input changes, instead of retried. */
  public FnOptions cachingFailures() {
    return new FnOptions(blocking, cutoff, sharing, true);
  }

  /** Whether the function blocks, see {@link #blocking()}. */
  public boolean isBlocking() {
    return blocking;
  }

  /** Whether an equal recomputed value stops invalidation. */
  public boolean hasCutoff() {
    return cutoff;
  }

  /** Whether calls with equal arguments share one node. */
  public boolean isSharing() {
    return sharing;
  }

  /** Whether failures are cached, see {@link #cachingFailures()}. */
  public boolean isCachingFailures() {
    return cachingFailures;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FnOptions f
        && f.blocking == blocking && f.cutoff == cutoff && f.sharing == sharing && f.cachingFailures == cachingFailures;
  }

  @Override
  public int hashCode() {
    return (blocking ? 1 : 0) | (cutoff ? 2 : 0) | (sharing ? 4 : 0) | (cachingFailures ? 8 : 0);
  }

  @Override
  public String toString() {
    return "FnOptions[blocking=" + blocking + ", cutoff=" + cutoff + ", sharing=" + sharing
        + ", cachingFailures=" + cachingFailures + "]";
  }
}
