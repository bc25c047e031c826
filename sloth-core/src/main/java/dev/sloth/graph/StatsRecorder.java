package dev.sloth.graph;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts runs, cache hits, failures and run time per function, for {@link Graph.Builder#recordStats()}, and reports
 * the evictions each function's values had (counted by the bound, {@link LruPolicy}, in the function). It is one
 * more {@link GraphListener} on the graph's {@link Events}, so the engine's evaluation code knows nothing of it, a
 * graph built without {@code recordStats()} has no recorder at all, and anything a recorder throws (an {@code
 * OutOfMemoryError} making a counter) is caught and logged by {@code Events} like any listener's failure, never
 * reaching the evaluation.
 *
 * <p>Concurrency: one {@link Counters} per function name, made once by {@link ConcurrentHashMap#computeIfAbsent}
 * (after the first event of a function, a lock-free {@code get}); each count is a {@link LongAdder}, striped so
 * that workers counting the same function at once do not contend on one cache line. A {@link #snapshot()} sums each
 * adder; counts added by evaluations still running may or may not be in it, those of finished ones all are.
 */
final class StatsRecorder implements GraphListener {
  private final ConcurrentHashMap<String, Counters> byFunction = new ConcurrentHashMap<>();

  private static final class Counters {
    final LongAdder runs = new LongAdder();
    final LongAdder hits = new LongAdder();
    final LongAdder failures = new LongAdder();
    final LongAdder nanos = new LongAdder();
    /**
     * The functions of this name (usually one): their eviction counts are summed. A function's values are evicted
     * only after a run stored them, and that run's event registered it here first.
     */
    private volatile WrappedFunction[] functions = new WrappedFunction[0];

    void seen(WrappedFunction fn) {
      WrappedFunction[] now = functions;
      if (now.length == 1 && now[0] == fn) {
        return; // the common case: one function of this name, already known
      }
      synchronized (this) {
        for (WrappedFunction known : functions) {
          if (known == fn) {
            return;
          }
        }
        WrappedFunction[] next = java.util.Arrays.copyOf(functions, functions.length + 1);
        next[next.length - 1] = fn;
        functions = next;
      }
    }

    FnStats read() {
      // failures before runs: each failure is counted in runs first (see nodeFailed), so failures <= runs holds
      long f = failures.sum();
      long r = runs.sum();
      long evicted = 0;
      for (WrappedFunction fn : functions) {
        evicted += fn.evictions;
      }
      return new FnStats(r, hits.sum(), Math.min(f, r), Math.max(0, nanos.sum()), evicted);
    }
  }

  private Counters of(Node<?> node) {
    if (node instanceof CallNode<?> call) {
      Counters c = byFunction.get(call.fn.name);
      if (c == null) {
        c = byFunction.computeIfAbsent(call.fn.name, k -> new Counters());
      }
      c.seen(call.fn);
      return c;
    }
    String fn = node.name();
    Counters c = byFunction.get(fn);
    return c != null ? c : byFunction.computeIfAbsent(fn, k -> new Counters());
  }

  @Override
  public void nodeFinished(Node<?> node, long nanos, boolean changed) {
    Counters c = of(node);
    c.nanos.add(nanos);
    c.runs.increment();
  }

  @Override
  public void nodeFailed(Node<?> node, Throwable cause) {
    Counters c = of(node);
    c.runs.increment();
    c.failures.increment();
  }

  @Override
  public void cacheHit(Node<?> node) {
    of(node).hits.increment();
  }

  GraphStats snapshot() {
    Map<String, FnStats> now = new HashMap<>();
    byFunction.forEach((fn, c) -> now.put(fn, c.read()));
    return new GraphStats(now);
  }

  @Override
  public String toString() {
    return "the graph's statistics recorder";
  }
}
