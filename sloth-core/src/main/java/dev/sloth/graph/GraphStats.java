package dev.sloth.graph;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What every function of a {@link Graph} did: runs, cache hits, failures and run time per function name, counted
 * from when the graph was built with {@link Graph.Builder#recordStats()}. Returned by {@link Graph#stats()}, it is an
 * immutable snapshot: later work does not change it, so take another one to see it (as Caffeine's {@code
 * Cache.stats()}). The difference of two snapshots is the work done in between.
 *
 * <pre>{@code
 * Graph g = Graph.builder().recordStats().build();
 * Source<Integer> x = g.source("x", 3);
 * Node<Integer> sq = g.fn1("square", (Integer v) -> v * v).call(x);
 * sq.get();
 * GraphStats stats = g.stats();
 * System.out.println(stats.of("square").runs());   // 1
 * stats.byFunction().forEach((fn, s) -> System.out.println(fn + ": " + s));
 * }</pre>
 *
 * <p>Functions are keyed by the name they were declared with ({@code g.fn1("square", ...)}; a {@code
 * g.computed("z", ...)} node by its own name), so all the calls of one function add up in one entry. Counts are
 * exact once the {@code get()}s that did the work have returned; a snapshot taken while evaluations run sees each
 * counter at some moment during the read, not all counters at one instant.
 */
public final class GraphStats {
  private final Map<String, FnStats> byFunction;
  private final FnStats total;

  GraphStats(Map<String, FnStats> byFunction) {
    this.byFunction = java.util.Collections.unmodifiableMap(new TreeMap<>(byFunction));
    FnStats sum = FnStats.none();
    for (FnStats s : this.byFunction.values()) {
      sum = sum.plus(s);
    }
    this.total = sum;
  }

  /**
   * The statistics of the function named {@code functionName}.
   *
   * @param functionName a function's name, as given when it was declared
   * @return its statistics, or {@link FnStats#none()} if it neither ran nor was served from the cache
   */
  public FnStats of(String functionName) {
    Objects.requireNonNull(functionName, "functionName");
    return byFunction.getOrDefault(functionName, FnStats.none());
  }

  /**
   * Every function that ran or was served from the cache, by name.
   *
   * @return an unmodifiable map, sorted by function name
   */
  public Map<String, FnStats> byFunction() {
    return byFunction;
  }

  /**
   * The sums over every function.
   *
   * @return the counts of all functions added up
   */
  public FnStats total() {
    return total;
  }

  /**
   * The work done between {@code earlier} and this snapshot, both of the same graph.
   *
   * @param earlier a snapshot of the same graph taken before this one
   * @return per function, this snapshot's counts minus {@code earlier}'s
   * @throws IllegalArgumentException if {@code earlier} has a count larger than this one's (it was taken later, or
   *     of another graph)
   */
  public GraphStats minus(GraphStats earlier) {
    Objects.requireNonNull(earlier, "earlier");
    Map<String, FnStats> diff = new TreeMap<>();
    for (Map.Entry<String, FnStats> e : byFunction.entrySet()) {
      FnStats now = e.getValue();
      FnStats then = earlier.of(e.getKey());
      try {
        diff.put(e.getKey(), new FnStats(now.runs() - then.runs(), now.cacheHits() - then.cacheHits(),
            now.failures() - then.failures(), now.totalRunNanos() - then.totalRunNanos(),
            now.evictions() - then.evictions()));
      } catch (IllegalArgumentException negative) {
        throw new IllegalArgumentException("the earlier snapshot has larger counts for function '" + e.getKey()
            + "' (" + then + ") than this one (" + now + "): it was taken later, or of another graph", negative);
      }
    }
    for (String fn : earlier.byFunction.keySet()) {
      if (!byFunction.containsKey(fn)) {
        throw new IllegalArgumentException("the earlier snapshot counts function '" + fn + "', which this one does"
            + " not: it is of another graph");
      }
    }
    return new GraphStats(diff);
  }

  @Override
  public String toString() {
    return "GraphStats" + byFunction;
  }
}
