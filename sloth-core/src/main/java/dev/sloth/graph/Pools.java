package dev.sloth.graph;

import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;

/** The thread pools graphs run on when the user gives none. */
final class Pools {
  private Pools() {}

  private static final class Shared {
    static final ForkJoinPool CPU = newPool(Runtime.getRuntime().availableProcessors(), "sloth-cpu-");
  }

  /** Pools of a given parallelism, one per size, shared by every graph that asks for that size. */
  private static final java.util.concurrent.ConcurrentHashMap<Integer, ForkJoinPool> SIZED =
      new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * The shared pool (one thread per core), or the shared pool of {@code parallelism} threads when that is positive.
   * Pools are shared, never per graph: a dropped graph leaves no threads behind (idle workers of a ForkJoinPool end
   * after a minute, and the pool lives on for the next graph of that size).
   */
  static Executor cpu(int parallelism) {
    if (parallelism <= 0) {
      return Shared.CPU;
    }
    return SIZED.computeIfAbsent(parallelism, p -> newPool(p, "sloth-cpu-p" + p + "-"));
  }

  private static ForkJoinPool newPool(int parallelism, String prefix) {
    java.util.concurrent.atomic.AtomicInteger made = new java.util.concurrent.atomic.AtomicInteger();
    return new ForkJoinPool(parallelism, pool -> {
      Worker t = new Worker(pool);
      // Numbered in creation order: the pool index is not assigned yet when the factory runs (every worker was -0).
      t.setName(prefix + made.getAndIncrement());
      t.setDaemon(true);
      return t;
    }, null, true);
  }

  /** The live workers of the engine's pools: {@link #runsFunctionOf} looks through their frames. */
  private static final java.util.Set<Worker> WORKERS = java.util.concurrent.ConcurrentHashMap.newKeySet();

  /**
   * A worker of the engine's pools: it holds its own {@linkplain Computation.Frame frame} (no thread-local look-up)
   * and counts the functions it runs there rather than in their graph's counter (see {@link
   * Computation.Frame#runningOf}). Registered while it runs.
   */
  static final class Worker extends ForkJoinWorkerThread {
    final Computation.Frame frame = new Computation.Frame(true);

    Worker(ForkJoinPool pool) {
      super(null, pool, true);
    }

    @Override
    protected void onStart() {
      super.onStart();
      WORKERS.add(this);
    }

    @Override
    protected void onTermination(Throwable exception) {
      WORKERS.remove(this);
      super.onTermination(exception);
    }
  }

  /** Whether a worker of the engine's pools is running a function of {@code graph}, as counted in its frame. */
  static boolean runsFunctionOf(Graph graph) {
    for (Worker w : WORKERS) {
      if (w.frame.runningOf() == graph) {
        return true;
      }
    }
    return false;
  }

  /** Starts each task on a new virtual thread (for blocking functions). */
  static final Executor VIRTUAL = task -> Thread.ofVirtual().name("sloth-blocking").start(task);

  /** Starts {@code task} on a new virtual thread. */
  static void virtual(Runnable task) {
    VIRTUAL.execute(task);
  }
}
