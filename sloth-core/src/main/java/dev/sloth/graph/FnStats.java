package dev.sloth.graph;

/**
 * What one function of a {@link Graph} did, counted since the graph was built: an immutable snapshot, read with
 * {@link GraphStats#of(String)} on a graph built with {@link Graph.Builder#recordStats()} (as Caffeine's {@code
 * CacheStats}).
 *
 * <pre>{@code
 * Graph g = Graph.builder().recordStats().build();
 * Source<Integer> x = g.source("x", 20);
 * Node<Integer> doubled = g.fn1("double", (Integer v) -> v * 2).call(x);
 * doubled.get();
 * doubled.get();                                   // served from the cache: a hit, not a run
 * FnStats s = g.stats().of("double");
 * assert s.runs() == 1 && s.cacheHits() == 1 && s.failures() == 0;
 * }</pre>
 *
 * <p>A run is one call of the function, whether it returned or threw; a cache hit is a node of the function checked
 * during a {@code get()} and found valid, so that its cached value was used and nothing ran (what {@link
 * GraphListener#cacheHit} hears); a failure is a run that threw, or that failed because a node it read had failed.
 * Time is measured over the runs that returned, as {@link GraphListener#nodeFinished} reports it.
 *
 * @param runs how many times the function ran, successfully or not
 * @param cacheHits how many times a node of the function was found valid and its cached value used
 * @param failures how many of the runs failed
 * @param totalRunNanos the total time, in nanoseconds, of the runs that returned
 * @param evictions how many of its cached values a bound on cached values dropped ({@link
 *     Graph.Builder#maximumCachedValues}, {@link FnOptions#maximumCachedValues} and the weight forms); an evicted value
 *     asked for again is recomputed, and that run counts in {@code runs}
 */
public record FnStats(long runs, long cacheHits, long failures, long totalRunNanos, long evictions) {

  private static final FnStats NONE = new FnStats(0, 0, 0, 0, 0);

  /**
   * Checks the counts.
   *
   * @throws IllegalArgumentException if a count is negative or there are more failures than runs
   */
  public FnStats {
    if (runs < 0 || cacheHits < 0 || failures < 0 || totalRunNanos < 0 || evictions < 0) {
      throw new IllegalArgumentException("counts must not be negative, were runs=" + runs + ", cacheHits="
          + cacheHits + ", failures=" + failures + ", totalRunNanos=" + totalRunNanos + ", evictions=" + evictions);
    }
    if (failures > runs) {
      throw new IllegalArgumentException("failures (" + failures + ") cannot exceed runs (" + runs + ")");
    }
  }

  /**
   * The statistics of a function that never ran and was never served from the cache.
   *
   * @return all counts zero
   */
  public static FnStats none() {
    return NONE;
  }

  /**
   * The runs that returned a value.
   *
   * @return {@code runs() - failures()}
   */
  public long successes() {
    return runs - failures;
  }

  /**
   * How many times a value of the function was asked for: each ask either ran it or was served from the cache.
   *
   * @return {@code runs() + cacheHits()}
   */
  public long requests() {
    return runs + cacheHits;
  }

  /**
   * The share of requests served from the cache.
   *
   * @return {@code cacheHits() / requests()}, or 1.0 when there were no requests (as Caffeine's {@code hitRate})
   */
  public double hitRate() {
    long requests = requests();
    return requests == 0 ? 1.0 : (double) cacheHits / requests;
  }

  /**
   * The mean time of a run that returned.
   *
   * @return {@code totalRunNanos() / successes()} in nanoseconds, or 0.0 when no run returned
   */
  public double averageRunNanos() {
    long ok = successes();
    return ok == 0 ? 0.0 : (double) totalRunNanos / ok;
  }

  /** The sum of this and {@code other}, count by count (the run time saturating at {@code Long.MAX_VALUE}). */
  FnStats plus(FnStats other) {
    return new FnStats(Math.addExact(runs, other.runs), Math.addExact(cacheHits, other.cacheHits),
        Math.addExact(failures, other.failures), saturatedAdd(totalRunNanos, other.totalRunNanos),
        Math.addExact(evictions, other.evictions));
  }

  private static long saturatedAdd(long a, long b) {
    long sum = a + b;
    return sum < 0 ? Long.MAX_VALUE : sum;
  }
}
