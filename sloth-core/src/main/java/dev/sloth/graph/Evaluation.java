package dev.sloth.graph;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One request to bring a node up to date at one revision: a plan and its scheduler.
 *
 * <p><b>Plan.</b> Starting from the requested node, an explicit-stack walk (no recursion, so a chain of a million
 * nodes needs no deep stack) collects every node reachable through static arguments that is not current at the
 * evaluation's revision, as an {@link Entry} that counts its not-yet-resolved arguments. Current nodes are not
 * entered, so a {@code get()} touches only the stale part of the graph. Dynamic dependencies are not planned: they
 * are re-verified one by one, in read order, when their node's turn comes (see {@link CallNode#step}).
 *
 * <p><b>Schedule.</b> Entries whose count is zero are ready. Running an entry ({@link CallNode#step}) claims its
 * node, decides whether it must run, runs it, and resolves the entry, which decrements its dependents; of those that
 * become ready, the thread continues with one itself and hands the others out. In a parallel graph they go to the
 * graph's executor; in a sequential one to an inbox that the requesting thread drains. An entry whose node is
 * claimed by another evaluation waits for that claim without blocking a thread, then runs again (and finds the
 * node current). When an entry fails, its dependents resolve as failed without running, while independent entries
 * go on, so every failure is reported and every success cached.
 */
final class Evaluation {
  final Graph graph;
  final long revision;
  final boolean parallel;
  /**
   * The top-level request this evaluation serves: nested evaluations (for reads inside functions) share their
   * reader's. A node that failed in this session is not run again in it (its failure is reported instead), so one
   * {@code get()} runs a failing node once, however many nodes read it.
   */
  final Object session;
  private final AbstractNode<?> root;
  private Entry rootEntry;
  private final AtomicInteger unresolved = new AtomicInteger();
  private final CompletableFuture<Void> done = new CompletableFuture<>();
  private final ConcurrentLinkedQueue<NodeFailure> failures = new ConcurrentLinkedQueue<>();
  /** Sequential graphs: entries handed over by other threads (completions of their claims, futures). */
  private final LinkedBlockingQueue<Entry> inbox;
  /** Sequential graphs: ready entries found by the requesting thread itself; no locking needed. */
  private final ArrayDeque<Entry> local;
  private final Thread requester = Thread.currentThread();
  /** Put in a sequential evaluation's inbox when it completes, so that a drainer blocked on the inbox wakes up. */
  private static final Entry WAKE = new Entry(null, null);

  private Evaluation(AbstractNode<?> root, long revision, Object session) {
    this.graph = root.graph();
    boolean nested = session != null;
    if (!nested) {
      session = new Object();
      graph.lastSession(session);
    }
    this.session = session;
    this.revision = revision;
    // A nested evaluation (a read inside a running function) blocks a thread of the pool while it waits. A
    // ForkJoinPool compensates for that (managedBlock); any other executor might run out of threads, every one of
    // them waiting for work queued behind it. So with another executor, a nested evaluation runs its plan on the
    // blocked thread itself.
    this.parallel = graph.isParallel() && (!nested || graph.executor() instanceof java.util.concurrent.ForkJoinPool);
    this.root = root;
    this.inbox = parallel ? null : new LinkedBlockingQueue<>();
    this.local = parallel ? null : new ArrayDeque<>();
  }

  // ------------------------------------------------------------------------------------------ entry points

  /** A top-level {@code get()}: brings {@code node} up to date and returns its value. */
  static <T> T evaluate(AbstractNode<T> node) {
    try {
      return evaluate(node, 0L);
    } catch (TimeoutException impossible) {
      throw new AssertionError(impossible);
    }
  }

  /** A top-level {@code get(timeout)}: as {@link #evaluate(AbstractNode)}, giving up after {@code nanos}. */
  static <T> T evaluateWithin(AbstractNode<T> node, long nanos) throws TimeoutException {
    return evaluate(node, System.nanoTime() + nanos | 1L);
  }

  /** Brings {@code node} up to date (until {@code deadline}, a nanoTime, if non-zero) and returns its value. */
  private static <T> T evaluate(AbstractNode<T> node, long deadline) throws TimeoutException {
    for (;;) {
      long rev = node.graph().revision();
      if (node.isCurrent(rev)) {
        return node.valueOrThrow();
      }
      new Evaluation(node, rev, null).run(deadline);
      if (!(node.value instanceof Failure) || node.isCurrent(rev)) {
        return node.valueOrThrow();
      }
      // A newer evaluation replaced the value with an uncached failure between our end and our read: try again.
    }
  }

  static <T> CompletableFuture<T> evaluateAsync(AbstractNode<T> node) {
    long rev = node.graph().revision();
    if (node.isCurrent(rev)) {
      try {
        return CompletableFuture.completedFuture(node.valueOrThrow());
      } catch (RuntimeException e) {
        return CompletableFuture.failedFuture(e);
      }
    }
    if (!node.graph().isParallel()) {
      CompletableFuture<T> f = new CompletableFuture<>();
      Pools.virtual(() -> {
        try {
          f.complete(node.get());
        } catch (Throwable t) {
          f.completeExceptionally(t);
        }
      });
      return f;
    }
    Evaluation ev = new Evaluation(node, rev, null);
    ev.dispatchAll(ev.plan());
    return ev.done.thenApply(ignored -> {
      ev.throwIfFailed();
      return node.valueOrThrow();
    });
  }

  /**
   * Brings {@code node} up to date for a read by the running computation {@code reader}, blocking until it is.
   * Checks for a cycle first.
   */
  static void ensure(AbstractNode<?> node, Computation reader) {
    long rev = node.graph().revision();
    if (node.isCurrent(rev)) {
      return;
    }
    WaitGraph.block(reader, node);
    try {
      new Evaluation(node, rev, reader.session).run(0L);
    } catch (TimeoutException impossible) {
      throw new AssertionError(impossible);
    } finally {
      WaitGraph.unblock(reader);
    }
  }

  // ------------------------------------------------------------------------------------------------ plan

  /** Builds the plan; returns the entries that are ready now. */
  private List<Entry> plan() {
    rootEntry = new Entry((CallNode<?>) root, null);
    Map<AbstractNode<?>, Entry> entries = new IdentityHashMap<>();
    entries.put(root, rootEntry);
    ArrayDeque<Entry> todo = new ArrayDeque<>();
    todo.push(rootEntry);
    List<Entry> ready = new ArrayList<>();
    while (!todo.isEmpty()) {
      Entry e = todo.pop();
      int pending = 0;
      for (Object a : e.node.arguments()) {
        if (a instanceof CallNode<?> d && !d.isCurrent(revision)) {
          Entry de = entries.get(d);
          if (de == null) {
            de = new Entry(d, e);
            entries.put(d, de);
            todo.push(de);
          } else if (de.lastDependent() == e) {
            continue; // the same node passed twice as an argument counts once
          }
          de.addDependent(e);
          pending++;
        }
      }
      e.pending = pending;
      if (pending == 0) {
        ready.add(e);
      }
    }
    unresolved.set(entries.size());
    graph.events().evaluationStarted(root, entries.size());
    return ready;
  }

  // ------------------------------------------------------------------------------------------------- run

  /** Plans and runs to completion (or until {@code deadline}, a nanoTime, if non-zero); throws on failure. */
  private void run(long deadline) throws TimeoutException {
    List<Entry> ready = plan();
    if (parallel) {
      dispatchAll(ready.subList(1, ready.size()));
      driveOnCaller(ready.get(0), deadline);
      awaitDone(deadline);
    } else {
      local.addAll(ready);
      drainInbox(deadline);
    }
    throwIfFailed();
  }

  private void driveOnCaller(Entry e, long deadline) {
    while (e != null) {
      if ((deadline != 0L && System.nanoTime() - deadline >= 0) || Thread.currentThread().isInterrupted()) {
        dispatch(e); // hand the rest to the pool: the work goes on, the caller stops waiting
        return;
      }
      e = step(e);
    }
  }

  private void awaitDone(long deadline) throws TimeoutException {
    try {
      if (deadline == 0L) {
        done.get();
      } else {
        done.get(Math.max(0L, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw interrupted();
    } catch (ExecutionException e) {
      throw new AssertionError("evaluations complete normally", e);
    } catch (TimeoutException e) {
      throw timedOut();
    }
  }

  private void drainInbox(long deadline) throws TimeoutException {
    while (!done.isDone()) {
      if (Thread.currentThread().isInterrupted()) {
        throw interrupted();
      }
      Entry e = local.poll();
      if (e == null) {
        e = fromOtherThreads(deadline);
      }
      while (e != null) {
        e = step(e);
        if (e != null && deadline != 0L && System.nanoTime() - deadline >= 0) {
          throw timedOut();
        }
      }
    }
  }

  /** Waits for an entry handed over by another thread. */
  private Entry fromOtherThreads(long deadline) throws TimeoutException {
    try {
      if (deadline == 0L) {
        return inbox.take();
      }
      Entry e = inbox.poll(Math.max(0L, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (e == null) {
        throw timedOut();
      }
      return e;
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
      throw interrupted();
    }
  }

  private CancellationException interrupted() {
    return new CancellationException("get() of '" + root.name() + "' was interrupted; work already started goes "
        + "on in the background");
  }

  private TimeoutException timedOut() {
    return new TimeoutException("'" + root.name() + "' was not ready in time; work already started goes on in "
        + "the background");
  }

  private void throwIfFailed() {
    if (!failures.isEmpty()) {
      throw new EvaluationException(root.name(), List.copyOf(failures));
    }
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
    if (e.upstreamFailed) {
      return resolve(e, false);
    }
    if (e.sharedFailure != null) {
      return failed(e, e.sharedFailure);
    }
    try {
      return e.node.step(this, e);
    } catch (Throwable engineBug) {
      return failed(e, new Failure(engineBug, false));
    }
  }

  void dispatch(Entry e) {
    if (parallel) {
      graph.executor().execute(() -> drive(e));
    } else if (Thread.currentThread() == requester) {
      local.add(e);
    } else {
      inbox.add(e);
    }
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
      List<Entry> chunk = entries.subList((int) ((long) n * c / chunks), (int) ((long) n * (c + 1) / chunks));
      graph.executor().execute(() -> {
        for (Entry e : chunk) {
          drive(e);
        }
      });
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
    other.whenComplete((ignored, alsoIgnored) -> {
      if (other.revision >= revision) {
        e.sharedFailure = other.failure;
      }
      dispatch(e); // runs on this evaluation's own threads (in a sequential graph, the requesting one)
    });
  }

  // ------------------------------------------------------------------------------------------- outcomes

  /**
   * {@code node} was found settled (current, or failed earlier in this session): resolves e as success, or as
   * failure if it holds a failure.
   */
  Entry settled(Entry e, AbstractNode<?> node) {
    return node.value instanceof Failure f ? failed(e, f) : resolve(e, true);
  }

  Entry dependencyFailed(Entry e, AbstractNode<?> dependency, Failure f) {
    failures.addAll(f.report(dependency.name(), pathTo(e, dependency.name())));
    return resolve(e, false);
  }

  /** Reports {@code e}'s node as failed with {@code f} (its own failure, or the failures of a node it read). */
  Entry failed(Entry e, Failure f) {
    report(e, f);
    return resolve(e, false);
  }

  void report(Entry e, Failure f) {
    failures.addAll(f.report(e.node.name(), pathTo(e, null)));
  }

  /**
   * Resolves {@code e}: its dependents lose one pending argument (and are marked failed if e failed). Returns one
   * dependent that became ready, for the calling thread to run next; hands out any others.
   */
  Entry resolve(Entry e, boolean ok) {
    Entry next = null;
    int count = e.dependentCount();
    for (int i = 0; i < count; i++) {
      Entry d = e.dependent(i);
      if (!ok) {
        d.upstreamFailed = true; // published by the decrement below
      }
      if (d.decrementPending() == 0) {
        if (next == null) {
          next = d;
        } else {
          dispatch(d);
        }
      }
    }
    if (unresolved.decrementAndGet() == 0) {
      Events events = graph.events();
      if (events.any()) {
        events.evaluationFinished(root, failures.isEmpty());
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

  /** A node to bring up to date in this evaluation, with its place in the plan. */
  static final class Entry {
    private static final VarHandle PENDING;

    static {
      try {
        PENDING = MethodHandles.lookup().findVarHandle(Entry.class, "pending", int.class);
      } catch (ReflectiveOperationException e) {
        throw new ExceptionInInitializerError(e);
      }
    }

    final CallNode<?> node;
    /** The dependent through which the plan first reached this entry: the error path goes through it. */
    final Entry parent;
    private Entry firstDependent;
    private Entry[] moreDependents;
    private int moreCount;
    volatile int pending;
    volatile boolean upstreamFailed;
    /** Set when another evaluation's run of this node failed at this revision: reported, not run again. */
    volatile Failure sharedFailure;

    Entry(CallNode<?> node, Entry parent) {
      this.node = node;
      this.parent = parent;
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

    int decrementPending() {
      return (int) PENDING.getAndAdd(this, -1) - 1;
    }
  }
}
