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

  /** The shared pool (one thread per core), or a new one of {@code parallelism} threads when that is positive. */
  static Executor cpu(int parallelism) {
    return parallelism <= 0 ? Shared.CPU : newPool(parallelism, "sloth-cpu-p" + parallelism + "-");
  }

  private static ForkJoinPool newPool(int parallelism, String prefix) {
    return new ForkJoinPool(parallelism, pool -> {
      ForkJoinWorkerThread t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
      t.setName(prefix + t.getPoolIndex());
      t.setDaemon(true);
      return t;
    }, null, true);
  }

  /** Starts each task on a new virtual thread (for blocking functions). */
  static final Executor VIRTUAL = task -> Thread.ofVirtual().name("sloth-blocking").start(task);

  /** Starts {@code task} on a new virtual thread. */
  static void virtual(Runnable task) {
    VIRTUAL.execute(task);
  }
}
