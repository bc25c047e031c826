package dev.sloth.graph;

import java.time.Duration;

/**
 * The learned pacing of one spinning function's {@link Task}s.
 *
 * <p>It keeps an exponentially weighted average of the time at which the condition turned out to be met (the time of
 * the last spin of each successful call). Before anything is learned, spins come at a fixed interval from the start.
 * Once learned, the first spin is scheduled a little before the usual time ({@code LEAD} of it) and the following
 * ones every {@code 1/FINE} of it, so a call whose condition takes as long as usual costs two or three spins. If the
 * condition takes much longer than usual, the interval doubles (up to a cap) so an outlier does not burn CPU.
 * Updates race benignly: the fields are read and written whole, and a lost sample only slows learning.
 */
final class SpinPacer {
  static final long DEFAULT_INTERVAL = Duration.ofMillis(1).toNanos();
  private static final double ALPHA = 0.3;
  private static final double LEAD = 0.9;
  private static final int FINE = 20;
  private static final long MIN_INTERVAL = 100_000;              // 0.1 ms
  private static final long MAX_INTERVAL = Duration.ofMillis(100).toNanos();

  private volatile double usual = -1;   // nanoseconds to the successful spin, averaged; -1 = nothing learned yet
  private volatile long samples;

  /** Nanoseconds from the task's start at which spin number {@code k} (1-based) happens. */
  long offsetOfSpin(int k) {
    double u = usual;
    if (u < 0) {
      return (k - 1) * DEFAULT_INTERVAL;
    }
    long first = (long) (u * LEAD);
    long fine = Math.max(MIN_INTERVAL, (long) (u / FINE));
    long offset = first;
    long interval = fine;
    for (int i = 2; i <= k; i++) {
      offset += interval;
      if (offset > 2 * u) {
        interval = Math.min(MAX_INTERVAL, interval * 2); // much later than usual: back off
      }
    }
    return offset;
  }

  /** Learns from a finished task whose function returned normally. */
  void learn(Task t) {
    long at = t.lastSpinAt();
    if (at < 0) {
      return;
    }
    double u = usual;
    usual = u < 0 ? at : u + ALPHA * (at - u);
    samples++;
  }

  /** What has been learned: the usual time to the successful spin, or null. */
  Duration usual() {
    double u = usual;
    return u < 0 ? null : Duration.ofNanos((long) u);
  }
}
