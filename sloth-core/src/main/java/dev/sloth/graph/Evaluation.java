package dev.sloth.graph;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

/**
 * One request to bring some nodes up to date at one revision: a plan and its scheduler.
 *
 * <p><b>Plan.</b> Starting from the requested nodes, an explicit-stack walk (no recursion, so a chain of a million
 * nodes needs no deep stack) collects every node reachable through static arguments that is not current at the
 * session's revision, as an {@link Entry} that counts its not-yet-resolved arguments. A node that is current, or
 * not dirty since it was last verified, is not entered: after a change, a {@code get()} touches only what the change
 * reached. Dynamic dependencies are not planned: they are re-verified one by one, in read order, when their node's
 * turn comes (see {@link CallNode#step}).
 *
 * <p><b>Schedule.</b> Entries whose count is zero are ready. Running an entry ({@link CallNode#step}) claims its
 * node, decides whether it must run, runs it, and resolves the entry, which decrements its dependents; of those that
 * become ready, the thread continues with one itself and hands the others out. In a parallel graph they go to the
 * graph's executor; in a sequential one to an inbox that one thread (the drainer) drains. An entry whose node is
 * claimed by another evaluation waits for that claim without blocking a thread, then runs again. When an entry
 * fails, its dependents resolve as failed without running, while independent entries go on.
 *
 * <p><b>Who runs what.</b> A plain {@code get()} runs the first ready entries on the calling thread (no hand-off for
 * a chain). A {@code get(timeout)} never does: its work runs on the pool (or, in a sequential graph, on a virtual
 * thread that drains for it), so that the caller can return when the time is up whatever a function does. A caller
 * that stops waiting (timeout, interrupt, a cancelled {@code getAsync}) {@linkplain #cancelled cancels} its
 * evaluation: entries not started are dropped, functions already running finish and are cached, and other
 * evaluations that need the same nodes claim and run them themselves.
 */
final class Evaluation {
  final Graph graph;
  final Session session;
  final long revision;
  /** The computation whose read started this (nested) evaluation; null for a top-level one. */
  final Computation reader;
  final boolean parallel;
  /**
   * How many nested evaluations (reads inside functions) run below this one on the same stack. Past {@link
   * #HOP_DEPTH} a nested read continues on a new virtual thread (a fresh stack, kept on the heap while it waits), so
   * a chain of dynamic reads has no depth limit: each hop costs one virtual thread per {@code HOP_DEPTH} levels.
   */
  final int depth;
  static final int HOP_DEPTH = 48;
  private final AbstractNode<?>[] roots;
  private Entry[] rootEntries;
  private Object[] rootResults;
  /**
   * The requested nodes' entries not resolved yet. Only roots count: an entry is run only once all its arguments are
   * resolved, and every entry is an argument of a root or of an entry that is, so the roots resolve last; counting
   * every entry cost a shared atomic per node.
   */
  private final AtomicInteger unresolved = new AtomicInteger();
  private final CompletableFuture<Void> done = new CompletableFuture<>();
  private final ConcurrentLinkedQueue<NodeFailure> failures = new ConcurrentLinkedQueue<>();
  /** Sequential graphs: entries handed over by other threads (completions of their claims, futures). */
  private final LinkedBlockingQueue<Entry> inbox;
  /** Sequential graphs: ready entries found by the drainer itself; no locking needed. */
  private final ArrayDeque<Entry> local;
  /**
   * Sequential graphs: the plan's ready entries, which the drainer runs first, in order, before {@link #local}'s
   * (the order {@code local} would give them, without copying a fresh fan-in's 20,000 leaves into it); null once
   * done. The drainer's own, like {@link #initialNext}.
   */
  private List<Entry> initial;
  private int initialNext;
  /** Sequential graphs: the one thread that runs entries. */
  private volatile Thread drainer;
  /** The thread that started this evaluation. */
  final Thread requester = Thread.currentThread();
  /** Set when nobody waits for this evaluation any more: entries not started are dropped. */
  volatile boolean cancelled;
  /**
   * Set when an Error (the stack limit) cut short the engine's own bookkeeping for this evaluation after an entry
   * was resolved but before its dependents heard of it (or before a hand-off arrived): work may be lost, so nothing
   * may wait for it. The threads that wait for this evaluation ({@link #drain}, {@link #awaitDone}) check it and end
   * the evaluation with an error instead of waiting forever; claims are released as after any other Error. Set by a
   * field write in a handler, which cannot overflow where a call can.
   */
  volatile Throwable brokenBy;
  /**
   * The claim this evaluation's own thread (the requester, or a sequential graph's drainer) holds now, while it
   * works on that node inline; only that thread's claims form a stack that outer frames may have to release.
   * Written and acted on by that thread only; another thread reading it ({@link #abandonHeld}) sees either null or
   * a computation it does not own, and does nothing: so it is not volatile (two fewer fences per node).
   */
  Computation innerClaim;
  /**
   * The frame of this evaluation's own thread while that thread counts itself as running its graph's functions
   * ({@link #countInline}), else null; {@link #countedBefore} is what the frame counted before. Used by that thread
   * only.
   */
  private Computation.Frame countedIn;
  private Graph countedBefore;
  /**
   * Sequential graphs: the decrements the drainer owes ({@link Debt}), made on its first batched decrement; null
   * before. A run of resolutions on the drainer that each count one argument of the same dependent (a fan-in's
   * leaves, one after the other) then costs one atomic operation instead of one each. The drainer's own.
   */
  private Debt drainerDebt;
  /**
   * Whether the plan runs the fresh leaves of constants it finds on the spot (see {@link #plan}), instead of
   * putting them on the ready list for the drainer to run once the plan is done. Set for a sequential evaluation
   * whose caller is its drainer (a plain {@code get()}) while no listener is registered (a listener is told that the
   * evaluation started, with the size of its plan, before any of its nodes). Why this is the same evaluation, done
   * sooner: see {@link #plan}.
   */
  private boolean eager;
  /**
   * The entry the plan is running now ({@link #eager}), else null: its step runs the function on this thread
   * without reading the node's executor or the graph's runner again (see {@link #plan}). This thread's own.
   */
  Entry eagerStep;
  /**
   * Whether the plan hands out its fresh leaves in batches of {@link #RELEASE_BATCH} as it goes, so that the pool
   * runs them while the rest of the plan is still made (see {@link #plan}). Set for a parallel evaluation while no
   * listener is registered (a listener is told the size of the plan before any of its nodes runs).
   */
  private boolean releasing;
  /**
   * How many fresh leaves the plan collects before it hands them out ({@link #releasing}): enough that the cost of a
   * hand-out (waking a pool thread) is small beside the batch's, few enough that the pool starts early. Measured on
   * the 20,000-leaf fan-in (2 cores): 256 to 4,096 within noise of each other, growing batches no better.
   */
  static final int RELEASE_BATCH = 1024;
  /** The batch size in use: {@link #RELEASE_BATCH}; tests lower it, so that small generated graphs release too. */
  static int releaseBatch = RELEASE_BATCH;
  /**
   * Added to an entry's pending count while a releasing plan is going on: no count that holds it reaches zero, so
   * only the entries handed out resolve before the plan ends (see {@link #plan}). Larger than any count.
   */
  static final int GUARD = 1 << 30;
  /** Put in a sequential evaluation's inbox when it completes, so that a drainer blocked on the inbox wakes up. */
  private static final Entry WAKE = new Entry(null, null, null);
  private static final Object PENDING = new Object();
  private static final Object[] NO_ARGUMENTS = {};

  private Evaluation(Session session, Computation reader, AbstractNode<?>[] roots) {
    this(session, reader, roots, reader == null ? 0 : reader.evaluation.depth + 1);
  }

  private Evaluation(Session session, Computation reader, AbstractNode<?>[] roots, int depth) {
    this.depth = depth;
    this.graph = roots[0].graph();
    this.session = session;
    this.revision = session.revision;
    this.reader = reader;
    this.roots = roots;
    // A nested evaluation (a read inside a running function) blocks a thread of the pool while it waits. A
    // ForkJoinPool compensates for that (managedBlock); any other executor might run out of threads, every one of
    // them waiting for work queued behind it. So with another executor, a nested evaluation runs its plan on one
    // thread.
    this.parallel = graph.isParallel() && (reader == null || graph.executor() instanceof ForkJoinPool);
    this.inbox = parallel ? null : new LinkedBlockingQueue<>();
    this.local = parallel ? null : new ArrayDeque<>();
  }

  // ------------------------------------------------------------------------------------------ entry points

  /** The deadline (a nanoTime, never 0) for a timeout, or 0 for one too long to matter ({@code FOREVER}). */
  static long deadline(Duration timeout) {
    java.util.Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, was " + timeout);
    }
    if (timeout.compareTo(Duration.ofDays(365L * 100)) > 0) {
      return 0L; // no JVM lives that long: wait without a deadline
    }
    return System.nanoTime() + timeout.toNanos() | 1L;
  }

  /** A top-level {@code get()}: brings {@code node} up to date and returns its value. */
  static <T> T evaluate(AbstractNode<T> node, long deadline) {
    try {
      return evaluateWithin(node, deadline);
    } catch (TimeoutException impossible) {
      throw new AssertionError(impossible);
    }
  }

  /** A top-level {@code get(timeout)}: gives up at {@code deadline} (a nanoTime; 0 for none). */
  static <T> T evaluateWithin(AbstractNode<T> node, long deadline) throws TimeoutException {
    checkTopLevelRead(node);
    return node.valueOrThrow(evaluateRoots(new AbstractNode<?>[] {node}, deadline)[0]);
  }

  /** {@link Node#getAll} outside functions: all values as of one revision. */
  static List<Object> evaluateAll(List<AbstractNode<?>> nodes) {
    if (nodes.isEmpty()) {
      return List.of();
    }
    for (AbstractNode<?> n : nodes) {
      checkTopLevelRead(n);
    }
    Object[] results;
    try {
      results = evaluateRoots(nodes.toArray(new AbstractNode<?>[0]), 0L);
    } catch (TimeoutException impossible) {
      throw new AssertionError(impossible);
    }
    List<Object> out = new ArrayList<>(results.length);
    for (int i = 0; i < results.length; i++) {
      out.add(nodes.get(i).valueOrThrow(results[i]));
    }
    return out;
  }

  private static Object[] evaluateRoots(AbstractNode<?>[] roots, long deadline) throws TimeoutException {
    for (;;) {
      Session s = Session.open();
      try {
        // Nodes of one graph, the usual case, need no grouping (nor its lambda, on every top-level get).
        Object[] results = oneGraph(roots) ? evaluateIn(s, roots, deadline)
            : byGraph(roots, group -> evaluateIn(s, group, deadline));
        if (!s.overtaken) {
          return results;
        }
      } finally {
        s.close();
      }
    }
  }

  /** A top-level evaluation of {@code group}, nodes of one graph, in session {@code s}. */
  private static Object[] evaluateIn(Session s, AbstractNode<?>[] group, long deadline) throws TimeoutException {
    group[0].graph().lastSession(s);
    return new Evaluation(s, null, group).runCounted(deadline);
  }

  /** Whether all of {@code roots} are nodes of one graph. */
  private static boolean oneGraph(AbstractNode<?>[] roots) {
    Graph first = roots[0].graph();
    for (int i = 1; i < roots.length; i++) {
      if (roots[i].graph() != first) {
        return false;
      }
    }
    return true;
  }

  /** One evaluation of {@code group}, nodes of one graph; its results, or null if the session was overtaken. */
  private interface GroupRun {
    Object[] run(AbstractNode<?>[] group) throws TimeoutException;
  }

  /**
   * Runs {@code run} on {@code roots} (which {@link Node#getAll} may take from several graphs), one graph at a time,
   * and returns their results in the order of {@code roots}. An evaluation belongs to its first root's graph: it
   * runs its entries where that graph runs nodes (its pool, or the caller's thread for a sequential graph) and tells
   * that graph's listeners and statistics. So a node of another graph in the same evaluation ran on the wrong
   * threads (a sequential graph's node on a parallel graph's pool) and was reported to the wrong graph. Roots of one
   * graph, the usual case, are one evaluation as before (the callers check {@link #oneGraph} first and run it
   * directly). Several graphs: one evaluation each, one after the other,
   * all in the caller's session, so still all as of one revision. A group that fails does not stop the others (as
   * independent entries of one evaluation go on): every failure is named, in one EvaluationException. Null if a
   * group's session was overtaken (the caller starts again).
   */
  private static Object[] byGraph(AbstractNode<?>[] roots, GroupRun run) throws TimeoutException {
    java.util.Map<Graph, List<Integer>> groups = new java.util.LinkedHashMap<>();
    for (int i = 0; i < roots.length; i++) {
      groups.computeIfAbsent(roots[i].graph(), g -> new ArrayList<>()).add(i);
    }
    Object[] out = new Object[roots.length];
    List<NodeFailure> failed = new ArrayList<>();
    for (List<Integer> at : groups.values()) {
      AbstractNode<?>[] group = new AbstractNode<?>[at.size()];
      for (int k = 0; k < group.length; k++) {
        group[k] = roots[at.get(k)];
      }
      Object[] results;
      try {
        results = run.run(group);
      } catch (EvaluationException x) {
        failed.addAll(x.failures());
        continue;
      }
      if (results == null) {
        return null;
      }
      for (int k = 0; k < group.length; k++) {
        out[at.get(k)] = results[k];
      }
    }
    if (!failed.isEmpty()) {
      throw new EvaluationException(roots[0].name(), failed);
    }
    return out;
  }

  /**
   * Refuses a read that looks like one made for a running function on another thread, which the engine cannot
   * record: a read on a worker of the common ForkJoinPool (where parallel streams and {@code supplyAsync} run)
   * while a function of the node's graph is running.
   */
  static void checkTopLevelRead(AbstractNode<?> node) {
    if (Thread.currentThread() instanceof ForkJoinWorkerThread w && w.getPool() == ForkJoinPool.commonPool()
        && node.graph().isRunningFunctions()) {
      throw new IllegalStateException("'" + node.name() + "' was read on " + w.getName() + " of the common "
          + "ForkJoinPool while a function of its graph is running: a read made for a function on another thread "
          + "(a parallel stream, supplyAsync) cannot be recorded as its dependency, and the function would not be "
          + "recomputed when the node changes. Inside a function, read many nodes in parallel with "
          + "Node.getAll(nodes), or read them on the function's own thread");
    }
  }

  static <T> CompletableFuture<T> evaluateAsync(AbstractNode<T> node) {
    checkTopLevelRead(node);
    long v = node.verifiedAt;
    if (v >= Revisions.published() || (v >= 0 && node.dirtyAt <= v)) {
      Object x = node.value;
      if (!AbstractNode.valuesBounded || !LruPolicy.evictedElseTouch(node, x)) {
        try {
          return CompletableFuture.completedFuture(node.valueOrThrow(x));
        } catch (RuntimeException e) {
          return CompletableFuture.failedFuture(e);
        }
      }
    }
    AsyncResult<T> result = new AsyncResult<>(node);
    result.start();
    return result;
  }

  /** The future {@code getAsync()} returns: cancelling it cancels the evaluation behind it. */
  static final class AsyncResult<T> extends CompletableFuture<T> {
    private final AbstractNode<T> node;
    private volatile Evaluation current;

    AsyncResult(AbstractNode<T> node) {
      this.node = node;
    }

    void start() {
      Session s = Session.open();
      node.graph().lastSession(s);
      Evaluation ev = new Evaluation(s, null, new AbstractNode<?>[] {node});
      current = ev;
      if (isCancelled()) {
        // A cancel that read the previous evaluation from current (a restart, see finished) missed this one.
        // current is volatile and the cancel's state change is a volatile CAS: a cancel after the write above sees
        // this evaluation and ends it itself, one before it is seen here (both may: the end is idempotent).
        end(ev);
        return;
      }
      List<Entry> ready = ev.plan();
      if (ev.parallel) {
        ev.dispatchAll(ready);
      } else {
        Pools.virtual(new Drain(ev, ready));
      }
      ev.done.whenComplete(new Finished<>(this, ev, s));
    }

    void finished(Evaluation ev, Session s) {
      s.close();
      if (isDone()) {
        return;
      }
      if (s.overtaken) {
        start();
        return;
      }
      try {
        // What run() does for get(): a failure of the evaluation is the future's, not a value (a failed root leaves
        // its result unset, which reads as null).
        ev.throwIfBroken();
        if (ev.cancelled) {
          throw new CancellationException("the evaluation of '" + node.name() + "' was cancelled");
        }
        if (!ev.failures.isEmpty()) {
          throw new EvaluationException(node.name(), List.copyOf(ev.failures));
        }
        complete(node.valueOrThrow(ev.results()[0]));
      } catch (Throwable t) {
        completeExceptionally(t);
      }
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
      boolean cancelled = super.cancel(mayInterruptIfRunning);
      Evaluation ev = current;
      if (cancelled && ev != null) {
        end(ev);
      }
      return cancelled;
    }

    /**
     * Nobody waits for {@code ev} any more: its entries not started are dropped, and its session is closed now, as a
     * timed get() that gave up closes its own, not when the evaluation ends: that may be never (it waits for a
     * future that never completes), and an open session pins its revision, so that every source would keep every
     * version set from then on. Functions of it still running that read a source find their revision gone and are
     * discarded (overtaken), as after a timeout. Closing twice (here, then in finished) is harmless.
     */
    private static void end(Evaluation ev) {
      ev.cancelled = true;
      ev.session.close();
    }
  }

  private record Finished<T>(AsyncResult<T> result, Evaluation ev, Session s) implements BiConsumer<Void, Throwable> {
    @Override
    public void accept(Void ignored, Throwable alsoIgnored) {
      result.finished(ev, s);
    }
  }

  /** A sequential evaluation drained on a thread of its own (for {@code getAsync} and timed gets). */
  private record Drain(Evaluation ev, List<Entry> ready) implements Runnable {
    @Override
    public void run() {
      try {
        ev.drainer = Thread.currentThread();
        ev.initial = ready;
        ev.drain();
      } catch (Throwable t) {
        ev.cancelled = true;
        ev.abandonHeld();
        ev.done.complete(null);
      }
    }
  }

  /**
   * Brings {@code node} up to date for a read by the running computation {@code reader} and returns its value (or
   * failure) as of the reader's revision, blocking until then (or until {@code deadline}). Checks for a cycle first.
   */
  static Object ensure(AbstractNode<?> node, Computation reader, long deadline) throws TimeoutException {
    return ensureRoots(new AbstractNode<?>[] {node}, reader, deadline)[0];
  }

  /** Brings {@code nodes} up to date for a read by {@code reader}, in one evaluation (in parallel). */
  static void ensureAll(List<AbstractNode<?>> nodes, Computation reader) {
    try {
      ensureRoots(nodes.toArray(new AbstractNode<?>[0]), reader, 0L);
    } catch (TimeoutException impossible) {
      throw new AssertionError(impossible);
    }
  }

  private static Object[] ensureRoots(AbstractNode<?>[] nodes, Computation reader, long deadline)
      throws TimeoutException {
    WaitGraph.block(reader, nodes);
    try {
      Object[] results = oneGraph(nodes) ? ensureIn(reader, nodes, deadline)
          : byGraph(nodes, group -> ensureIn(reader, group, deadline));
      if (reader.session().overtaken) {
        throw reader.overtaken();
      }
      return results;
    } finally {
      WaitGraph.unblock(reader);
    }
  }

  /** A nested evaluation of {@code group}, nodes of one graph, for {@code reader}: here, or on a fresh stack. */
  private static Object[] ensureIn(Computation reader, AbstractNode<?>[] group, long deadline)
      throws TimeoutException {
    if (reader.evaluation.depth >= HOP_DEPTH) {
      return onFreshStack(group, reader, deadline);
    }
    Evaluation ev = new Evaluation(reader.session(), reader, group);
    reader.nested = ev;
    Object[] r = ev.runCounted(deadline);
    reader.nested = null;
    return r;
  }

  /**
   * Runs a nested evaluation on a new virtual thread, at depth 0 there, and waits for it: the reader's stack stops
   * growing. Its outcome (values, failure, timeout, cancellation) is the reader's, as if it had run here.
   */
  private static Object[] onFreshStack(AbstractNode<?>[] nodes, Computation reader, long deadline)
      throws TimeoutException {
    Hop hop = new Hop(nodes, reader, deadline);
    try {
      Pools.virtual(hop);
      return hop.get();
    } catch (InterruptedException e) {
      hop.cancel();
      Thread.currentThread().interrupt();
      throw new CancellationException("a read inside '" + reader.node.name() + "' was interrupted");
    } catch (ExecutionException e) {
      Throwable t = e.getCause();
      if (t instanceof TimeoutException x) {
        throw x;
      }
      if (t instanceof RuntimeException x) {
        throw x;
      }
      if (t instanceof Error x) {
        throw x;
      }
      throw new IllegalStateException(t);
    } catch (Throwable t) {
      hop.cancel(); // this thread cannot wait for it (an Error): nobody needs its work
      throw t;
    }
  }

  /** A nested evaluation started on its own virtual thread. */
  private static final class Hop extends CompletableFuture<Object[]> implements Runnable {
    private final AbstractNode<?>[] nodes;
    private final Computation reader;
    private final long deadline;
    volatile Evaluation evaluation;
    volatile boolean stop;

    void cancel() {
      stop = true;
      Evaluation ev = evaluation;
      if (ev != null) {
        ev.cancelled = true;
      }
    }

    Hop(AbstractNode<?>[] nodes, Computation reader, long deadline) {
      this.nodes = nodes;
      this.reader = reader;
      this.deadline = deadline;
    }

    @Override
    public void run() {
      try {
        Evaluation ev = new Evaluation(reader.session(), reader, nodes, 0);
        evaluation = ev;
        ev.cancelled = stop;
        complete(ev.runCounted(deadline));
      } catch (Throwable t) {
        completeExceptionally(t);
      }
    }
  }

  // ------------------------------------------------------------------------------------------------ plan

  /** The value of {@code n} if it is settled at this revision, else {@link #PENDING}. */
  private Object settledValue(AbstractNode<?> n) {
    if (n instanceof SourceNode<?>) {
      Object v = n.valueAt(revision);
      if (n.newerThan(revision)) {
        session.overtaken = true;
      }
      return v;
    }
    if (n.failedIn(session) && n.value instanceof Failure f) {
      return f;
    }
    int u = n.usableAt(revision);
    if (u == AbstractNode.NOT_CURRENT) {
      return PENDING;
    }
    Object v = n.value;
    if (AbstractNode.valuesBounded && LruPolicy.evictedElseTouch(n, v)) {
      return PENDING; // evicted since it was found current: planned, so restored
    }
    if (u == AbstractNode.NEWER || n.newerThan(revision)) {
      session.overtaken = true;
    }
    return v;
  }

  /**
   * Builds the plan; returns the entries that are ready now.
   *
   * <p><b>Leaves run by the plan ({@link #eager}).</b> A fresh leaf of constants is run the moment its entry is
   * made, while the node and the entry are in the cache, instead of being put on the ready list and loaded again
   * after the rest of the plan (a fan-in's 20,000 entries) has pushed them out; the order of runs is the ready
   * list's. The rest of the plan stays correct because: the leaf has no dependents yet when it resolves, so a
   * resolved one is taken like a current node (its dependent reads its value), and a failed or dropped one marks
   * each dependent that reaches it failed, as its resolution would have ({@link Entry#notOk}; it was reported
   * once, when it failed); only functions that run where they are stepped are run so (not asynchronous ones, not a
   * node with an executor of its own, not while a {@link FunctionRunner} is set; the step then does not read the
   * executor or the runner again, see {@link #eagerStep}: they were null an instant before, and a setting racing
   * with that read is ordered after it), so a leaf not resolved when its step returns can only wait for another
   * evaluation's claim, whose wake-up is put in this drainer's queues, which it reads only after the plan: no step
   * of this evaluation runs on another thread while the plan counts pending arguments with plain writes. A leaf's
   * run is under {@link #run}'s handler, with this thread as drainer and counted inline, as the drainer's are.
   *
   * <p><b>Leaves handed out while the plan goes on ({@link #releasing}).</b> A parallel plan puts its fresh leaves of
   * constants in batches of {@link #releaseBatch} and hands each full batch to the pool at once, so that a wide plan's
   * leaves run while the rest of it is still made, instead of after (a 20,000-leaf fan-in: 5 to 10 % less per node
   * on 2 cores). Two rules keep the plan exact though entries now resolve while it counts:
   * <ul>
   *   <li><b>No dependent resolves before the plan is done.</b> From the first hand-out on, every entry with
   *       arguments to wait for has {@link #GUARD} added to its pending count (those planned before by {@link
   *       #guardPlanned}, the one being visited before the hand-out, later ones when their visit ends), so that no
   *       decrement brings it to zero; the plan takes each guard off with one atomic add at its end, and an entry
   *       whose arguments all resolved meanwhile is ready then. The entry being visited keeps counting in a local
   *       variable and adds it to the count atomically, since its arguments may already have decremented it. So the
   *       only entries that resolve during the plan are the leaves handed out, which have no arguments.</li>
   *   <li><b>A leaf handed out takes no more dependents</b> ({@link Entry#RELEASED}): its resolution may be reading
   *       its dependents list on another thread. A dependent that reaches it later takes it as current if it
   *       resolved already, else makes a second entry for the node, as after a {@linkplain Planned missed look-up}:
   *       the node's claim makes one of the two run it and the other find it current (or failed), and a failure met
   *       through both is reported once ({@link #firstReportOf}). Past the first {@link Planned#HINTED} entries the
   *       look-up may find the first entry again, so a leaf found out by several dependents may get several second
   *       entries: still exact, at the cost of an entry and a wait each.</li>
   * </ul>
   * A listener switches it off (it is told the size of the whole plan before any node runs), and so does a plan too
   * small to fill a batch: such a plan runs as before. A plan that fails (an {@code Error}) cancels what it handed
   * out, under {@link #run}'s handler.
   */
  private List<Entry> plan() {
    // A root that never ran is usually a fresh graph's: its arguments will most likely be planned too, so the
    // plan's tables are sized for them at once rather than grown (and copied) a dozen times for a wide fan-in. A
    // root that ran before (an update) gets the small default, so an update's cost stays what it reaches.
    int expected = 0;
    for (AbstractNode<?> n : roots) {
      if (n.value == AbstractNode.UNSET) {
        expected += n.arguments().length + 1;
      }
    }
    expected = Math.min(expected, 1 << 20);
    Planned entries = new Planned(expected);
    ArrayDeque<Entry> todo = new ArrayDeque<>(Math.max(16, expected));
    List<Entry> ready = new ArrayList<>(Math.max(10, expected));
    rootEntries = new Entry[roots.length];
    rootResults = new Object[roots.length];
    int rootCount = 0;
    for (int i = 0; i < roots.length; i++) {
      AbstractNode<?> n = roots[i];
      Object settled = settledValue(n);
      if (settled != PENDING) {
        rootResults[i] = settled;
        continue;
      }
      Entry e = entries.get((CallNode<?>) n);
      if (e == null) {
        e = new Entry.Collecting(this, (CallNode<?>) n, null);
        entries.add(e);
        todo.push(e);
      }
      if ((e.planFlags & Entry.ROOT) == 0) {
        e.planFlags |= Entry.ROOT;
        rootCount++;
      }
      rootEntries[i] = e;
    }
    unresolved.set(rootCount); // before any entry runs: the plan may hand some out (releasing)
    Entry[] batch = null; // releasing: the leaves made since the last hand-out
    int batchSize = 0;
    List<Entry> guarded = null; // releasing, once something was handed out: the entries whose count holds GUARD
    while (!todo.isEmpty()) {
      Entry e = todo.pop();
      int pending = 0;
      boolean guardSet = false; // some of e's arguments were handed out while e is visited: its count holds GUARD
      CallNode<?> en = e.call();
      Object[] eargs = en.hasNodeArguments() ? en.arguments() : NO_ARGUMENTS;
      // A wide node that never ran: its arguments' values are gathered as each is resolved, while it is in the cache
      // (here, for those this plan finds current or runs itself; the others' resolutions do it): Collecting#gathered.
      Entry.Collecting collecting = e instanceof Entry.Collecting k && Entry.collects(en) ? k : null;
      if (collecting != null) {
        collecting.gathered = eargs.clone(); // before any argument's entry exists: published with them (plain write)
      }
      for (int i = 0; i < eargs.length; i++) {
        Object a = eargs[i];
        if (a instanceof CallNode<?> d) {
          int u = d.usableAt(revision);
          if (u != AbstractNode.NOT_CURRENT || d.failedIn(session)) {
            if ((eager || releasing) && d.failedIn(session)) {
              Entry de = entries.get(d);
              if (de != null && de.resolved && de.notOk) {
                e.upstreamFailed = true; // it failed when this plan ran or handed it out, and was reported: not again
              }
            } else if (collecting != null && u == AbstractNode.CURRENT) {
              collecting.gather(d, i, revision);
            }
            continue; // current (or newer, or failed in this session): the step finds out which
          }
          if (AbstractNode.valuesBounded && LruPolicy.evictedButCurrent(d, revision)) {
            continue; // current but evicted: the dependent fetches the value only if it runs
          }
          Entry de = entries.get(d);
          if (de != null && de.lastDependent() == e) {
            continue; // the same node passed twice as an argument counts once
          }
          if (de != null && (de.planFlags & Entry.RELEASED) != 0 && !de.resolved) {
            de = null; // handed out, and perhaps resolving now: a second entry for d (as after a miss, see Planned)
          }
          if (de == null) {
            de = Entry.collects(d) ? new Entry.Collecting(this, d, e) : new Entry(this, d, e);
            de.argumentIndex = i;
            entries.add(de);
            if (d.hasNodeArguments()) {
              todo.push(de);
            } else if (eager && !d.fn.async && d.executor() == null && graph.functionRunner() == null) {
              eagerStep = de;
              step(de); // a leaf of constants, run now, while it is in the cache (see eager); it has no dependents yet
              eagerStep = null;
              if (de.resolved) {
                if (de.notOk) {
                  e.upstreamFailed = true; // what its resolution would have told e
                } else if (collecting != null) {
                  collecting.gather(d, i, revision);
                }
                continue; // resolved: e finds its value (or is failed) as for a node that was current
              } // else it waits for another evaluation's claim: counted below, like any entry not resolved yet
            } else if (releasing) {
              de.addDependent(e); // before it can be handed out
              pending++;
              if (batch == null) {
                batch = new Entry[releaseBatch];
              }
              batch[batchSize++] = de;
              if (batchSize == batch.length) {
                if (guarded == null) {
                  guarded = guardPlanned(entries);
                }
                if (!guardSet) {
                  Entry.PENDING.set(e, GUARD); // published by the hand-out, before any decrement of e
                  guardSet = true;
                }
                release(batch);
                batch = null;
                batchSize = 0;
              }
              continue;
            } else {
              ready.add(de); // a leaf of constants: nothing to plan below it, ready now (pending stays 0)
            }
          } else if (de.resolved) { // run eagerly, for a dependent planned before e
            if (de.notOk) {
              e.upstreamFailed = true;
            } else if (collecting != null) {
              collecting.gather(d, i, revision);
            }
            continue;
          }
          de.addDependent(e);
          pending++;
        }
      }
      if (guardSet) {
        // Arguments of e are out, and may have counted already: add what the plan counted to what is left of GUARD.
        Entry.PENDING.getAndAdd(e, pending);
        guarded.add(e);
      } else if (pending == 0) {
        ready.add(e);
      } else if (guarded != null) {
        Entry.PENDING.set(e, GUARD + pending); // none of its arguments is out yet: published by their hand-out
        guarded.add(e);
      } else {
        // A plain write: no entry is run on another thread before the plan is done (those the plan runs itself run
        // here, see plan's comment; those it hands out are released, see there), and every hand-off of an entry to
        // another thread (the executor, a queue, a completion) publishes it; a volatile write here cost a full fence
        // per node.
        Entry.PENDING.set(e, pending);
      }
    }
    for (int i = 0; i < batchSize; i++) {
      ready.add(batch[i]);
    }
    if (guarded != null) {
      for (Entry g : guarded) {
        if ((int) Entry.PENDING.getAndAdd(g, -GUARD) == GUARD) {
          ready.add(g); // every argument it counted resolved during the plan
        }
      }
    }
    if (entries.size == 0) {
      done.complete(null);
    } else {
      graph.events().evaluationStarted(roots[0], entries.size);
    }
    return ready;
  }

  /**
   * The plan's first hand-out ({@link #releasing}): from now on, an entry's count is raised by {@link #GUARD} until
   * the plan ends, so that no entry but those handed out resolves while the plan may still add dependents to it.
   * Raises the counts of the entries planned so far (plain writes, published by the hand-out that follows).
   */
  private static List<Entry> guardPlanned(Planned entries) {
    List<Entry> guarded = new ArrayList<>();
    for (int i = 0; i < entries.size; i++) {
      Entry x = entries.entry(i);
      int p = x.pending;
      if (p > 0) {
        Entry.PENDING.set(x, GUARD + p);
        guarded.add(x);
      }
    }
    return guarded;
  }

  /** Hands out a batch of leaves during the plan ({@link #releasing}), marked so that they take no more dependents. */
  private void release(Entry[] leaves) {
    for (Entry x : leaves) {
      x.planFlags |= Entry.RELEASED;
    }
    dispatchChunk(Arrays.asList(leaves));
  }

  /**
   * The entries of a plan, in the order they were made, found by node through the node's {@linkplain
   * CallNode#planSlot slot hint}: a plan reads each node it enters anyway, and the hint lies beside the fields it
   * reads, so finding an entry (or learning that there is none) costs no hash, no probe into a table the size of the
   * plan (a cache miss per node in a wide plan), and no rehashing as the plan grows (each move loaded the entry's
   * node: a fresh chain's plan, sized for two entries, grew its table ten times). The hint has 16 bits (it fits in
   * the node's alignment padding): entries past the first {@link #HINTED} are found through an open-addressing table
   * hashed on the node's id instead, made when the plan gets that big. Used by the planning thread only.
   *
   * <p><b>Why a racy hint is enough.</b> The hint is a plain field of the node, written by whichever plan entered
   * the node last and read by plans on any thread, with no synchronisation. A {@code char} is read and written whole
   * (JLS 17.6: no word tearing), so a read returns the index some plan wrote; {@link #get} returns the entry at that
   * index of <em>this</em> plan only if that entry's node is {@code n} (identity), and the entries are this thread's
   * own. So a hint written by another plan (an older one, or one planning the same node on another thread at the
   * same moment) can only make the look-up miss, never return a wrong entry. A miss makes a second entry for a node
   * already in the plan: both entries bring the node up to date, and its claim decides that one runs it while the
   * other finds it current, or waits for the first's claim like any other evaluation's (exactly-once execution never
   * rested on the plan's de-duplication). Misses cost only work, and only while two plans enter the same nodes at
   * the same moment; a plan alone de-duplicates exactly (LazinessTest.aLatticeOfDiamondsPlansAndRunsEachNodeOnce).
   */
  private static final class Planned {
    /** How many entries the hints can point at (a hint is the index plus one, 1 to 65,535; 0 is none). */
    static final int HINTED = Character.MAX_VALUE;
    private Entry[] list;
    int size;
    /** Entries past the first {@link #HINTED}, by node id (open addressing, at most half full); null until then. */
    private Entry[] more;
    private int moreSize;

    /** A list that holds {@code expected} entries without growing. */
    Planned(int expected) {
      list = new Entry[Math.max(16, expected)];
    }

    /** The {@code i}th entry made, {@code 0 <= i < size}. */
    Entry entry(int i) {
      return list[i];
    }

    /** The entry of {@code n} in this plan, or null. */
    Entry get(CallNode<?> n) {
      int i = n.planSlot - 1;
      if (i >= 0 && i < size) {
        Entry e = list[i];
        if (e.node == n) {
          return e;
        }
      }
      if (more != null) {
        Entry[] t = more;
        int mask = t.length - 1;
        for (int j = Registry.NodeRef.mix(n.id) & mask; ; j = (j + 1) & mask) {
          Entry e = t[j];
          if (e == null) {
            return null;
          }
          if (e.node == n) {
            return e;
          }
        }
      }
      return null;
    }

    /** Adds the entry of a node for which {@link #get} just returned null, and points the node's hint at it. */
    void add(Entry e) {
      if (size == list.length) {
        list = Arrays.copyOf(list, size * 2);
      }
      list[size++] = e;
      if (size <= HINTED) {
        e.call().planSlot = (char) size;
      } else {
        addMore(e);
      }
    }

    private void addMore(Entry e) {
      if (more == null || 2 * (moreSize + 1) > more.length) {
        Entry[] old = more;
        more = new Entry[old == null ? 1 << 17 : old.length * 2];
        moreSize = 0;
        if (old != null) {
          for (Entry x : old) {
            if (x != null) {
              putMore(x);
            }
          }
        }
      }
      putMore(e);
    }

    private void putMore(Entry e) {
      Entry[] t = more;
      int mask = t.length - 1;
      int j = Registry.NodeRef.mix(e.node.id) & mask;
      while (t[j] != null) {
        j = (j + 1) & mask;
      }
      t[j] = e;
      moreSize++;
    }
  }

  // ------------------------------------------------------------------------------------------------- run

  /**
   * {@link #run}, from one frame further out: if run's own attempt to end its {@linkplain #countInline inline count}
   * was cut short by the stack limit, this frame tries again.
   */
  private Object[] runCounted(long deadline) throws TimeoutException {
    try {
      return run(deadline);
    } catch (Throwable t) {
      uncountInlineOrLeave();
      throw t;
    }
  }

  /**
   * Plans and runs to completion (or until {@code deadline}, a nanoTime, if non-zero); throws on failure. Returns
   * the roots' values or failures, or null if the session was overtaken.
   */
  private Object[] run(long deadline) throws TimeoutException {
    boolean inline = !parallel && deadline == 0L;
    List<Entry> ready = null;
    if (inline) {
      // The caller is the drainer from the start: the plan may run entries (see eager), under the handler below.
      drainer = Thread.currentThread();
      eager = !graph.events().any();
    } else if (!parallel) {
      ready = plan();
    } else {
      releasing = !graph.events().any();
    }
    try {
      if (inline) {
        countInline();
        initial = plan();
        drain(); // even with no entry ready: one the plan ran may wait for another evaluation's claim
        uncountInline();
      } else if (parallel) {
        ready = plan(); // under the handler: a plan that fails cancels what it handed out already
        if (!ready.isEmpty() && deadline == 0L) {
          dispatchAll(ready.subList(1, ready.size()));
          countInline();
          driveOnCaller(ready.get(0));
          uncountInline();
        } else if (!ready.isEmpty()) {
          dispatchAll(ready);
        } // with nothing ready, what the plan handed out (releasing) does the rest, or there was nothing to do
        awaitDone(deadline);
      } else if (!ready.isEmpty()) {
        Pools.virtual(new Drain(this, ready));
        awaitDone(deadline);
      }
    } catch (Throwable t) {
      cancelled = true;
      // The last frame that can give back what this thread still holds, and the stack may be exhausted: so first
      // the claims' fields are cleared by writes only (no call, which could overflow), waking no one: a waiter finds
      // the claim gone when it looks again (recoverLostWakes). The chain stays, so abandonHeld() then walks it again
      // and completes each claim, which wakes its waiters at once, if the stack allows.
      for (Evaluation ev = this; ev != null; ) {
        Computation c = ev.innerClaim;
        if (c == null || c.owner != requester) {
          break;
        }
        if (c.node.inflight == c) {
          c.node.inflight = null;
        }
        ev = c.nested;
      }
      try {
        abandonHeld();
      } catch (Throwable stillAtTheLimit) {
        // the claims are released; waiters not woken see it within a second (recoverLostWakes)
      }
      uncountInlineOrLeave(); // the caller of run tries again, from a frame with more stack
      throw t;
    }
    if (session.overtaken) {
      return null;
    }
    if (cancelled) {
      throw interrupted(); // a function's run was interrupted on this thread (see CallNode#publish)
    }
    if (!failures.isEmpty()) {
      throw new EvaluationException(roots[0].name(), List.copyOf(failures));
    }
    return results();
  }

  /**
   * Counts this thread once in the graph's running functions ({@link Graph#isRunningFunctions}, for the common-pool
   * read check) while it runs this evaluation's entries inline, instead of once per function run (two atomic
   * operations per node); a function that runs here meanwhile sees {@link Computation.Frame#counted} and is not
   * counted again. The window covers every function of the graph run on this thread, and ends before {@code run}
   * returns, so a read after {@code get()} returned is never refused for it; it is wider than the runs themselves
   * by the engine's own work between them, on this thread, while the {@code get()} is still going on. A nested
   * evaluation of the same graph on this thread finds the graph counted and adds nothing.
   */
  private void countInline() {
    Computation.Frame f = Computation.frame();
    if (f.counted == graph) {
      return; // an evaluation further out on this thread counts this graph already
    }
    graph.functionStarted(); // if this throws, nothing was counted
    countedBefore = f.counted;
    f.counted = graph;
    countedIn = f;
  }

  /**
   * Ends {@link #countInline}'s count, if it is still on. The frame is restored by a write first (a call can overflow
   * the stack, a write cannot); if the decrement itself is cut short, {@link #countedIn} stays set and the next call
   * (from a frame further out: {@link #run}'s handler, then its caller) tries again.
   */
  void uncountInline() {
    Computation.Frame f = countedIn;
    if (f != null) {
      f.counted = countedBefore;
      graph.functionFinished();
      countedIn = null;
    }
  }

  /** {@link #uncountInline}, where a failure must not replace the one being thrown. */
  void uncountInlineOrLeave() {
    try {
      uncountInline();
    } catch (Throwable stillAtTheLimit) {
      // the count stays one high until a frame further out ends it (or for good: a common-pool read is refused)
    }
  }

  private Object[] results() {
    Object[] out = rootResults.clone();
    for (int i = 0; i < out.length; i++) {
      if (rootEntries[i] != null) {
        out[i] = ((Entry.Collecting) rootEntries[i]).result;
      }
    }
    return out;
  }

  private void driveOnCaller(Entry e) {
    while (e != null) {
      if (Thread.currentThread().isInterrupted()) {
        cancelled = true;
        throw interrupted();
      }
      e = step(e);
    }
  }

  private void awaitDone(long deadline) throws TimeoutException {
    try {
      if (deadline == 0L) {
        throwIfBroken();
        while (!done.isDone()) {
          try {
            done.get(1, TimeUnit.SECONDS);
          } catch (TimeoutException stillRunning) {
            throwIfBroken(); // a hand-off cut short on another thread wakes no one (see brokenBy)
            recoverLostWakes();
          }
        }
      } else {
        done.get(Math.max(0L, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      cancelled = true;
      throw interrupted();
    } catch (ExecutionException e) {
      throw new AssertionError("evaluations complete normally", e);
    } catch (TimeoutException e) {
      cancelled = true;
      throw timedOut();
    }
  }

  /** Sequential graphs: runs entries on this thread (the drainer) until the evaluation is done. */
  private void drain() {
    while (!done.isDone()) {
      if (Thread.currentThread().isInterrupted()) {
        cancelled = true;
        throw interrupted();
      }
      throwIfBroken();
      Entry e = nextLocal();
      if (e == null && drainerDebt != null && drainerDebt.owes()) {
        drainerDebt.pay(); // before waiting for others: what the drainer owes may be what the evaluation waits for
        continue;
      }
      if (e == null) {
        try {
          // Not take(): a hand-off cut short on another thread sets brokenBy without waking us (see brokenBy).
          e = inbox.poll(1, TimeUnit.SECONDS);
          if (e == null) {
            recoverLostWakes();
          }
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          cancelled = true;
          throw interrupted();
        }
      }
      while (e != null) {
        e = step(e);
      }
    }
  }

  /** The drainer's next ready entry: the plan's first ({@link #initial}), then those it found since; or null. */
  private Entry nextLocal() {
    List<Entry> first = initial;
    if (first != null) {
      if (initialNext < first.size()) {
        return first.get(initialNext++);
      }
      initial = null;
    }
    return local.poll();
  }

  private CancellationException interrupted() {
    return new CancellationException("get() of '" + roots[0].name() + "' was interrupted; functions already "
        + "running finish and are cached, work not started is dropped");
  }

  private TimeoutException timedOut() {
    return new TimeoutException("'" + roots[0].name() + "' was not ready in time; functions already running "
        + "finish and are cached, work not started is dropped");
  }

  /** Runs entries on this thread, continuing with the next ready one, until none is left for it. */
  private void drive(Entry e) {
    while (e != null) {
      e = step(e);
    }
  }

  private Entry step(Entry e) {
    if (e == WAKE) {
      return null;
    }
    if (e.resolved) {
      return null;
    }
    if (cancelled || session.overtaken) {
      return abort(e);
    }
    if (e.upstreamFailed) {
      CallNode<?> n = e.call();
      n.registerIfNew(revision); // it depends on its arguments even if it never ran: changes must reach it
      if (n.newerThan(revision)) {
        // Another session ran it since our revision (a get() at a newer revision, while this one was planned). If
        // that was its first run, that run recorded it as a dependent of its arguments at that revision, and
        // registerIfNew did nothing: the changes between our revision and that one reached neither it nor what
        // depends on it, observers included, so a failure reported at our revision would be the last that a
        // reader recorded here, or an observer's refresh, heard of it. As for any newer value (usableAt's NEWER),
        // the session restarts at a newer revision (rare: the two sessions raced for a node that never ran). The
        // check follows registerIfNew's read of the value: a run publishes validFrom before its value (release
        // stores), so a value seen set comes with its validFrom; a value seen unset means registerIfNew recorded
        // the node at our revision, and addDependent carries on the changes after it.
        return overtaken(e);
      }
      return resolve(e, false);
    }
    if (e.sharedFailure != null) {
      return failed(e, e.sharedFailure);
    }
    try {
      return e.call().step(this, e);
    } catch (Throwable engineBug) {
      try {
        return failed(e, new Failure(engineBug, false));
      } catch (Throwable cutShort) {
        brokenBy = cutShort; // e may never resolve: see brokenBy
        throw cutShort;
      }
    }
  }

  /** Ends a {@linkplain #brokenBy broken} evaluation for the thread waiting for it. */
  private void throwIfBroken() {
    Throwable t = brokenBy;
    if (t != null) {
      throw new IllegalStateException("the evaluation of '" + roots[0].name() + "' was cut short by " + t
          + " in the engine's own bookkeeping (the thread's stack ran out); no value was lost or made wrong, and no "
          + "claim is held: call get() again from a frame with more stack", t);
    }
  }

  void dispatch(Entry e) {
    if (parallel) {
      try {
        graph.executor().execute(new Drive(this, e));
      } catch (Throwable rejected) {
        if (rejected instanceof StackOverflowError cutShort) {
          brokenBy = cutShort; // not the executor's doing: the task may or may not be queued (see brokenBy)
          throw cutShort;
        }
        // Fail it on a thread of its own: resolving it hands out its dependents, which may be rejected too.
        e.sharedFailure = new Failure(new IllegalStateException("node '" + e.node.name() + "' could not be run: "
            + "its graph's executor rejected it (" + rejected + "); was the executor shut down?", rejected), false);
        Pools.virtual(new Drive(this, e));
      }
    } else if (Thread.currentThread() == drainer) {
      local.add(e);
    } else {
      inbox.add(e);
    }
  }

  /** Runs one entry, and whatever it makes ready on this thread, on a thread of the pool. */
  private record Drive(Evaluation ev, Entry e) implements Runnable {
    @Override
    public void run() {
      ev.drive(e);
    }
  }

  /** Runs a chunk of ready entries, one after the other, on a thread of the pool. */
  private record DriveAll(Evaluation ev, List<Entry> chunk) implements Runnable {
    @Override
    public void run() {
      ev.driveChunk(chunk);
    }
  }

  /**
   * Decrements of one dependent's pending count owed by one thread, not yet applied: a run of resolutions on that
   * thread that each count one argument of the same dependent (a fan-in's leaves, one after the other) then costs
   * one atomic operation instead of one each, on a cache line that other threads decrement too. Two threads owe so:
   * a sequential graph's drainer ({@link #drainerDebt}) and a pool thread running a chunk of a wide plan's ready
   * entries ({@link #driveChunk}, through its {@link Computation.Frame#debt}). Used by its thread only.
   *
   * <p><b>Why it is exact.</b> The count is the number of arguments not yet counted plus what the thread owes; other
   * threads (an executor's, an asynchronous completion) keep decrementing it atomically meanwhile. So a count equal
   * to the debt plus this decrement means that every other argument has counted (each counts once), nobody writes
   * the count any more, and the dependent is ready, as in {@link Entry#lastArgumentResolved}; and no other thread
   * can see the count reach zero while the debt is owed, so the one that makes the dependent ready is the owing
   * thread, when it finds it so or when it {@linkplain #pay pays}. The other arguments' {@code upstreamFailed}
   * writes come before their decrements, which the volatile read of the count follows; the owing thread's own are
   * its own, or published to another thread by its payment (an atomic operation).
   *
   * <p><b>When it pays.</b> Before it owes another dependent. The drainer pays before it waits for work from other
   * threads ({@link #drain}), since what it owes may be what the evaluation waits for. A chunk pays before it steps
   * an entry that is not an argument of the dependent owed ({@link #beforeStep}), and when it ends: so a dependent
   * is never held back by a function it does not wait for anyway (an unrelated leaf that runs long, or blocks, with
   * another worker free to run the dependent); while the chunk runs the dependent's own arguments, the dependent is
   * not ready whatever the count says. Nothing can wait on a debt itself: a function's read of a node below the
   * dependent runs an evaluation of its own, which does not use this plan's counts. A payment is a call, which can
   * overflow the stack: the fields are cleared only after the decrement, so a payment cut short leaves the debt for
   * the next attempt (and the evaluation ends with the Error anyway).
   */
  static final class Debt {
    private final Evaluation ev;
    private Entry owedTo;
    private int owed;

    Debt(Evaluation ev) {
      this.ev = ev;
    }

    /** Whether some decrement is owed. */
    boolean owes() {
      return owedTo != null;
    }

    /** {@code d}'s pending count, above 1 when read just before, loses one argument: whether d is ready now. */
    boolean lastArgumentBatched(Entry d) {
      if (d == owedTo) {
        if (d.pending == owed + 1) { // every other argument has counted: nobody writes the count any more
          owedTo = null;
          owed = 0;
          Entry.PENDING.setOpaque(d, 0);
          return true;
        }
        owed++;
        return false;
      }
      pay();
      owedTo = d;
      owed = 1;
      return false;
    }

    /** Applies what is owed; hands out the dependent if that makes it ready. */
    void pay() {
      Entry d = owedTo;
      if (d != null) {
        int n = owed;
        boolean ready = (int) Entry.PENDING.getAndAdd(d, -n) == n;
        owedTo = null;
        owed = 0;
        if (ready) {
          ev.dispatch(d);
        }
      }
    }

    /** A chunk's: pays first unless {@code e} is an argument of the dependent owed (see the class comment). */
    void beforeStep(Entry e) {
      if (owedTo != null && !e.hasDependent(owedTo)) {
        pay();
      }
    }
  }

  /**
   * Runs a chunk of ready entries, and whatever each makes ready, on this pool thread, with their decrements of one
   * dependent batched ({@link Debt}).
   */
  void driveChunk(List<Entry> entries) {
    Computation.Frame f = Computation.frame();
    Debt outer = f.debt; // a chunk run inline by an executor further out on this thread: restored at the end
    Debt c = new Debt(this);
    f.debt = c;
    try {
      for (Entry e : entries) {
        for (Entry next = e; next != null; ) {
          c.beforeStep(next);
          next = step(next);
        }
      }
    } finally {
      f.debt = outer; // a field write first: the payment is a call, which can overflow the stack
      c.pay();
    }
  }

  /**
   * The decrements this thread owes for this evaluation: a sequential graph's drainer's (made on first use), or
   * those of the chunk a pool thread runs; null on any other thread, which decrements atomically.
   */
  private Debt debtHere() {
    if (!parallel) {
      if (Thread.currentThread() != drainer) {
        return null;
      }
      return drainerDebt != null ? drainerDebt : (drainerDebt = new Debt(this));
    }
    Debt c = Computation.frame().debt;
    return c != null && c.ev == this ? c : null;
  }

  /**
   * Hands out many ready entries at once (a wide plan's leaves): in a few chunks, one task each, rather than one
   * task per entry, so that 20,000 cheap leaves cost a handful of submissions. Each chunk's entries run one after the
   * other, and every entry they make ready is handed out as usual, so the chunks keep the pool busy.
   */
  void dispatchAll(List<Entry> entries) {
    int n = entries.size();
    if (!parallel || n <= CHUNK_FROM) {
      for (Entry e : entries) {
        dispatch(e);
      }
      return;
    }
    int chunks = Math.min(n, 4 * Runtime.getRuntime().availableProcessors());
    for (int c = 0; c < chunks; c++) {
      dispatchChunk(entries.subList((int) ((long) n * c / chunks), (int) ((long) n * (c + 1) / chunks)));
    }
  }

  /** Hands out ready entries as one task, which runs them one after the other ({@link #driveChunk}). */
  private void dispatchChunk(List<Entry> chunk) {
    try {
      graph.executor().execute(new DriveAll(this, chunk));
    } catch (Throwable rejected) {
      for (Entry e : chunk) {
        dispatch(e);
      }
    }
  }

  /** Below this many ready entries, each is its own task. */
  private static final int CHUNK_FROM = 64;

  /** Continues on another thread (a virtual thread that ran a blocking function) with the entry it freed. */
  void continueWith(Entry next) {
    if (next != null) {
      dispatch(next);
    }
  }

  /**
   * {@code e}'s node is claimed by another evaluation: run {@code e} again when that claim is released. If that run
   * failed at our revision, {@code e} reports its failure instead of running the function again.
   */
  void awaitOther(Entry e, Computation other) {
    Wake w = new Wake(this, e, other);
    ConcurrentLinkedQueue<Wake> ws = waits;
    if (ws == null) {
      WAITS.compareAndSet(this, null, new ConcurrentLinkedQueue<Wake>());
      ws = waits;
    }
    ws.add(w);
    other.whenComplete(w);
  }

  /**
   * The wake-ups this evaluation waits for (claims of other evaluations); null until the first. A wake-up can be lost:
   * the claim's release runs it on the releasing thread, and if that thread is at its stack limit the overflow strikes
   * inside {@code CompletableFuture}, which swallows it, before the wake-up's code runs; and a claim given back at the
   * stack limit is given back by a field write, which wakes no one ({@link #run}). So the threads that wait for this
   * evaluation look here each time they have waited a second ({@link #recoverLostWakes}).
   */
  private volatile ConcurrentLinkedQueue<Wake> waits;
  private static final VarHandle WAITS;

  static {
    try {
      WAITS = MethodHandles.lookup().findVarHandle(Evaluation.class, "waits", ConcurrentLinkedQueue.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** Fires the wake-ups whose claim was released without them having run (see {@link #waits}); drops fired ones. */
  private void recoverLostWakes() {
    ConcurrentLinkedQueue<Wake> ws = waits;
    if (ws == null) {
      return;
    }
    for (java.util.Iterator<Wake> it = ws.iterator(); it.hasNext(); ) {
      Wake w = it.next();
      if (w.fired != 0) {
        it.remove();
      } else if (w.other.isDone() || w.other.node.inflight != w.other) { // released, by a call or a write
        w.accept(null, null); // lost, or about to run elsewhere: whoever comes first fires it, once
        it.remove();
      }
    }
  }

  /** Runs {@code e} again once {@code other} is released: once, by the releasing thread or by a waiter's recovery. */
  private static final class Wake implements BiConsumer<Void, Throwable> {
    private static final VarHandle FIRED;

    static {
      try {
        FIRED = MethodHandles.lookup().findVarHandle(Wake.class, "fired", int.class);
      } catch (ReflectiveOperationException e) {
        throw new ExceptionInInitializerError(e);
      }
    }

    final Evaluation ev;
    final Entry e;
    final Computation other;
    volatile int fired;

    Wake(Evaluation ev, Entry e, Computation other) {
      this.ev = ev;
      this.e = e;
      this.other = other;
    }

    @Override
    public void accept(Void ignored, Throwable alsoIgnored) {
      if (!FIRED.compareAndSet(this, 0, 1)) {
        return;
      }
      try {
        if (other.revision() == ev.revision) {
          e.sharedFailure = other.failure;
        }
        ev.dispatch(e); // runs on this evaluation's own threads (in a sequential graph, the drainer)
      } catch (Throwable cutShort) {
        ev.brokenBy = cutShort; // e is lost: its evaluation must not wait for it (see brokenBy)
        throw cutShort;
      }
    }
  }

  /** Whether the calling thread is this evaluation's own (see {@link #innerClaim}). */
  boolean onOwnThread() {
    Thread t = Thread.currentThread();
    return t == requester || t == drainer;
  }

  /**
   * Releases the claims this evaluation's requesting thread still holds (an {@code Error} unwound past their
   * frames), and those of the evaluations nested below them on the same thread. Allocates nothing; idempotent, so
   * that an outer frame can finish what an inner one could not.
   */
  void abandonHeld() {
    Evaluation ev = this;
    while (ev != null) {
      Computation c = ev.innerClaim;
      if (c == null || c.owner != Thread.currentThread()) {
        return; // none, or held by the thread that runs it (a timed get's caller only stops waiting)
      }
      Evaluation next = c.nested;
      c.release();
      ev.innerClaim = null;
      c.nested = null;
      ev = next;
    }
  }

  // ------------------------------------------------------------------------------------------- outcomes

  /** {@code node} was found usable at our revision: resolves e with its value (or its failure). */
  Entry settled(Entry e, AbstractNode<?> node) {
    Object v = node.value;
    if (AbstractNode.valuesBounded && LruPolicy.evictedElseTouch(node, v)) {
      return e.call().step(this, e); // evicted since it was found current: the step restores it
    }
    if (node.newerThan(revision)) {
      return overtaken(e);
    }
    if (v instanceof Failure f) {
      return failed(e, f);
    }
    if (e instanceof Entry.Collecting k) {
      k.result = v;
    }
    return resolve(e, true);
  }

  /** A value newer than our revision was found: the session restarts; this entry resolves without a result. */
  Entry overtaken(Entry e) {
    session.overtaken = true;
    return abort(e);
  }

  /** Resolves {@code e} without running it (cancelled or overtaken); nothing is reported. */
  Entry abort(Entry e) {
    return resolve(e, false);
  }

  Entry dependencyFailed(Entry e, AbstractNode<?> dependency, Failure f) {
    if (firstReportOf(f)) {
      failures.addAll(f.report(dependency.name(), pathTo(e, dependency.name())));
    }
    return resolve(e, false);
  }

  /** Reports {@code e}'s node as failed with {@code f} (its own failure, or the failures of a node it read). */
  Entry failed(Entry e, Failure f) {
    if (!e.resolved) {
      report(e, f);
    }
    return resolve(e, false);
  }

  void report(Entry e, Failure f) {
    if (firstReportOf(f)) {
      failures.addAll(f.report(e.node.name(), pathTo(e, null)));
    }
  }

  /**
   * Whether this evaluation has not reported {@code f} yet; records it. A node's failure is reported once per
   * evaluation, though two entries of the node may meet it (the second made for a dependent that found the first
   * handed out, see {@link #plan}), or a dependent may read it before the entry that ran it has resolved: whichever
   * reports first names the path it was reached by. By identity: {@link Failure} is a record, and two nodes that
   * throw one exception object (a preallocated one) have equal failures that are still two.
   */
  private boolean firstReportOf(Failure f) {
    Set<Failure> r = reported;
    if (r == null) {
      REPORTED.compareAndSet(this, null, Collections.synchronizedSet(Collections.newSetFromMap(
          new IdentityHashMap<Failure, Boolean>())));
      r = reported;
    }
    return r.add(f);
  }

  /** The failures reported so far ({@link #firstReportOf}), by identity; null until the first. */
  private volatile Set<Failure> reported;
  private static final VarHandle REPORTED;

  static {
    try {
      REPORTED = MethodHandles.lookup().findVarHandle(Evaluation.class, "reported", Set.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /**
   * Resolves {@code e} (once): its dependents lose one pending argument (and are marked failed if e failed).
   * Returns one dependent that became ready, for the calling thread to run next; hands out any others.
   */
  Entry resolve(Entry e, boolean ok) {
    if (e.resolved) {
      return null;
    }
    if (!ok) {
      e.notOk = true; // before the release store below; read by the plan that ran e eagerly (same thread)
    }
    Entry.RESOLVED.setRelease(e, true); // a guard against a second resolution; the decrements below fence
    try {
      return propagate(e, ok);
    } catch (Throwable cutShort) {
      brokenBy = cutShort; // resolved, but its dependents or the completion may never hear of it: see brokenBy
      throw cutShort;
    }
  }

  private Entry propagate(Entry e, boolean ok) {
    Entry next = null;
    Debt debt = null; // this thread's, if it owes decrements: looked up on the first decrement that could batch
    boolean lookedUp = false;
    int count = e.dependentCount();
    for (int i = 0; i < count; i++) {
      Entry d = e.dependent(i);
      if (!ok) {
        d.upstreamFailed = true; // published by the decrement below
      } else if (d instanceof Entry.Collecting k && k.gathered != null && d == e.parent) {
        k.gather(e.call(), e.argumentIndex, revision); // a slot of its own; published by the decrement below
      }
      boolean ready;
      if (d.pending == 1) { // the last argument (a thread that owed some would see more): no atomic needed
        Entry.PENDING.setOpaque(d, 0);
        ready = true;
      } else {
        if (!lookedUp) {
          debt = debtHere();
          lookedUp = true;
        }
        ready = debt != null ? debt.lastArgumentBatched(d) : d.lastArgumentResolved();
      }
      if (ready) {
        if (next == null) {
          next = d;
        } else {
          dispatch(d);
        }
      }
    }
    if ((e.planFlags & Entry.ROOT) != 0 && unresolved.decrementAndGet() == 0) {
      Events events = graph.events();
      if (events.any()) {
        events.evaluationFinished(roots[0], failures.isEmpty());
      }
      done.complete(null);
      if (!parallel) {
        inbox.add(WAKE); // the last entry may resolve on another thread (a future, an executor): wake the drainer
      }
    }
    return next;
  }

  private List<String> pathTo(Entry e, String extra) {
    List<String> path = new ArrayList<>();
    if (extra != null) {
      path.add(extra);
    }
    for (Entry x = e; x != null; x = x.parent) {
      path.add(x.node.name());
    }
    Collections.reverse(path);
    return path;
  }

  /**
   * A node to bring up to date in this evaluation, with its place in the plan; and the node's first claim in this
   * evaluation ({@link Computation}), so that a planned node costs one object, not two. A claim is completed when it
   * is released, so it can be installed once: an entry that claims its node again (its value was evicted after it
   * was found current, say) claims with a fresh {@code Computation} ({@link #claimedOnce}, see {@link CallNode#step}).
   */
  static sealed class Entry extends Computation permits Entry.Collecting {
    static final VarHandle PENDING;
    static final VarHandle RESOLVED;

    static {
      try {
        PENDING = MethodHandles.lookup().findVarHandle(Entry.class, "pending", int.class);
        RESOLVED = MethodHandles.lookup().findVarHandle(Entry.class, "resolved", boolean.class);
      } catch (ReflectiveOperationException e) {
        throw new ExceptionInInitializerError(e);
      }
    }

    /** The dependent through which the plan first reached this entry: the error path goes through it. */
    final Entry parent;
    private Entry firstDependent;
    private Entry[] moreDependents;
    private int moreCount;
    volatile int pending;
    volatile boolean upstreamFailed;
    volatile boolean resolved;
    /** Set when another evaluation's run of this node failed at this revision: reported, not run again. */
    volatile Failure sharedFailure;
    /**
     * What the plan knows of this entry ({@link #ROOT}, {@link #RELEASED}); written by the planning thread only, so
     * one byte holds both without a lost update (and the entry stays 96 bytes).
     */
    byte planFlags;
    /** One of the requested nodes' entries (counted in {@link #unresolved}); set before any entry is run. */
    static final byte ROOT = 1;
    /**
     * Handed out while the plan was still going on ({@link Evaluation#plan}, "releasing"): it may be resolving on
     * another thread, so it takes no more dependents. Set before the hand-off that publishes it.
     */
    static final byte RELEASED = 2;
    /**
     * Whether this entry was installed as its node's claim (a released claim is a completed future, which cannot be
     * a claim again). Written and read by the thread stepping the entry; steps of one entry follow one another
     * through the hand-offs that run them (queues, the executor, a completion).
     */
    boolean claimedOnce;
    /**
     * Set when the entry resolved as failed or dropped (its dependents are then failed without running); read only
     * by the plan that ran the entry {@linkplain #eager eagerly}, on the thread that resolved it.
     */
    boolean notOk;
    /** The fewest arguments for which {@link #gathered} pays: a chain's link would only allocate a second array. */
    static final int GATHER_WIDTH = 16;
    /**
     * The fewest arguments of a node whose values are {@link #gathered}: {@link #GATHER_WIDTH}; tests lower it, so
     * that the engine's model properties, whose nodes have one to three arguments, gather too.
     */
    static int gatherWidth = GATHER_WIDTH;
    /** Where this entry's node is among its {@link #parent}'s node's arguments (for {@link Collecting#gathered}). */
    int argumentIndex;

    /** Whether a node's entry collects its arguments' values ({@link Collecting#gathered}): wide, and never ran. */
    static boolean collects(CallNode<?> n) {
      return n.hasNodeArguments() && n.arguments().length >= gatherWidth && n.value == AbstractNode.UNSET;
    }

    /**
     * The entry of a requested node or of a wide node that never ran: the two fields that only those use, so that
     * the entry of each of a fan-in's 20,000 leaves is 8 bytes smaller (96 bytes).
     */
    static final class Collecting extends Entry {
      /** The node's value as of the evaluation's revision, once resolved (read for the requested nodes). */
      Object result;
      /**
       * A wide node's first run: a copy of the node's arguments, made by the plan, in which each argument node is
       * replaced by its value as soon as it is resolved, while it is in the cache of the thread that resolved it; else
       * null. The node's step ({@code CallNode#claimed}) then takes those values without loading the 20,000 argument
       * nodes of a fan-in again (each another cache miss, on the other core for half of them in a parallel graph, and
       * the compare-and-set of its registration on a line not in the cache). What the step would have done for such
       * an argument is done then, in the step's order ({@link CallNode#gather}): the node is recorded as a dependent
       * of the argument, then the argument's value is read, at the evaluation's revision; an argument whose value
       * cannot be taken so (failed, evicted, newer than the revision, of the wrong type) is left as the node itself,
       * for the step to handle as before. The values are those of the evaluation's revision, which no later write
       * changes (a newer value comes with a newer {@code validFrom}), so taking them early gives the step what it
       * would have read; if the node ran elsewhere in the meantime, the step ignores the copy.
       *
       * <p>Who writes: the plan, for the arguments it finds current or runs itself ({@link #eager}); the thread that
       * resolves an argument's entry whose {@link #parent} this is, into slot {@link #argumentIndex} (one slot per
       * argument entry, so no two threads write one slot), before its decrement of {@link #pending}. The step reads
       * the copy after the last decrement, so after every write (the decrements are atomic read-modify-writes of one
       * variable, or a batched payment of them, each ordered after the writes of its thread).
       */
      Object[] gathered;

      Collecting(Evaluation ev, CallNode<?> node, Entry parent) {
        super(ev, node, parent);
      }

      /** Puts the value of argument {@code i}, node {@code d}, into {@link #gathered}. */
      void gather(CallNode<?> d, int i, long rev) {
        call().gather(gathered, i, d, rev);
      }
    }

    Entry(Evaluation ev, CallNode<?> node, Entry parent) {
      super(ev, node);
      this.parent = parent;
    }

    /** The entry's node. */
    CallNode<?> call() {
      return (CallNode<?>) node;
    }

    void addDependent(Entry d) {
      if (firstDependent == null) {
        firstDependent = d;
        return;
      }
      if (moreDependents == null) {
        moreDependents = new Entry[2];
      } else if (moreCount == moreDependents.length) {
        moreDependents = Arrays.copyOf(moreDependents, moreCount * 2);
      }
      moreDependents[moreCount++] = d;
    }

    Entry lastDependent() {
      return moreCount > 0 ? moreDependents[moreCount - 1] : firstDependent;
    }

    int dependentCount() {
      return firstDependent == null ? 0 : 1 + moreCount;
    }

    Entry dependent(int i) {
      return i == 0 ? firstDependent : moreDependents[i - 1];
    }

    /** Whether {@code d} is one of this entry's dependents. */
    boolean hasDependent(Entry d) {
      if (firstDependent == d) {
        return true;
      }
      for (int i = 0; i < moreCount; i++) {
        if (moreDependents[i] == d) {
          return true;
        }
      }
      return false;
    }

    /**
     * Called once by each argument's resolution: counts it, and says whether it was the last one. An argument that
     * reads a count of 1 is the last one not yet counted (each counts once, and its own is still in the count), so no
     * other thread writes the count any more and the atomic decrement is not needed (a chain's links each save
     * one). The other arguments' writes (their {@code upstreamFailed}) came before their decrements, which the
     * volatile read of 1 follows.
     */
    boolean lastArgumentResolved() {
      if (pending == 1) {
        PENDING.setOpaque(this, 0);
        return true;
      }
      return (int) PENDING.getAndAdd(this, -1) == 1;
    }
  }
}
