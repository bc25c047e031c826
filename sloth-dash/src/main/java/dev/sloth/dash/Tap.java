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
    try {
      recordOrThrow(kind, node, arg, cause);
    } catch (Throwable e) {
      // the dashboard's bookkeeping must never break an evaluation: a StackOverflowError at the edge of a deep
      // evaluation, an OutOfMemoryError making a ring, anything else, costs this one event and nothing more
      errors.incrementAndGet();
    }
  }

  /** Events lost to errors while recording them (see {@link #record}). */
  final AtomicLong errors = new AtomicLong();

  private void recordOrThrow(byte kind, Node<?> node, long arg, Throwable cause) {
    Thread t = Thread.currentThread();
    if (t.isVirtual()) {
      share(kind, node, arg, cause, System.nanoTime(), "virtual", t.threadId());
    } else {
      Lane l = lanes.get();
      long time = l.stamp(kind, node, arg);
      if (!l.offer(kind, node, arg, cause, time) && kind >= FAILED && kind != HIT) {
        // a full ring drops runs and hits, but evaluations, failures and invalidations are rare and carry what
        // the picture cannot rebuild from a snapshot (episodes, errors, why a node ran): they overflow instead
        if (share(kind, node, arg, cause, time, l.name, l.threadId)) {
          l.dropped--; // not lost after all
        }
      }
    }
  }

  private boolean share(byte kind, Node<?> node, long arg, Throwable cause, long time, String lane, long thread) {
    if (sharedSize.incrementAndGet() > SHARED) {
      sharedSize.decrementAndGet();
      sharedDropped.incrementAndGet();
      if (kind >= FAILED && kind != HIT) {
        rareDropped.incrementAndGet();
      }
      return false;
    }
    return shared.offer(new Event(kind, node, arg, cause, time, lane, thread));
  }

  /** Evaluations, failures or invalidations lost since the last call (only when even the overflow was full). */
  long rareDropped() {
    return rareDropped.getAndSet(0);
  }

  private final AtomicLong rareDropped = new AtomicLong();

  /** Receives drained events, in time order, on the pump thread. */
  interface Sink {
    void event(byte kind, Node<?> node, long arg, Throwable cause, long time, String lane);
  }

  private final List<Event> sharedBatch = new ArrayList<>();
  private boolean warned;
  private Lane[] batch = new Lane[0];

  /**
   * Pump thread only: hands every buffered event to {@code sink} in time order and returns how many were dropped
   * since the last call. The lanes are merged in place (each is already in order, so the merge picks the earliest
   * head among a handful of lanes), which allocates nothing per event; only the virtual threads' events are objects.
   */
  long drainTo(Sink sink) {
    long dropped = sharedDropped.getAndSet(0);
    Event e;
    while ((e = shared.poll()) != null) {
      sharedSize.decrementAndGet();
      sharedBatch.add(e);
    }
    sharedBatch.sort((a, b) -> Long.compare(a.time(), b.time())); // offers from many threads interleave
    batch = allLanes.toArray(batch);
    int k = 0;
    for (Lane l : batch) {
      if (l == null) {
        break;
      }
      l.begin();
      k++;
    }
    int shared = 0;
    while (true) {
      Lane best = null;
      long bestTime = Long.MAX_VALUE;
      for (int i = 0; i < k; i++) {
        Lane l = batch[i];
        if (l.hasNext() && (best == null || l.nextTime() < bestTime)) {
          best = l;
          bestTime = l.nextTime();
        }
      }
      try {
        if (shared < sharedBatch.size() && (best == null || sharedBatch.get(shared).time() <= bestTime)) {
          Event v = sharedBatch.get(shared++);
          sink.event(v.kind(), v.node(), v.arg(), v.cause(), v.time(), v.lane());
        } else if (best != null) {
          best.emit(sink);
        } else {
          break;
        }
      } catch (RuntimeException bad) {
        // one bad event (the slot is already consumed) must not stop the drain, nor come back next tick
        errors.incrementAndGet();
        if (!warned) {
          warned = true;
          System.getLogger("dev.sloth.dash").log(System.Logger.Level.WARNING,
              "sloth dashboard: an event could not be applied; skipped (further ones are counted only)", bad);
        }
      }
    }
    sharedBatch.clear();
    for (int i = 0; i < k; i++) {
      Lane l = batch[i];
      dropped += l.end();
      batch[i] = null;
      Thread owner = l.owner.get();
      if ((owner == null || !owner.isAlive()) && !l.pending()) {
        allLanes.remove(l); // its thread is gone and so is everything it wrote
      }
    }
    return dropped;
  }

  /** For tests: moves every buffered event into {@code out} as objects; returns how many were dropped. */
  long drainTo(List<Event> out) {
    return drainTo((kind, node, arg, cause, time, lane) -> out.add(new Event(kind, node, arg, cause, time, lane, 0)));
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

    // the producer's clock: see stamp()
    private static final int OPEN = 64;
    private final Object[] openNodes = new Object[OPEN];
    private final long[] openStarts = new long[OPEN];
    private int depth;
    private long lastStamp;

    Lane(String name) {
      this.name = name;
    }

    /**
     * The event's time, reading the clock once per node run rather than once per event ({@code System.nanoTime}
     * costs 25 to 60 ns on a virtual machine, as much as a node's own bookkeeping). A start reads the clock and is
     * pushed on this thread's stack of running nodes (runs nest when a function reads another node); a finish is
     * its start plus the run time the engine measured; a cache hit takes the last time of this lane; evaluations,
     * failures and invalidations, which are rare, read the clock. Times never go backwards within a lane, which the
     * pump's merge relies on.
     */
    long stamp(byte kind, Node<?> node, long arg) {
      long t;
      switch (kind) {
        case STARTED -> {
          t = System.nanoTime();
          if (depth < OPEN) {
            openNodes[depth] = node;
            openStarts[depth] = t;
          }
          depth++;
        }
        case FINISHED, FAILED -> {
          if (depth > 0 && depth <= OPEN && openNodes[depth - 1] == node) {
            depth--;
            openNodes[depth] = null;
            t = kind == FINISHED ? openStarts[depth] + arg : System.nanoTime();
          } else {
            if (depth > OPEN) {
              depth--;
            }
            t = System.nanoTime();
          }
        }
        case HIT -> t = lastStamp;
        default -> t = System.nanoTime();
      }
      if (t < lastStamp) {
        t = lastStamp;
      }
      lastStamp = t;
      return t;
    }

    /** Producer: appends the event, or returns false (and counts a drop) when the ring is full. */
    boolean offer(byte kind, Node<?> node, long arg, Throwable cause, long time) {
      long h = head;
      if (h - tailSeen >= LANE) {
        tailSeen = (long) TAIL.getAcquire(this);
        if (h - tailSeen >= LANE) {
          dropped++;
          return false;
        }
      }
      int i = (int) (h & (LANE - 1));
      nodes[i] = node;
      causes[i] = cause;
      args[i] = arg;
      times[i] = time;
      kinds[i] = kind;
      HEAD.setRelease(this, h + 1);
      return true;
    }

    private long cursor;
    private long limit;

    /** Consumer: starts reading what the producer has published so far. */
    void begin() {
      limit = (long) HEAD.getAcquire(this);
      cursor = tail;
    }

    boolean hasNext() {
      return cursor < limit;
    }

    long nextTime() {
      return times[(int) (cursor & (LANE - 1))];
    }

    void emit(Sink sink) {
      int i = (int) (cursor++ & (LANE - 1));
      Node<?> node = (Node<?>) nodes[i];
      Throwable cause = causes[i];
      nodes[i] = null; // let go of the node before the slot is reused
      causes[i] = null;
      sink.event(kinds[i], node, args[i], cause, times[i], name);
    }

    /** Consumer: frees what was read; returns the events dropped since the last call. */
    long end() {
      TAIL.setRelease(this, cursor);
      long d = dropped;
      long fresh = d - droppedSeen;
      droppedSeen = d;
      return fresh;
    }

    /** Whether the producer published more than was read. */
    boolean pending() {
      return (long) HEAD.getAcquire(this) != cursor;
    }
  }

}
