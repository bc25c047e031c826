package dev.sloth.graph;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

/**
 * One claim on a node: created by the evaluation that brings the node up to date, installed in the node's {@code
 * inflight} by compare-and-set (so exactly one computation per node at a time), and completed when released, which
 * wakes the evaluations that found the node claimed. While the node's function runs, the computation is the
 * thread's {@linkplain #current() current} one: reads of other nodes are recorded as dynamic dependencies (and the
 * node as a dependent of each), made at the session's revision, and a read that must wait is checked for cycles
 * first ({@link WaitGraph}).
 *
 * <p><b>Nothing outlives an Error.</b> A {@code StackOverflowError} can strike any frame, including the engine's own
 * between a claim and its release. So the claims a thread holds form a chain that outer frames can see (an
 * evaluation's {@link Evaluation#innerClaim}, a computation's {@link #nested} evaluation), and every frame that
 * catches a {@code Throwable} {@linkplain #abandonNested releases what is still held below it}: an outer frame has
 * more stack, so some frame succeeds. Releasing is a field write and the completion of a future (completing again
 * finishes waking whoever a failed attempt did not). The thread's current computation is restored the same way:
 * it lives in the thread's {@link Frame} (one thread-local look-up per run, on entering); leaving writes two fields,
 * no call, so it cannot overflow: {@code exited} first, then the frame's current computation; and {@link
 * #current()} skips exited computations, so no failure can leave the thread "inside" a function.
 */
sealed class Computation extends CompletableFuture<Void> permits Evaluation.Entry {
  private static final ThreadLocal<Frame> FRAMES = new ThreadLocal<>();

  /**
   * A thread's current computation, in a holder made once per thread: entering and leaving a function then cost one
   * thread-local look-up and two field writes instead of three thread-local operations (a worker of the engine's
   * pools holds its own: no look-up at all). Used by its thread only, but for {@link #runningOf}, which any thread
   * reads.
   */
  static final class Frame {
    /**
     * Whether this is the frame of a worker of the engine's own pools ({@link Pools.Worker}), which counts the
     * functions it runs in {@link #runningOf} instead of in the graph's counter.
     */
    final boolean worker;
    /**
     * On a {@linkplain #worker worker}: the graph of the outermost function running on this thread that counts
     * itself here, or null. Written by its thread with plain writes, read by any thread ({@link
     * Graph#isRunningFunctions}, through {@link #runningOf()}).
     *
     * <p><b>Why plain writes suffice.</b> The check it serves refuses a read that a running function handed to a
     * worker of the common pool. That hand-off (a task submitted) is a release by this thread after the write of the
     * graph here, and the worker's taking the task an acquire: the read sees the graph. The other way round, the field
     * is cleared before the function's outcome is published (a release), which the caller's {@code get()} acquires
     * before it returns: a read handed to the common pool after {@code get()} returned does not see it set for that
     * run. That is what the graph's counter guarantees too, for two atomic operations per function run (a fifth of a
     * pool thread's time on a wide fan-in of cheap leaves).
     */
    Graph runningOf;
    Computation current;

    Frame(boolean worker) {
      this.worker = worker;
    }

    /** {@link #runningOf}, read from another thread. */
    Graph runningOf() {
      return (Graph) RUNNING_OF.getOpaque(this);
    }

    private static final java.lang.invoke.VarHandle RUNNING_OF;

    static {
      try {
        RUNNING_OF = java.lang.invoke.MethodHandles.lookup().findVarHandle(Frame.class, "runningOf", Graph.class);
      } catch (ReflectiveOperationException e) {
        throw new ExceptionInInitializerError(e);
      }
    }
    /**
     * The graph whose running functions this thread counts as one for as long as it runs an evaluation's entries
     * inline ({@link Evaluation#run}): a function of that graph run here then is not counted again. Null if none.
     */
    Graph counted;
    /**
     * The decrements owed by the chunk of a wide plan this thread is running ({@link Evaluation#driveChunk}); null if
     * it runs none.
     */
    Evaluation.Debt debt;

    /** The current computation, skipping any an Error left marked exited; null outside functions. */
    Computation current() {
      Computation c = current;
      while (c != null && c.exited) {
        c = c.outer; // a restore that an Error interrupted: the true current one is further out
      }
      return c;
    }
  }

  final AbstractNode<?> node;
  final Evaluation evaluation;
  /**
   * The thread that made the claim: only it may abandon the claim (its frames are the ones an Error unwinds). Set
   * before the claim's compare-and-set (a plan entry is made on the planning thread and may claim on another) and
   * read only by the thread that made the claim, to recognise its own.
   */
  Thread owner;
  /** The node this computation's thread is waiting for, if any (see {@link WaitGraph}). */
  volatile AbstractNode<?> blockedOn;
  /** All the nodes it waits for, when it waits for several at once ({@link Node#getAll}); else null. */
  volatile AbstractNode<?>[] blockedOnMore;
  /**
   * How the run under this claim failed, if it did (its own function threw, or a node it read failed): evaluations
   * waiting on the claim report this instead of running the function again.
   */
  volatile Failure failure;
  /** The function read a value newer than the session's revision: its outcome is discarded. */
  volatile boolean overtaken;
  /**
   * For a run that restores an evicted value ({@link LruPolicy}): the revisions to publish; else null. Written by the
   * claimant before the run, read when it publishes.
   */
  LruPolicy.Restore restore;
  /** The evaluation a read of this computation's function is running on this thread, while it runs. */
  volatile Evaluation nested;

  private Computation outer;
  /**
   * Read and written by the thread the computation runs on only (through its {@link Frame}): not volatile. Written
   * directly by the frame that ran the function: a write cannot overflow the stack, a call can.
   */
  boolean exited;
  /**
   * How this run is counted in its graph's running functions ({@link Graph#isRunningFunctions}) until it is
   * uncounted: {@link #UNCOUNTED}, {@link #IN_COUNTER} or {@link #IN_FRAME}. A frame that an Error cut short before
   * the uncount leaves it set for an outer frame to finish. Its thread's only.
   */
  byte counting;

  /** Not counted (not yet, no longer, or covered by a count further out on its thread). */
  static final byte UNCOUNTED = 0;
  /** Counted in the graph's counter ({@link Graph#functionStarted}). */
  static final byte IN_COUNTER = 1;
  /** Counted in its worker's frame ({@link Frame#runningOf}). */
  static final byte IN_FRAME = 2;

  /** The function's reads in this run; made on its first read (most functions read nothing), else null. */
  private ReadLog reads;

  /**
   * A run's reads, in order, with what only a function that reads carries (three fields fewer in every claim and
   * plan entry, which makes an entry 96 bytes, not 112).
   */
  private static final class ReadLog extends ArrayList<AbstractNode<?>> {
    /** The same reads as a set, from the 17th read on (a linear search until then). */
    Set<AbstractNode<?>> readSet;
    /** The last run's reads as a set, made when there were more than 16. */
    Set<AbstractNode<?>> previousSet;
    /** The failures of reads made by this run (reported as the read node's failure, not the function's). */
    List<EvaluationException> readFailures;

    ReadLog() {
      super(4);
    }
  }

  Computation(AbstractNode<?> node, Evaluation evaluation) {
    this.node = node;
    this.evaluation = evaluation;
    this.owner = Thread.currentThread();
  }

  /**
   * A plan's entry ({@link Evaluation.Entry}), which is its node's first claim in the evaluation as well: one object
   * where an entry and a claim were two. The claiming thread sets {@link #owner}.
   */
  Computation(Evaluation evaluation, AbstractNode<?> node) {
    this.node = node;
    this.evaluation = evaluation;
  }

  /** The session of the evaluation that made this claim. */
  final Session session() {
    return evaluation.session;
  }

  /** The revision of the session that made this claim. */
  final long revision() {
    return evaluation.revision;
  }

  /**
   * A brief claim: an eviction's ({@link LruPolicy}) or a freeze's ({@link CallNode#freeze}). It has no evaluation and
   * no session, is held for a few field writes that run no user code, is released by a plain write of {@code
   * inflight} (so that a stack overflow cannot leave it held: a call could overflow, a write cannot), and is never
   * completed: a claimant that meets it spins until it is gone ({@link #isBrief}).
   */
  Computation(AbstractNode<?> node) {
    this.node = node;
    this.evaluation = null;
    this.owner = Thread.currentThread();
  }

  /** Whether this is a brief claim (see {@link #Computation(AbstractNode)}), which nobody may wait on. */
  boolean isBrief() {
    return evaluation == null;
  }

  /** The computation whose function is running on this thread, or null outside functions. */
  static Computation current() {
    Frame f = Thread.currentThread() instanceof Pools.Worker w ? w.frame : FRAMES.get();
    return f == null ? null : f.current();
  }

  /** The calling thread's frame, made on its first use. */
  static Frame frame() {
    if (Thread.currentThread() instanceof Pools.Worker w) {
      return w.frame; // no thread-local look-up on the engine's own workers
    }
    Frame f = FRAMES.get();
    if (f == null) {
      f = new Frame(false);
      FRAMES.set(f);
    }
    return f;
  }

  /**
   * Makes this the current computation of the thread whose frame is {@code f} ({@code outer} is its current one
   * now). Undone by the frame that ran the function, with two field writes (no call, which could overflow the
   * stack): {@code exited = true}, then {@code f.current = outer}.
   */
  void enter(Frame f, Computation outer) {
    this.outer = outer;
    f.current = this;
  }

  /** Releases the claim and wakes whoever waits for it. */
  void release() {
    if (node.inflight == this) {
      AbstractNode.INFLIGHT.setRelease(node, null); // the completion's compare-and-set below is the full fence
    }
    complete(null);
  }

  /**
   * Releases every claim this thread still holds below this computation (left by an {@code Error} that unwound
   * past the frames that would have released them). Allocates nothing.
   */
  void abandonNested() {
    Evaluation ev = nested;
    if (ev != null) {
      nested = null;
      ev.abandonHeld();
    }
  }

  // ---------------------------------------------------------------------------------------------- reads

  /** A read of {@code n} by this computation's function: records it, brings it up to date, returns its value. */
  <T> T read(AbstractNode<T> n, long deadline) {
    try {
      return readWithin(n, deadline);
    } catch (TimeoutException impossible) {
      throw new AssertionError(impossible);
    }
  }

  /** As {@link #read}, giving up waiting at {@code deadline} (a nanoTime; 0 for none). */
  <T> T readWithin(AbstractNode<T> n, long deadline) throws TimeoutException {
    record(n);
    Object v;
    try {
      v = valueFor(n, deadline);
    } catch (EvaluationException failed) {
      readFailed(failed);
      throw failed;
    }
    return unwrap(n, v);
  }

  /** Reads many nodes at once, their evaluations in parallel; records them all, in order. */
  List<Object> readAll(List<AbstractNode<?>> nodes) {
    List<AbstractNode<?>> toEvaluate = new ArrayList<>();
    for (AbstractNode<?> n : nodes) {
      record(n);
      if (n instanceof CallNode<?> && !n.failedIn(session())
          && n.usableAt(revision()) == AbstractNode.NOT_CURRENT) {
        toEvaluate.add(n);
      }
    }
    if (!toEvaluate.isEmpty()) {
      try {
        Evaluation.ensureAll(toEvaluate, this);
      } catch (EvaluationException failed) {
        readFailed(failed);
        throw failed;
      }
    }
    List<Object> out = new ArrayList<>(nodes.size());
    for (AbstractNode<?> n : nodes) {
      Object v;
      try {
        v = valueFor(n, 0L);
      } catch (EvaluationException failed) {
        throw readFailed(failed);
      } catch (TimeoutException impossible) {
        throw new AssertionError(impossible);
      }
      out.add(unwrap(n, v));
    }
    return out;
  }

  /** The value (or failure) of {@code n} as of this computation's revision, evaluating it first if needed. */
  private Object valueFor(AbstractNode<?> n, long deadline) throws TimeoutException {
    long r = revision();
    if (n instanceof SourceNode<?>) {
      Object v = n.valueAt(r);
      if (n.newerThan(r)) {
        throw overtaken();
      }
      return v;
    }
    if (n.failedIn(session()) && n.value instanceof Failure f) {
      return f; // failed earlier in this same get(): report, do not run again
    }
    int u = n.usableAt(r);
    if (u == AbstractNode.NOT_CURRENT) {
      return Evaluation.ensure(n, this, deadline);
    }
    Object v = n.value;
    if (u == AbstractNode.NEWER || n.newerThan(r)) {
      throw overtaken();
    }
    if (AbstractNode.valuesBounded && LruPolicy.evictedElseTouch(n, v)) {
      return Evaluation.ensure(n, this, deadline); // evicted since it was found current
    }
    return v;
  }

  @SuppressWarnings("unchecked")
  private <T> T unwrap(AbstractNode<T> n, Object v) {
    if (v instanceof Failure) {
      try {
        n.valueOrThrow(v);
      } catch (EvaluationException x) {
        throw readFailed(x);
      }
    }
    return (T) v;
  }

  Overtaken overtaken() {
    overtaken = true;
    evaluation.session.overtaken = true;
    return Overtaken.INSTANCE;
  }

  private EvaluationException readFailed(EvaluationException failed) {
    if (reads == null) {
      reads = new ReadLog(); // only a guard: a read failure follows its read's record()
    }
    if (reads.readFailures == null) {
      reads.readFailures = new ArrayList<>(2);
    }
    reads.readFailures.add(failed);
    return failed;
  }

  boolean isReadFailure(Throwable x) {
    if (reads != null && reads.readFailures != null) {
      for (EvaluationException f : reads.readFailures) {
        if (f == x) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Records a read of {@code n} (once per run) and, unless the last run read it too, records this node as its
   * dependent (see {@link AbstractNode#addDependent}: after that, a change reaching n marks this node dirty).
   */
  private void record(AbstractNode<?> n) {
    if (reads == null) {
      reads = new ReadLog();
    }
    ReadLog reads = this.reads;
    Set<AbstractNode<?>> readSet = reads.readSet;
    if (readSet != null) {
      if (!readSet.add(n)) {
        return;
      }
    } else {
      for (int i = 0, size = reads.size(); i < size; i++) {
        if (reads.get(i) == n) {
          return;
        }
      }
      if (reads.size() >= 16) {
        readSet = Collections.newSetFromMap(new IdentityHashMap<>());
        readSet.addAll(reads);
        readSet.add(n);
        reads.readSet = readSet;
      }
    }
    reads.add(n);
    if (!readBefore(n)) {
      n.addDependent(node, revision());
    }
  }

  private boolean readBefore(AbstractNode<?> n) {
    AbstractNode<?>[] previous = node.reads();
    if (previous == null) {
      return false;
    }
    if (previous.length <= 16) {
      for (AbstractNode<?> p : previous) {
        if (p == n) {
          return true;
        }
      }
      return false;
    }
    ReadLog log = reads; // made by record(), which calls this
    if (log.previousSet == null) {
      log.previousSet = Collections.newSetFromMap(new IdentityHashMap<>());
      Collections.addAll(log.previousSet, previous);
    }
    return log.previousSet.contains(n);
  }

  /**
   * The recorded reads, in order, or null if the function read nothing; if {@code forgetDropped}, forgets this node
   * as a dependent of the nodes the last run read and this one did not. A failed run keeps them: it may have
   * stopped before reads it will make again, and a change of those must still reach (and mark) whatever depends on
   * this node, observers included.
   */
  AbstractNode<?>[] readsArray(boolean forgetDropped) {
    AbstractNode<?>[] now = reads == null || reads.isEmpty() ? null : reads.toArray(new AbstractNode<?>[0]);
    AbstractNode<?>[] previous = node.reads();
    if (previous != null && forgetDropped) {
      Set<AbstractNode<?>> kept = reads == null ? null : reads.readSet;
      for (AbstractNode<?> p : previous) {
        boolean still;
        if (kept != null) {
          still = kept.contains(p);
        } else {
          still = false;
          if (reads != null) {
            for (AbstractNode<?> x : reads) {
              if (x == p) {
                still = true;
                break;
              }
            }
          }
        }
        if (!still && !isArgument(p)) {
          p.removeDependent(node);
        }
      }
    }
    return now;
  }

  private boolean isArgument(AbstractNode<?> p) {
    for (Object a : node.arguments()) {
      if (a == p) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return "Computation[" + node.name() + "]";
  }
}
