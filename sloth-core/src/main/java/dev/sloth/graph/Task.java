package dev.sloth.graph;

import java.time.Duration;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.locks.LockSupport;

/**
 * The handle a spinning function gets (see {@link Graph#fnSpin0}): {@link #spin()} is a loop whose body the function
 * runs until the condition it polls is met, then breaks. The runtime paces the spins and learns: per function it
 * keeps how long the condition usually takes to become true, and on later calls it schedules the first spin near
 * that time and spins quickly around it, so a condition that takes 100 ms costs a handful of spins instead of a
 * hundred. Between spins the task parks; on a virtual thread (where a parallel graph runs spinning functions) that
 * holds no platform thread, so other nodes run meanwhile.
 *
 * <pre>{@code
 * Fn1<Long, Long> recv = g.fnSpin1("Recv", (task, ptr) -> {
 *   for (int attempt : task.spin()) {
 *     if (socket.hasData()) break;
 *   }
 *   return ptr;
 * });
 * }</pre>
 */
public final class Task {
  private final SpinPacer pacer;
  private final long start = System.nanoTime();
  private int spins;
  private long lastSpinAt = -1;

  Task(SpinPacer pacer) {
    this.pacer = pacer;
  }

  /**
   * The paced loop: each iteration waits for the runtime's next spin time and yields the spin's number (1, 2, ...).
   * It never ends by itself: break out of it when the condition holds. An interrupt ends it with a
   * {@link CancellationException}.
   *
   * @return the endless sequence of spin numbers
   */
  public Iterable<Integer> spin() {
    return () -> new Iterator<>() {
      @Override
      public boolean hasNext() {
        return true;
      }

      @Override
      public Integer next() {
        if (spins == Integer.MAX_VALUE) {
          throw new NoSuchElementException("too many spins");
        }
        long wakeAt = start + pacer.offsetOfSpin(spins + 1);
        for (long now; (now = System.nanoTime()) < wakeAt; ) {
          LockSupport.parkNanos(wakeAt - now);
          if (Thread.interrupted()) {
            Thread.currentThread().interrupt();
            throw new CancellationException("spinning task interrupted after " + spins + " spins");
          }
        }
        spins++;
        lastSpinAt = System.nanoTime() - start;
        return spins;
      }
    };
  }

  /**
   * How many spins this task has made so far.
   *
   * @return the number of spins so far
   */
  public int spins() {
    return spins;
  }

  /**
   * Time since the task started.
   *
   * @return the time since the task started
   */
  public Duration elapsed() {
    return Duration.ofNanos(System.nanoTime() - start);
  }

  /** Nanoseconds from the start to the last spin, or -1 if it never spun. */
  long lastSpinAt() {
    return lastSpinAt;
  }
}
