package dev.sloth.graph;

/**
 * How the nodes of one wrapped function behave. Immutable; each method returns a changed copy. The defaults suit a
 * pure, CPU-bound function: results are shared between equal calls, an unchanged result stops invalidation (early
 * cutoff), and failures are not cached.
 *
 * <pre>{@code
 * Fn1<Path, String> read = g.fn1("Read", FnOptions.defaults().blocking(), Files::readString);
 * Fn0<Long> now = g.fn0("Now", FnOptions.defaults().withoutSharing().withoutCutoff(), System::nanoTime);
 * }</pre>
 */
public final class FnOptions {
  private static final FnOptions DEFAULTS = new FnOptions(false, Equivalence.standard(), true, false, -1, null, null);

  private final boolean blocking;
  /** When a recomputed value counts as unchanged; null for no cutoff. */
  private final Equivalence<Object> cutoff;
  private final boolean sharing;
  private final boolean cachingFailures;
  private final int mutated;
  private final Copier copier;
  /** At most this many values, or this much weight, kept; null for no bound of the function's own. */
  private final LruPolicy.CacheBound bound;

  private FnOptions(boolean blocking, Equivalence<Object> cutoff, boolean sharing, boolean cachingFailures, int mutated,
      Copier copier, LruPolicy.CacheBound bound) {
    this.blocking = blocking;
    this.cutoff = cutoff;
    this.sharing = sharing;
    this.cachingFailures = cachingFailures;
    this.mutated = mutated;
    this.copier = copier;
    this.bound = bound;
  }

  /**
   * Makes a private copy of a value that an in-place function is about to mutate. See {@link
   * FnOptions#mutating(int)}.
   *
   * <pre>{@code
   * FnOptions.defaults().mutating(0, m -> ((Matrix) m).copy())
   * }</pre>
   */
  @FunctionalInterface
  public interface Copier {
    /**
     * A copy of {@code value} that can be mutated without changing {@code value}.
     *
     * @param value the argument the function will mutate; not null
     * @return an independent copy of {@code value}
     */
    Object copy(Object value);
  }

  /**
   * Estimates how much memory a value retains, for a bound by weight ({@link FnOptions#maximumCachedWeight}, {@link
   * Graph.Builder#maximumCachedWeight}). Called once per value, after the run that produced it.
   *
   * <pre>{@code
   * FnOptions.Weigher bytes = v -> v instanceof double[] a ? 16 + 8L * a.length : 64;
   * }</pre>
   */
  @FunctionalInterface
  public interface Weigher {
    /**
     * The estimated weight of {@code value}, in the unit of the bound (bytes, usually).
     *
     * @param value a value the function returned; may be null
     * @return its weight, {@code >= 0}; a negative weight, or a weigher that throws, is logged and counted as 0
     */
    long weigh(Object value);
  }

  /**
   * Non-blocking, with early cutoff and sharing, failures not cached.
   *
   * @return the default options
   */
  public static FnOptions defaults() {
    return DEFAULTS;
  }

  /**
   * The function blocks (I/O, sleeps, locks): in a parallel graph it runs on a virtual thread, so a thousand of
   * them waiting at once tie up no core.
   *
   * @return new options that differ from these in that one respect; these are unchanged
   */
  public FnOptions blocking() {
    return new FnOptions(true, cutoff, sharing, cachingFailures, mutated, copier, bound);
  }

  /**
   * A recomputed value equal to the previous one still counts as a change for the dependents.
   *
   * @return new options that differ from these in that one respect; these are unchanged
   */
  public FnOptions withoutCutoff() {
    return new FnOptions(blocking, null, sharing, cachingFailures, mutated, copier, bound);
  }

  /**
   * Early cutoff with {@code equivalence} deciding when a recomputed value is unchanged, instead of {@link
   * Equivalence#standard()} ({@code equals}, arrays by content).
   *
   * <pre>{@code
   * FnOptions.defaults().cutoff(Equivalence.tolerance(1e-6))
   * }</pre>
   *
   * @param equivalence decides when a recomputed value is unchanged; not null
   * @return new options that differ from these in that one respect; these are unchanged
   */
  @SuppressWarnings("unchecked")
  public FnOptions cutoff(Equivalence<?> equivalence) {
    java.util.Objects.requireNonNull(equivalence, "equivalence");
    return new FnOptions(blocking, (Equivalence<Object>) equivalence, sharing, cachingFailures, mutated, copier,
        bound);
  }

  /**
   * Whether a run that produced {@code next} after {@code previous} (neither a failure nor unset) leaves the node
   * unchanged: the one place where the engine compares values for early cutoff.
   */
  boolean unchanged(Object previous, Object next) {
    if (cutoff == null) {
      return false;
    }
    if (previous == next) {
      return true;
    }
    return previous != null && next != null && cutoff.equivalent(previous, next);
  }


  /**
   * Every call records a node of its own, even with arguments equal to an earlier call's.
   *
   * @return new options that differ from these in that one respect; these are unchanged
   */
  public FnOptions withoutSharing() {
    return new FnOptions(blocking, cutoff, false, cachingFailures, mutated, copier, bound);
  }

  /**
   * A failure is remembered and rethrown by later {@code get()}s until an input changes, instead of retried.
   *
   * @return new options that differ from these in that one respect; these are unchanged
   */
  public FnOptions cachingFailures() {
    return new FnOptions(blocking, cutoff, sharing, true, mutated, copier, bound);
  }

  /**
   * The function mutates its argument number {@code index} (0-based) in place. Other
   * readers of that value must not see the mutation, so the function is given a private copy, made by the default
   * copier: arrays are cloned, and the JDK's common mutable collections ({@code ArrayList}, {@code LinkedList},
   * {@code ArrayDeque}, {@code HashMap}, {@code LinkedHashMap}, {@code TreeMap}, {@code HashSet}, {@code
   * LinkedHashSet}, {@code TreeSet}) are copied with their copy constructors; all copies are shallow. For any other
   * type, give a copier with {@link #mutating(int, Copier)}; without one, the run fails with a message saying so.
   *
   * @param index the 0-based position of the mutated argument; {@code >= 0}
   * @return new options that differ from these in that one respect; these are unchanged
   */
  public FnOptions mutating(int index) {
    return mutating(index, Copies::defaultCopy);
  }

  /**
   * The function mutates its argument number {@code index} in place; {@code copier} makes its private copy.
   *
   * @param index the 0-based position of the mutated argument; {@code >= 0}
   * @param copier makes the private copy the function mutates; not null
   * @return new options that differ from these in that one respect; these are unchanged
   * @throws IllegalArgumentException if {@code index} is negative
   */
  public FnOptions mutating(int index, Copier copier) {
    if (index < 0) {
      throw new IllegalArgumentException("the index of the mutated argument must be >= 0, was " + index);
    }
    java.util.Objects.requireNonNull(copier, "copier");
    return new FnOptions(blocking, cutoff, sharing, cachingFailures, index, copier, bound);
  }

  /**
   * Keeps at most {@code count} of this function's values; past that, the least recently used are evicted. An
   * evicted node keeps what it depends on and when it last changed, so verification stays exact: a dependent that is
   * still valid stays so, and the value is recomputed (once, however many threads ask) only when it is needed again.
   * The bound is this function's own, apart from any bound of its graph ({@link Graph.Builder#maximumCachedValues});
   * options given to several functions give each one its own bound.
   *
   * <pre>{@code
   * FnOptions keep100 = FnOptions.defaults().blocking().maximumCachedValues(100);
   * Fn1<Path, byte[]> load = g.fn1("Load", keep100, Files::readAllBytes);
   * }</pre>
   *
   * @param count how many values to keep; {@code >= 1}
   * @return new options that differ from these in that one respect; these are unchanged
   * @throws IllegalArgumentException if {@code count} is less than 1
   */
  public FnOptions maximumCachedValues(long count) {
    return new FnOptions(blocking, cutoff, sharing, cachingFailures, mutated, copier,
        LruPolicy.CacheBound.ofCount(count));
  }

  /**
   * Keeps this function's values while their total weight, as {@code weigher} estimates it, is at most {@code
   * maximum}; past that, the least recently used are evicted, as with {@link #maximumCachedValues}. A value heavier
   * than the whole bound is not kept.
   *
   * <pre>{@code
   * FnOptions.defaults().maximumCachedWeight(256L << 20, v -> 16 + 8L * ((double[]) v).length)   // 256 MiB
   * }</pre>
   *
   * @param maximum the total weight to keep at most; {@code >= 1}
   * @param weigher estimates each value's weight; not null
   * @return new options that differ from these in that one respect; these are unchanged
   * @throws IllegalArgumentException if {@code maximum} is less than 1
   */
  public FnOptions maximumCachedWeight(long maximum, Weigher weigher) {
    return new FnOptions(blocking, cutoff, sharing, cachingFailures, mutated, copier,
        LruPolicy.CacheBound.ofWeight(maximum, weigher));
  }

  /** The function's own bound on cached values, or null. */
  LruPolicy.CacheBound cacheBound() {
    return bound;
  }

  /**
   * The index of the argument the function mutates in place, or -1.
   *
   * @return the 0-based index of the mutated argument, or -1 if the function mutates none
   */
  public int mutatedArgument() {
    return mutated;
  }

  /** The equivalence of early cutoff, or null without cutoff. */
  Equivalence<Object> cutoffEquivalence() {
    return cutoff;
  }

  Copier copier() {
    return copier;
  }

  /**
   * Whether the function blocks, see {@link #blocking()}.
   *
   * @return true if the function blocks
   */
  public boolean isBlocking() {
    return blocking;
  }

  /**
   * Whether an equal recomputed value stops invalidation.
   *
   * @return true if early cutoff applies
   */
  public boolean hasCutoff() {
    return cutoff != null;
  }

  /**
   * Whether calls with equal arguments share one node.
   *
   * @return true if calls with equal arguments share one node
   */
  public boolean isSharing() {
    return sharing;
  }

  /**
   * Whether failures are cached, see {@link #cachingFailures()}.
   *
   * @return true if failures are cached
   */
  public boolean isCachingFailures() {
    return cachingFailures;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FnOptions f
        && f.blocking == blocking && java.util.Objects.equals(f.cutoff, cutoff) && f.sharing == sharing
        && f.cachingFailures == cachingFailures
        && f.mutated == mutated && f.copier == copier && java.util.Objects.equals(f.bound, bound);
  }

  @Override
  public int hashCode() {
    return (blocking ? 1 : 0) | (cutoff != null ? 2 : 0) | (sharing ? 4 : 0) | (cachingFailures ? 8 : 0)
        | (mutated + 1) << 4;
  }

  @Override
  public String toString() {
    return "FnOptions[blocking=" + blocking + ", cutoff=" + (cutoff != null) + ", sharing=" + sharing
        + ", cachingFailures=" + cachingFailures + (mutated >= 0 ? ", mutating=" + mutated : "")
        + (bound == null ? "" : bound.weigher() == null ? ", maximumCachedValues=" + bound.maximum()
            : ", maximumCachedWeight=" + bound.maximum()) + "]";
  }
}
