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
 * consumer. A thread finds its lane in {@link #stripes}, indexed by its thread id (ids are never reused, so a stripe
 * holding another thread's lane is told apart by the lane's id); only a thread whose stripe is taken by another live
 * thread pays for the {@link ThreadLocal}. Virtual threads, which may number in the millions and mostly run one blocking function each, share one
 * lock-free queue bounded by a counter instead of getting a ring each. When a buffer is full the event is dropped and
 * counted; the pump then takes a fresh {@code g.dump()} so the picture is right again, and only the task stream misses
 * bars.
 *
 * <p><b>Order.</b> Every event carries a {@link System#nanoTime} time; the pump merges the buffers by it, since one
 * lane's order says nothing about another's.
 *
 * <p><b>Cost.</b> A node run is one ring slot and a cache hit one: a start only goes on the lane's stack of running
 * nodes (which the pump reads each tick to show what runs), and the finish carries the start (the engine's own
 * reading, from {@link #nodeStartedAt}) and the run time the engine measured. No clock is read (a hit takes its
 * lane's last time), nothing is allocated, and every store goes to memory only its thread writes. The rare events
 * (evaluations, failures, invalidations) read the clock.
 *
 * <p><b>Timing.</b> The tap asks the engine for {@link RunTiming#SAMPLED} timing: the runs of a function whose last
 * timed run took under 10 us are timed one in 16, the others come with {@link GraphListener#UNTIMED} times (the two
 * clock readings per run that exact timing needs would cost a do-nothing node more than the whole dashboard). Such
 * a run still counts and still gets its bar: its finish is placed at its lane's last time, and the model gives it
 * its function's mean timed run and marks it estimated.
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
  /** Not buffered: made by {@link #runningTo} for a node on a lane's stack of running nodes at the tick. */
  static final byte RUNNING_NOW = 7;

  private final ThreadLocal<Lane> lanes = ThreadLocal.withInitial(this::newLane);
  /** Power of two; stripe {@code threadId & (STRIPES - 1)}. */
  static final int STRIPES = 64;
  /**
   * Each stripe's lane, written racily by threads that find theirs empty or held by a dead thread, and by the pump
   * when it drops a dead lane; read racily by every recording thread. That is safe because a thread uses a stripe's
   * lane only if the lane's (final) id is its own, and only the owner ever installs a lane: a stale read costs one
   * trip through the {@link ThreadLocal}, never a write into another thread's ring.
   */
  private final Lane[] stripes = new Lane[STRIPES];
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
  public RunTiming runTiming() {
    return RunTiming.SAMPLED;
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
  public void nodeStartedAt(Node<?> node, long startNanos) {
    run(STARTED, node, startNanos);
  }

  @Override
  public void nodeFinished(Node<?> node, long nanos, boolean changed) {
    run(FINISHED, node, nanos);
  }

  @Override
  public void nodeFailed(Node<?> node, Throwable cause) {
    record(FAILED, node, Lane.NO_START, cause);
  }

  @Override
  public void cacheHit(Node<?> node) {
    run(HIT, node, 0);
  }

  @Override
  public void invalidated(Source<?> source, long revision) {
    record(INVALIDATED, source, revision, null);
  }

  /**
   * The hot path: a run's start ({@code arg} is the engine's start time) or finish ({@code arg} is its run time), or
   * a cache hit, on the calling thread's lane; see the class comment.
   */
  private void run(byte kind, Node<?> node, long arg) {
    try {
      Thread t = Thread.currentThread();
      long id = t.threadId();
      Lane l = stripes[(int) id & (STRIPES - 1)];
      if (l == null || l.threadId != id) {
        if (t.isVirtual()) {
          share(kind, node, kind == FINISHED ? arg : 0, null,
              kind == STARTED && arg != UNTIMED ? arg : System.nanoTime(), "virtual", id);
          return;
        }
        l = laneOf(id);
      }
      l.offerRun(kind, node, arg);
    } catch (Throwable e) {
      errors.incrementAndGet(); // as in record()
    }
  }

  /** A platform thread's lane, made on its first event, and put in its stripe if that is free. */
  private Lane laneOf(long id) {
    Lane l = lanes.get();
    int i = (int) id & (STRIPES - 1);
    Lane there = stripes[i];
    if (there == null || there.isDead()) {
      stripes[i] = l;
    }
    return l;
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
      Lane l = laneOf(t.threadId());
      if (kind == FAILED) {
        arg = l.popStart(node); // the failed run's start, for its bar (NO_START if unknown)
      }
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

  // ------------------------------------------------------------------------------- runs on other machines

  /**
   * A run the engine did not see, on a lane of its own: a cluster member's run of a remote node (see {@code
   * ClusterLanes}), or, with {@code end < 0}, word that the lane's member was lost.
   *
   * @param lane the lane's name, e.g. {@code member 127.0.0.1:5702}
   * @param name what ran (the bar's label)
   * @param function its function's name (the bar's colour, shared with the graph's function of that name)
   * @param start {@link System#nanoTime} when it started, on this JVM's clock
   * @param end when it ended, or -1 for a lost member
   */
  record External(String lane, String name, String function, long start, long end) {}

  private final ConcurrentLinkedQueue<External> external = new ConcurrentLinkedQueue<>();
  private final AtomicInteger externalSize = new AtomicInteger();

  /**
   * Buffers an {@link External} without waiting (the caller is a cluster's scheduling thread): a bounded lock-free
   * queue of {@value #SHARED}, dropping (and counting) beyond.
   */
  void external(External e) {
    if (externalSize.incrementAndGet() > SHARED) {
      externalSize.decrementAndGet();
      sharedDropped.incrementAndGet();
      return;
    }
    external.offer(e);
  }

  /** Pump thread only: hands every buffered {@link External} to {@code sink}, in arrival order. */
  void drainExternal(java.util.function.Consumer<External> sink) {
    External e;
    while ((e = external.poll()) != null) {
      externalSize.decrementAndGet();
      try {
        sink.accept(e);
      } catch (RuntimeException bad) {
        errors.incrementAndGet(); // as in drainTo
      }
    }
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
      if (l.isDead() && !l.pending()) {
        allLanes.remove(l); // its thread is gone and so is everything it wrote
        int s = (int) l.threadId & (STRIPES - 1);
        if (stripes[s] == l) {
          stripes[s] = null; // racy, see stripes: at worst a live lane leaves its stripe and is put back
        }
      }
    }
    return dropped;
  }

  /**
   * Pump thread only, before {@link #drainTo}: hands {@code sink} a {@link #RUNNING_NOW} event for each node running
   * on a platform thread now (starts are not buffered, see {@link Lane#offerRun}).
   */
  void runningTo(Sink sink) {
    for (Lane l : allLanes) {
      try {
        l.runningTo(sink);
      } catch (RuntimeException bad) {
        errors.incrementAndGet(); // as in drainTo
      }
    }
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
    /**
     * The lane's running nodes, innermost last, and their starts: a start goes here and not into the ring (its
     * finish carries both times), and the pump reads this stack racily each tick to show what is running (see
     * {@link #runningTo}). Plain stores by the producer; a slot is cleared when its run ends, so no node is kept.
     */
    private final Object[] openNodes = new Object[OPEN];
    private final long[] openStarts = new long[OPEN];
    private int depth;
    private long lastStamp;

    Lane(String name) {
      this.name = name;
    }

    /** Whether the thread that owns this lane has ended. */
    boolean isDead() {
      Thread t = owner.get();
      return t == null || !t.isAlive();
    }

    /**
     * Producer: records a run's start, finish or a cache hit (see {@link Tap#run}) without reading the clock
     * ({@code System.nanoTime} costs 25 to 60 ns on a virtual machine, more than this whole method) unless a finish
     * does not match the start on top of this lane's stack (an asynchronous function finishing on another thread),
     * and then only if the ring has room for it. A start only goes on the stack: one ring slot per run. A run the
     * engine did not time ({@code arg} {@link GraphListener#UNTIMED}) finishes at the lane's last time.
     */
    void offerRun(byte kind, Node<?> node, long arg) {
      long t;
      if (kind == STARTED) {
        int d = depth;
        if (d < OPEN) {
          openNodes[d] = node;
          openStarts[d] = arg;
        }
        depth = d + 1;
        return;
      } else if (kind == FINISHED) {
        t = popStart(node);
        if (arg == UNTIMED) {
          t = lastStamp; // a run the engine did not time: at the lane's last time, its length estimated later
        } else if (t != NO_START) {
          t += arg;
        } else if (full()) {
          dropped++;
          return;
        } else {
          t = System.nanoTime();
        }
      } else {
        t = lastStamp;
      }
      if (t < lastStamp) {
        t = lastStamp;
      }
      lastStamp = t;
      if (full()) {
        dropped++;
        return;
      }
      long h = head;
      int i = (int) (h & (LANE - 1));
      nodes[i] = node; // causes[i] is null: the consumer clears it, and runs carry none
      args[i] = arg;
      times[i] = t;
      kinds[i] = kind;
      HEAD.setRelease(this, h + 1);
    }

    /** No start known; also the start of a run the engine did not time ({@link GraphListener#UNTIMED}). */
    static final long NO_START = UNTIMED;

    /** Pops {@code node}'s start off this lane's stack of running nodes, or returns {@link #NO_START}. */
    long popStart(Node<?> node) {
      if (depth > 0 && depth <= OPEN && openNodes[depth - 1] == node) {
        depth--;
        openNodes[depth] = null;
        return openStarts[depth];
      }
      if (depth > OPEN) {
        depth--; // its start was not kept: nested deeper than the stack
      }
      return NO_START;
    }

    /**
     * Consumer: hands {@code sink} each node running on this lane now, with its start. The producer's stack is
     * read without synchronization, so the view may be a moment old or miss a run that just started; it is only a
     * display, and the events drained after it (a finish sets done) win.
     */
    void runningTo(Sink sink) {
      int d = Math.min(depth, OPEN);
      for (int i = 0; i < d; i++) {
        Object n = openNodes[i];
        long start = openStarts[i];
        if (start == UNTIMED) {
          start = lastStamp; // not timed: it started after the lane's last time (racy read, a display only)
        }
        if (n instanceof Node<?> node) {
          sink.event(RUNNING_NOW, node, 0, null, start, name);
        }
      }
    }

    /**
     * The time of a rare event (an evaluation, a failure, an invalidation): it reads the clock. Times never go
     * backwards within a lane, which the pump's merge relies on.
     */
    long stamp(byte kind, Node<?> node, long arg) {
      long t = System.nanoTime();
      if (t < lastStamp) {
        t = lastStamp;
      }
      lastStamp = t;
      return t;
    }

    /** Producer: whether the ring is full (refreshing its copy of the consumer's position if it looks so). */
    private boolean full() {
      long h = head;
      if (h - tailSeen >= LANE) {
        tailSeen = (long) TAIL.getAcquire(this);
        return h - tailSeen >= LANE;
      }
      return false;
    }

    /** Producer: appends the event, or returns false (and counts a drop) when the ring is full. */
    boolean offer(byte kind, Node<?> node, long arg, Throwable cause, long time) {
      if (full()) {
        dropped++;
        return false;
      }
      long h = head;
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
