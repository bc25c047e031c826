package dev.sloth.graph;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The revision clock, one for every graph of the JVM, so that a node may read nodes of other graphs and still be
 * verified exactly (all {@code changedAt}/{@code verifiedAt} values compare), and so that one top-level {@code get()}
 * sees one revision of every source of every graph.
 *
 * <p><b>Reserve, install, publish.</b> A change (a {@code set}, or a whole {@link Graph#update}) {@linkplain #reserve
 * reserves} the next revision, installs its source versions and marks their dependents dirty, and then {@linkplain
 * #complete completes} it. {@link #published} is the highest revision {@code p} such that every revision {@code <= p}
 * has completed: an evaluation pinned at {@code p} finds every change up to {@code p} installed and every dirty mark
 * up to {@code p} written (the completions and {@code published} are volatile), and no change above {@code p}
 * visible as current. Completions may come out of order (two graphs' sets run at once); whoever completes advances
 * {@code published} over every completed revision that follows it, so no thread ever waits for another: there is no
 * lock here, and a thread that dies in the middle of a change (an {@code Error}) still completes it in a {@code
 * finally}. Two completions racing over the gap between them are ordered by the volatile ring: the later of the two
 * sees the other's slot and advances over both.
 *
 * <p><b>Active sessions.</b> Sources keep the versions that a running top-level evaluation may still read: every
 * version newer than the oldest {@linkplain #open open} session's revision, and the one that was current then.
 */
final class Revisions {
  private Revisions() {}

  private static final int RING = 1 << 12;
  private static final int MASK = RING - 1;
  private static final AtomicLong RESERVED = new AtomicLong(1);
  private static final AtomicLongArray DONE = new AtomicLongArray(RING);
  private static volatile long published = 1;
  private static final VarHandle PUBLISHED;
  /** Top-level sessions running now, to prune source versions nobody can read any more. */
  private static final ConcurrentHashMap.KeySetView<Session, Boolean> ACTIVE = ConcurrentHashMap.newKeySet();

  static {
    try {
      PUBLISHED = MethodHandles.lookup().findStaticVarHandle(Revisions.class, "published", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** The latest revision whose changes (and all before it) are installed. */
  static long published() {
    return published;
  }

  /**
   * Waits until {@code revision} is published. Only for a revision already reserved: every reserved revision is
   * completed, in a {@code finally}, by a change that runs no user code in between, so the wait is short; it spins,
   * then parks for growing moments.
   */
  static void awaitPublished(long revision) {
    for (int spins = 0; published() < revision; spins++) {
      if (spins < 100) {
        Thread.onSpinWait();
      } else {
        java.util.concurrent.locks.LockSupport.parkNanos(spins < 1_000 ? 1_000L : 100_000L);
      }
    }
  }

  /** Reserves the next revision for a change; the caller must {@link #complete} it, in a {@code finally}. */
  static long reserve() {
    for (int spins = 0; RESERVED.get() - published >= RING - 1; spins++) {
      Thread.onSpinWait(); // 4,095 changes in flight at once: let the oldest finish
      if (spins > 1000) {
        Thread.yield();
      }
    }
    return RESERVED.incrementAndGet();
  }

  /** Marks {@code revision}'s change installed, and publishes every revision now complete. */
  static void complete(long revision) {
    DONE.set((int) (revision & MASK), revision);
    for (;;) {
      long p = published;
      long next = p + 1;
      if (DONE.get((int) (next & MASK)) != next) {
        return; // a change before the next one is still being installed: its completion advances past ours
      }
      PUBLISHED.compareAndSet(p, next);
    }
  }

  /** Opens a top-level session at the published revision. */
  static void open(Session s) {
    ACTIVE.add(s);
    s.revision = published; // after the add: a pruner that missed us saw a published revision <= ours
  }

  static void close(Session s) {
    ACTIVE.remove(s);
  }

  /** The oldest revision an open session may read sources at. */
  static long oldestReadable() {
    long min = published;
    for (Session s : ACTIVE) {
      long r = s.revision;
      if (r < min) {
        min = r;
      }
    }
    return min;
  }
}
