package dev.sloth.module;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A definition (or a module's load) running on this thread. Frames form a per-thread stack; each one measures its
 * definition's time and how much of it was spent reading other bindings, so that a binding's own compute time can be
 * told from the time it waited for its dependencies.
 *
 * <p>The global count of running frames is what lets a resolved binding's read be a field read: while no definition
 * runs anywhere, a read cannot be a dependency to record, so {@link Binding#get()} returns its cached value without
 * asking the engine. While any definition runs, every read goes through the engine, which records it as a dependency
 * when it comes from a definition on the same thread.
 */
final class Frame {
  private static final AtomicInteger RUNNING = new AtomicInteger();
  private static final ThreadLocal<Frame> CURRENT = new ThreadLocal<>();

  final ModuleRegistry registry;
  /** The binding being defined, or null when this frame is a module's load. */
  final Binding<?> binding;
  private final Frame outer;
  private final long start;
  /** Nanoseconds spent inside reads of other bindings (their definitions, or waiting for them). */
  private long readNanos;

  private Frame(ModuleRegistry registry, Binding<?> binding, Frame outer) {
    this.registry = registry;
    this.binding = binding;
    this.outer = outer;
    this.start = System.nanoTime();
  }

  /** Whether no definition runs on any thread: the condition for the field-read path of a resolved binding. */
  static boolean idle() {
    return RUNNING.get() == 0;
  }

  /** The innermost frame of this thread, or null outside definitions. */
  static Frame current() {
    return CURRENT.get();
  }

  /** Pushes a frame for {@code binding} (null for a module load); pair with {@link #exit()} in a finally. */
  static Frame enter(ModuleRegistry registry, Binding<?> binding) {
    Frame f = new Frame(registry, binding, CURRENT.get());
    RUNNING.incrementAndGet();
    CURRENT.set(f);
    return f;
  }

  void exit() {
    CURRENT.set(outer);
    RUNNING.decrementAndGet();
  }

  void addReadTime(long nanos) {
    readNanos += nanos;
  }

  long elapsedNanos() {
    return System.nanoTime() - start;
  }

  long readNanos() {
    return readNanos;
  }
}
