package dev.sloth.dash;

import dev.sloth.graph.GraphListener;
import dev.sloth.graph.Node;
import dev.sloth.graph.Source;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The dashboard's only contact with the engine while it runs: a {@link GraphListener} that records each event into
 * a bounded buffer and returns. It never blocks, never waits for the dashboard, takes no lock and does no I/O, so a
 * slow or vanished browser costs the engine nothing.
 *
 * <p><b>Buffers.</b> Each platform thread writes to its own {@link Lane}, a single-producer single-consumer ring of
 * {@value #LANE} slots (plain array stores published by one release write of the head). The pump thread is the only
 * consumer. Virtual threads, which may number in the millions and mostly run one blocking function each, share one
 * lock-free queue bounded by a counter instead of getting a ring each. When a buffer is full the event is dropped and
 * counted; the pump then takes a fresh {@code g.dump()} so the picture is right again, and only the task stream misses
 * bars.
 *
 * <p><b>Order.</b> Every event carries {@link System#nanoTime}; the pump merges the buffers by it, since one lane's
 * order says nothing about another's.
 */
final class Tap implements GraphListener {
  static final int LANE = 4096;
  static final int SHARED = 16384;

  static final byte STARTED = 0;
  static final byte FINISHED = 1;
  static final byte FAILED = 2;
  static final byte HIT = 3;
  static final byte EVAL_STARTED = 4;
  static final byte EVAL_FINISHED = 5;
  static final byte INVALIDATED = 6;

  private final ThreadLocal<Lane> lanes = ThreadLocal.withInitial(this::newLane);
  final List<Lane> allLanes = new CopyOnWriteArrayList<>();
  private final ConcurrentLinkedQueue<Event> shared = new ConcurrentLinkedQueue<>();
  private final AtomicInteger sharedSize = new AtomicInteger();
  private final AtomicLong sharedDropped = new AtomicLong();

  private Lane newLane() {
    Lane l = new Lane(Thread.currentThread().getName());
    allLanes.add(l);
    return l;
  }

  @Override
  public void evaluationStarted(Node<?> requested, int planned) {
    record(EVAL_STARTED, requested, planned, null);
  }

  @Override
  public void evaluationFinished(Node<?> requested, boolean succeeded) {
    record(EVAL_FINISHED, requested, succeeded ? 1 : 0, null);
  }

  @Override
  public void nodeStarted(Node<?> node) {
    record(STARTED, node, 0, null);
  }

  @Override
  public void nodeFinished(Node<?> node, long nanos, boolean changed) {
    record(FINISHED, node, nanos, null);
  }

  @Override
  public void nodeFailed(Node<?> node, Throwable cause) {
    record(FAILED, node, 0, cause);
  }

  @Override
  public void cacheHit(Node<?> node) {
    record(HIT, node, 0, null);
  }

  @Override
  public void invalidated(Source<?> source, long revision) {
    record(INVALIDATED, source, revision, null);
  }

  private void record(byte kind, Node<?> node, long arg, Throwable cause) {
    long now = System.nanoTime();
    Thread t = Thread.currentThread();
    if (t.isVirtual()) {
      if (sharedSize.incrementAndGet() > SHARED) {
        sharedSize.decrementAndGet();
        sharedDropped.incrementAndGet();
        return;
      }
      shared.offer(new Event(kind, node, arg, cause, now, "virtual", t.threadId()));
    } else {
      lanes.get().offer(kind, node, arg, cause, now);
    }
  }

  /** Pump thread only: moves every buffered event into {@code out}; returns how many were dropped since last time. */
  long drainTo(List<Event> out) {
    long dropped = sharedDropped.getAndSet(0);
    for (Lane l : allLanes) {
      dropped += l.drainTo(out);
      Thread owner = l.owner.get();
      if (owner == null || !owner.isAlive()) {
        dropped += l.drainTo(out); // nothing more can arrive: the thread is gone
        allLanes.remove(l);
      }
    }
    Event e;
    while ((e = shared.poll()) != null) {
      sharedSize.decrementAndGet();
      out.add(e);
    }
    return dropped;
  }

  /**
   * One recorded event, as the pump sees it.
   *
   * @param kind one of the constants above
   * @param node the node, held only until the pump has read its name
   * @param arg nanos for a finish, planned count for an evaluation start, 1/0 for an evaluation's success, revision
   * @param cause what a failed node threw, else null
   * @param time {@link System#nanoTime} when it happened
   * @param lane the thread's name ("virtual" for virtual threads)
   * @param thread the thread's id (tells virtual threads apart)
   */
  record Event(byte kind, Node<?> node, long arg, Throwable cause, long time, String lane, long thread) {}

  /** A single-producer, single-consumer ring of events; see the class comment. */
  static final class Lane {
    private static final VarHandle HEAD;
    private static final VarHandle TAIL;

    static {
      try {
        MethodHandles.Lookup l = MethodHandles.lookup();
        HEAD = l.findVarHandle(Lane.class, "head", long.class);
        TAIL = l.findVarHandle(Lane.class, "tail", long.class);
      } catch (ReflectiveOperationException e) {
        throw new ExceptionInInitializerError(e);
      }
    }

    final String name;
    final long threadId = Thread.currentThread().threadId();
    final java.lang.ref.WeakReference<Thread> owner = new java.lang.ref.WeakReference<>(Thread.currentThread());
    private final Object[] nodes = new Object[LANE];
    private final Throwable[] causes = new Throwable[LANE];
    private final long[] args = new long[LANE];
    private final long[] times = new long[LANE];
    private final byte[] kinds = new byte[LANE];
    /** Written by the producer only (release), read by the consumer (acquire). */
    private long head;
    /** Written by the consumer only (release), read by the producer (acquire) when its cached copy says full. */
    private long tail;
    /** The producer's last read of {@link #tail}. */
    private long tailSeen;
    /** Events the producer dropped because the ring was full; read by the consumer (racy, approximate). */
    private long dropped;
    private long droppedSeen;

    Lane(String name) {
      this.name = name;
    }

    void offer(byte kind, Node<?> node, long arg, Throwable cause, long time) {
      long h = head;
      if (h - tailSeen >= LANE) {
        tailSeen = (long) TAIL.getAcquire(this);
        if (h - tailSeen >= LANE) {
          dropped++;
          return;
        }
      }
      int i = (int) (h & (LANE - 1));
      nodes[i] = node;
      causes[i] = cause;
      args[i] = arg;
      times[i] = time;
      kinds[i] = kind;
      HEAD.setRelease(this, h + 1);
    }

    long drainTo(List<Event> out) {
      long h = (long) HEAD.getAcquire(this);
      long t = tail;
      for (; t < h; t++) {
        int i = (int) (t & (LANE - 1));
        out.add(new Event(kinds[i], (Node<?>) nodes[i], args[i], causes[i], times[i], name, threadId));
        nodes[i] = null;
        causes[i] = null;
      }
      TAIL.setRelease(this, t);
      long d = dropped;
      long fresh = d - droppedSeen;
      droppedSeen = d;
      return fresh;
    }
  }

  /** For tests: the events buffered now, drained. */
  List<Event> drain() {
    List<Event> out = new ArrayList<>();
    drainTo(out);
    return out;
  }
}
