package dev.sloth.graph;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Waiting on a test's latch inside a function, where an interrupt must not end the wait (it is kept). */
final class Latches {
  private Latches() {}

  /** Waits for {@code latch} (at most a minute, then fails the test), keeping an interrupt for later. */
  static void awaitUninterruptibly(CountDownLatch latch) {
    boolean interrupted = false;
    while (true) {
      try {
        if (!latch.await(60, TimeUnit.SECONDS)) {
          throw new AssertionError("the test's latch was never opened");
        }
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
