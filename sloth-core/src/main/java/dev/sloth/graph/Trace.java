package dev.sloth.graph;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The bound on recorded work ({@link Graph.Builder#maxTrace}): the calls recorded since the last flush, held weakly (a dropped call needs no
 * evaluation). When more than the limit are pending, the thread that records the next call (outside any running
 * function) flushes: it evaluates the pending calls, newest first (so a chain is one evaluation and the older calls
 * are then found current), and then freezes, oldest first, those computed from constants alone.
 */
final class Trace {
  private final Registry registry;
  private final int limit;
  private final ConcurrentLinkedQueue<WeakReference<CallNode<?>>> pending = new ConcurrentLinkedQueue<>();
  private final AtomicInteger count = new AtomicInteger();
  private final ReentrantLock flushing = new ReentrantLock();
  /**
   * The count at which calls recorded inside a function next purge the queue ({@link #insideAFunction}); written
   * under {@link #flushing}, read without it (a stale value only moves a purge by a few calls).
   */
  private volatile int purgeAt;
  /** How many purges ran; written under {@link #flushing} (for tests). */
  private int purges;

  Trace(Registry registry, int limit) {
    this.registry = registry;
    this.limit = limit;
  }

  void recorded(CallNode<?> n) {
    pending.add(new WeakReference<>(n));
    int c = count.incrementAndGet();
    if (c > limit || c < 0) {
      if (Computation.current() == null) {
        flush();
      } else {
        insideAFunction(c);
      }
    }
  }

  /**
   * Past the limit, inside a running function: a flush would run the pending calls as reads of that function, so
   * it waits for a call recorded outside one. Meanwhile such a function may record without end (a computed node
   * building a subgraph): so the references already cleared (calls nobody holds) are dropped, and the queue holds
   * only calls still alive; a purge walks the whole queue, so the next one waits for as many more calls as it left
   * (and at least {@code limit}), which keeps the cost per call constant however many calls stay alive; and the count
   * is kept past the limit rather than left to wrap to a negative number, which would stop the flushes for the next
   * 2^31 calls.
   */
  private void insideAFunction(int c) {
    if (c < 0) {
      count.set(limit + 1);
    } else if (c >= purgeAt && flushing.tryLock()) {
      try {
        pending.removeIf(r -> r.refersTo(null));
        purges++;
        int left = pending.size();
        purgeAt = (int) Math.min(Integer.MAX_VALUE, (long) c + Math.max(limit, left));
      } finally {
        flushing.unlock();
      }
    }
  }

  /** How many times calls recorded inside functions purged the queue (for tests). */
  int purges() {
    flushing.lock();
    try {
      return purges;
    } finally {
      flushing.unlock();
    }
  }

  /** The calls recorded since the last flush, cleared or not (for tests). */
  int pendingCount() {
    return pending.size();
  }

  /** Tests only: sets the count of calls recorded since the last flush (as after that many calls). */
  void countForTest(int c) {
    count.set(c);
  }

  private void flush() {
    if (!flushing.tryLock()) {
      return; // another thread is flushing
    }
    try {
      List<CallNode<?>> live = new ArrayList<>(limit);
      for (WeakReference<CallNode<?>> r; (r = pending.poll()) != null; ) {
        CallNode<?> n = r.get();
        if (n != null) {
          live.add(n);
        }
      }
      count.set(0); // calls recorded meanwhile are in the queue and go with the next flush
      purgeAt = 0;
      for (int i = live.size() - 1; i >= 0; i--) {
        CallNode<?> n = live.get(i);
        if (n.value == AbstractNode.UNSET) {
          try {
            n.get();
          } catch (RuntimeException failed) {
            // The failure stays on the node; whoever asks for it gets it.
          }
        }
      }
      for (CallNode<?> n : live) {
        if (n.canFreeze()) {
          registry.freeze(n);
        }
      }
    } finally {
      flushing.unlock();
    }
  }
}
