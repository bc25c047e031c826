package dev.sloth.lazy;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A value computed at most once, on the first {@link #get()}, by exactly one thread however many ask at once.
 *
 * <pre>{@code
 * Lazy<Config> config = Lazy.of(() -> loadConfig("https://config.example.com"));  // nothing runs yet
 * config.get();           // loads now; concurrent callers wait for this one load
 * config.get();           // cached: one volatile read
 * config.state();         // EVALUATED
 * }</pre>
 *
 * <h2>Policy</h2>
 * <ul>
 *   <li>{@code null} is a legal value and is cached like any other.
 *   <li>A supplier that throws (any {@link Throwable}, a {@link StackOverflowError} included) ends the attempt: the
 *       exception reaches the caller unchanged, every caller already waiting on that attempt receives the same
 *       exception, and the next {@code get()} tries again. With {@link Builder#cacheFailure()} the failure is
 *       remembered and every later {@code get()} rethrows it until {@link #reset()}.
 *   <li>After a successful computation the supplier is released (so what it captured can be collected), unless
 *       the Lazy was built {@link Builder#resettable() resettable}.
 *   <li>A {@code get()} that would wait for its own computation, on the same thread or through other threads whose
 *       suppliers read each other, throws {@link LazyCycleException} naming the cycle instead of deadlocking.
 *       Only waits inside {@code get()} are seen: a supplier that blocks on another thread's read of its own Lazy
 *       (a {@code Future.get()}, a lock) is not, so bound that read with {@link #get(Duration)}.
 *   <li>Waiting threads park (no monitor is held, so virtual threads never pin); an interrupt ends the wait with
 *       {@link CancellationException}, and {@link #get(Duration)} bounds it.
 *   <li>{@link #map} and {@link #flatMap} chains of any length evaluate on an ordinary thread stack.
 * </ul>
 *
 * <h2>How it works</h2>
 * One volatile field {@code state} holds either the value itself (possibly {@code null}) or a private marker (one
 * private final class) meaning idle (holds the supplier), running (a {@link Flight} is in progress) or failed (a
 * cached failure). A {@code get()} that does not find the value final in {@code value} (below) reads {@code state};
 * if it is not a marker it is the value. Otherwise the caller CASes idle to running; the winner runs the supplier
 * and publishes the outcome, the others wait on the flight's latch and read the same outcome. {@link #reset()}
 * during a computation swaps the running marker for a stale twin that shares its flight: the in-flight computation
 * finishes and its outcome goes to the callers that were already waiting, but it is not stored.
 *
 * <p><b>The fast path, and why it is enough.</b> {@code get()} is one volatile read of the field {@code value} and
 * one compare of the reference with a constant, {@code PENDING}; everything else is in other methods, so that
 * {@code get()} stays a few bytes of bytecode and inlines into every caller. {@code value} holds {@code PENDING}
 * until the value is <em>final</em>: in {@code state} and unable to leave it, which is true of every value of a Lazy
 * that is not resettable ({@code reset()} is the only way out of a value, and it refuses unless resettable). The
 * first {@code get()} that reads a final value from {@code state} copies it into {@code value}; a resettable Lazy
 * never fills it and reads {@code state} on every {@code get()} (one more volatile read and a type check).
 * Memory model: a value reaches {@code state} only by a CAS (a volatile write) made after the supplier returned it,
 * on the thread that ran the supplier or on a reader that settled the flight after reading its volatile {@code
 * finished}; either way the supplier's work happens-before that write. The thread that copies the value into
 * {@code value} read it from {@code state} first (synchronising with that CAS), and a reader of {@code value}
 * synchronises with the copy: by transitivity it sees the value as the supplier built it, with no final field
 * required of {@code T}. A copy is never wrong, however late it lands, because the value it copies can never change;
 * several threads may copy the same reference, and a lost copy leaves {@code PENDING}, which is only slower. On x86
 * and ARMv8 the volatile read is an ordinary load ({@code ldar} on ARM), and the compare needs no load of the
 * object's class word (a marker check would), so {@code get()} costs what reading a volatile field through an
 * object costs.
 *
 * <p><b>Why no outcome is lost, even to a stack overflow.</b> A {@code StackOverflowError} can strike in any frame,
 * also in the code that publishes an outcome, which would leave the Lazy "computing" forever. So: (1) the claim,
 * the supplier call and the decision of the outcome are in one method, with no call between the claim's CAS and the
 * {@code try} that catches every {@link Throwable}; and the decision is plain field writes ending in one volatile
 * write ({@code Flight.finished}): no call, so no stack needed (the markers it may store are made before the
 * claim). (2) Waking the waiters and storing the outcome into {@code state} come after, and may fail when the stack
 * is exhausted: any reader that finds a finished flight still in {@code state} stores the outcome itself, and a
 * waiter whose wake-up was lost sees {@code finished} at its next recheck, within {@code RECHECK_NANOS} (100 ms); the
 * latch wakes waiters at once otherwise. (3) The class initialiser runs the publication once on a shallow stack, so
 * that its call sites are linked before any deep use. (4) A thread about to wait first touches
 * {@value #HEADROOM_FRAMES} frames below its own ({@code reserveStack}), so that it overflows, if it must, before it
 * records its wait, not while it takes the record back.
 *
 * <p><b>Cycles across threads.</b> A thread about to wait records in a global map that it waits for a flight, then
 * follows "the owner of the flight waits for..." edges; reaching itself means the wait would never end, and it
 * throws instead. Two threads closing a cycle at once both record before they look (the map's writes and reads are
 * sequentially consistent), so at least one of them sees the other's edge; both may throw. Each flight remembers the
 * flight its thread was computing when it started ({@code outer}), so the reported path names every Lazy on the
 * cycle, not only those waited for.
 *
 * <p><b>Chains.</b> {@code map} and {@code flatMap} record their source. Before running a derived Lazy's supplier,
 * {@code get()} walks down the chain of sources that are still unevaluated and evaluates them deepest first, so each
 * supplier finds its source ready and the stack holds one level at a time, however long the chain.
 *
 * @param <T> the type of the value
 */
public final class Lazy<T> implements Supplier<T> {
  private static final VarHandle STATE;

  /** Frames of stack touched below a waiting frame before it records its wait. */
  static final int HEADROOM_FRAMES = 64;

  /** The flight each thread is computing now (innermost), for cycle paths; null outside suppliers. */
  private static final ThreadLocal<Flight> CURRENT = new ThreadLocal<>();

  /** The threads waiting now, each for one flight: the edges of the wait-for graph. */
  private static final Map<Thread, Wait> WAITS = new ConcurrentHashMap<>();

  /**
   * How long a waiter parks before it looks at its flight again. Only a wake-up lost to a stack overflow in the
   * owner's publication needs it (see the class comment); the latch wakes waiters at once otherwise.
   */
  private static final long RECHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  /** What {@code slowGet} returns when a timed wait ran out. */
  private static final Object TIMED_OUT = new Object();

  /** What {@link #value} holds until the value is final: the fast path's one compare is with this constant. */
  private static final Object PENDING = new Object();

  static {
    try {
      STATE = MethodHandles.lookup().findVarHandle(Lazy.class, "state", Object.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  static {
    // Link the publication path (the VarHandle call sites, the latch) now, on a shallow stack: its first use could
    // otherwise be at the deepest point of a chain, where linking needs more stack than is left.
    new Lazy<>(() -> null, true, false, "warm-up").get();
    try {
      new Lazy<>(() -> {
        throw new IllegalStateException("warm-up");
      }, true, false, "warm-up").get();
    } catch (IllegalStateException expected) {
      // the failure path is warm too
    }
  }

  /** The value, or a {@link Marker}. */
  private volatile Object state;

  /**
   * The value once it is final (a value is in {@link #state} and can never leave it: the Lazy is not resettable),
   * else {@link #PENDING}: the only field the fast path reads. Filled by the first {@code get()} that finds the value
   * in {@code state}; see "The fast path" in the class comment.
   */
  private volatile Object value;

  /** The supplier kept for {@link #reset()} after success; {@code null} unless built resettable. */
  private final Supplier<? extends T> retained;

  private final boolean cacheFailure;

  /** The name given to the builder, or null (then {@link #name()} is {@code Lazy@<identity hash>}). */
  private final String name;

  private Lazy(Supplier<? extends T> supplier, boolean cacheFailure, boolean resettable, String name) {
    this.state = Marker.idle(supplier);
    this.value = PENDING;
    this.cacheFailure = cacheFailure;
    this.retained = resettable ? supplier : null;
    this.name = name;
  }

  /**
   * A Lazy that computes {@code supplier.get()} on the first {@link #get()}; failures are not cached.
   *
   * <pre>{@code
   * Lazy<Index> index = Lazy.of(() -> Index.build(files));
   * }</pre>
   *
   * @param <T> the type of the value
   * @param supplier the code that computes the value
   * @return a Lazy that computes {@code supplier.get()} on the first {@link #get()}; failures are not cached
   */
  public static <T> Lazy<T> of(Supplier<? extends T> supplier) {
    return new Lazy<>(Objects.requireNonNull(supplier, "supplier"), false, false, null);
  }

  /**
   * A builder for a Lazy with a name or a non-default policy.
   *
   * <pre>{@code
   * Lazy<Conn> conn = Lazy.builder().name("conn").cacheFailure().build(() -> connect(url));
   * }</pre>
   *
   * @return a builder for a Lazy with a name or a non-default policy
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * What a Lazy holds now, as {@link #state()} reports it.
   *
   * <pre>{@code
   * Lazy<Conn> conn = Lazy.builder().cacheFailure().build(() -> connect(url));
   * conn.state();   // UNEVALUATED; after a failed get(): FAILED; after a successful one: EVALUATED
   * }</pre>
   */
  public enum State {
    /** Nothing is cached and no computation runs: the next {@code get()} computes. */
    UNEVALUATED,
    /** A computation is in flight; {@code get()} waits for it. */
    COMPUTING,
    /** A value is cached: {@code get()} returns it at once. */
    EVALUATED,
    /** A failure is cached ({@link Builder#cacheFailure()}): {@code get()} rethrows it until {@code reset()}. */
    FAILED
  }

  /**
   * The value: computes it on the first call (other callers wait), returns the cached value afterwards.
   *
   * @throws LazyCycleException if the value would have to wait for itself (its supplier reads it, directly, through
   *     other Lazies, or through other threads)
   * @throws CancellationException if the calling thread was interrupted while waiting for another thread's
   *     computation (the interrupt flag is restored; the computation goes on)
   * @throws RuntimeException the supplier's exception or error, unchanged (or the cached failure)
   */
  @Override
  @SuppressWarnings("unchecked")
  public T get() {
    Object v = value;
    if (v != PENDING) {
      return (T) v;
    }
    return (T) getFromState();
  }

  /** {@code get()} when the value is not final yet: read {@code state}; the value may be there, final or not. */
  private Object getFromState() {
    Object s = state;
    if (s instanceof Marker) {
      return slowGet(s, false, 0L);
    }
    cacheIfFinal(s);
    return s;
  }

  /**
   * Copies a value just read from {@code state} into {@link #value} if it can never change: only {@link #reset()}
   * takes a value out of {@code state}, and only when the Lazy is resettable. Several threads may store the same
   * reference; a store lost to a stack overflow leaves {@code PENDING}, which only costs the next {@code get()} the
   * read of {@code state}.
   */
  private void cacheIfFinal(Object s) {
    if (retained == null) {
      value = s;
    }
  }

  /**
   * Like {@link #get()}, but waits at most {@code timeout} for another thread's computation. A computation this
   * call starts itself runs to its end (a supplier is never abandoned half-way, and what it waits for, such as the
   * Lazy a {@code flatMap}'s mapper returns, is waited for without a bound); the computation of another thread goes
   * on after a timeout, and its outcome is cached as usual. The source of a {@link #map} (and of a chain of them) that
   * another thread computes is waited for within the timeout, before the map is started.
   *
   * <pre>{@code
   * try {
   *   Index i = index.get(Duration.ofMillis(200));
   * } catch (TimeoutException e) {
   *   serveWithoutIndex();   // the index goes on building in the background
   * }
   * }</pre>
   *
   * @throws TimeoutException if the value was not ready in time
   * @param timeout how long to wait for another thread's computation
   * @return like {@link #get()}, but waits at most {@code timeout} for another thread's computation
   */
  @SuppressWarnings("unchecked")
  public T get(Duration timeout) throws TimeoutException {
    Objects.requireNonNull(timeout, "timeout");
    Object v = value;
    if (v != PENDING) {
      return (T) v;
    }
    Object s = state;
    if (!(s instanceof Marker)) {
      cacheIfFinal(s);
      return (T) s;
    }
    long nanos = saturatedNanos(timeout);
    Object r = slowGet(s, true, System.nanoTime() + nanos);
    if (r == TIMED_OUT) {
      throw new TimeoutException(name() + " was not ready within " + timeout + "; its computation goes on");
    }
    return (T) r;
  }

  private static long saturatedNanos(Duration d) {
    if (d.isNegative()) {
      return 0L;
    }
    try {
      return Math.min(d.toNanos(), Long.MAX_VALUE / 4);
    } catch (ArithmeticException tooLong) {
      return Long.MAX_VALUE / 4;
    }
  }

  private Object slowGet(Object s, boolean timed, long deadline) {
    if (s instanceof Marker m && m.kind == Marker.IDLE && m.supplier instanceof Derived<?> d
        && d.source().state instanceof Marker sm) {
      if (sm.kind == Marker.IDLE && evaluateSources(d.source(), timed, deadline) == TIMED_OUT) {
        return TIMED_OUT;
      }
      // A source another thread computes: a timed get waits for it here, within its deadline, before it claims this
      // Lazy (the derived supplier's own source.get() would wait without one).
      if (sm.kind == Marker.RUNNING && timed && d.source().slowGet(sm, true, deadline) == TIMED_OUT) {
        return TIMED_OUT;
      }
      s = state;
    }
    while (true) {
      if (!(s instanceof Marker m)) {
        cacheIfFinal(s);
        return s;
      }
      if (m.kind == Marker.IDLE) {
        Flight outer = CURRENT.get();
        Flight flight = new Flight(this, Thread.currentThread(), m.supplier, outer, cacheFailure);
        Marker run = Marker.running(flight, false);
        if (STATE.compareAndSet(this, s, run)) {
          // Claimed. Until flight.finished is written, no call may stand outside a try that catches everything.
          Object value = null;
          Throwable failure = null;
          try {
            CURRENT.set(flight);
            value = flight.supplier.get();
          } catch (Throwable t) {
            failure = t;
          }
          // The decision: plain writes and one volatile write, no call, so no stack needed.
          if (failure == null) {
            flight.value = value;
            flight.after = value;
          } else {
            flight.failure = failure;
            flight.after = flight.failedAgain != null ? flight.failedAgain : flight.idleAgain;
          }
          flight.finished = true;
          try {
            publish(run);
            CURRENT.set(outer);
            // A cached failure keeps its flight; the outer flight it names (and that one's supplier and value) must
            // not live as long. Only unfinished flights' outer links are followed (cycle paths).
            flight.outer = null;
          } catch (Throwable ignored) {
            // Waiters recheck finished flights (RECHECK_NANOS), readers settle them, and only cycle paths read
            // CURRENT: nothing is lost, only delayed.
          }
          if (failure != null) {
            throw sneaky(failure);
          }
          return value;
        }
      } else if (m.kind == Marker.RUNNING) {
        Flight flight = m.flight;
        if (!flight.finished) {
          if (flight.owner == Thread.currentThread()) {
            throw sameThreadCycle(flight);
          }
          if (!await(flight, timed, deadline)) {
            return TIMED_OUT;
          }
        }
        settle(m);
        if (!m.stale) {
          return flight.outcome();
        }
      } else {
        throw sneaky(m.flight.failure);
      }
      s = state;
    }
  }

  /**
   * Evaluates the unevaluated sources of a {@code map}/{@code flatMap} chain starting at {@code top}, deepest
   * first, so that no supplier of the chain finds its source unevaluated: the stack holds one level at a time.
   */
  private static Object evaluateSources(Lazy<?> top, boolean timed, long deadline) {
    List<Lazy<?>> pending = new ArrayList<>();
    Lazy<?> l = top;
    while (l.state instanceof Marker m && m.kind == Marker.IDLE) {
      pending.add(l);
      if (!(m.supplier instanceof Derived<?> d)) {
        break;
      }
      l = d.source();
    }
    for (int i = pending.size() - 1; i >= 0; i--) {
      Lazy<?> p = pending.get(i);
      Object ps = p.state;
      if (ps instanceof Marker && p.slowGet(ps, timed, deadline) == TIMED_OUT) {
        return TIMED_OUT;
      }
    }
    return null;
  }

  /** Wakes the waiters of a finished flight, then stores its outcome into {@code state}. */
  private void publish(Marker run) {
    run.flight.done.countDown(); // first: a parked waiter cannot help itself, while any reader can settle
    settle(run);
  }

  /** Stores the outcome of a finished flight whose marker {@code m} (or its stale twin) is still in {@code state}. */
  private void settle(Marker m) {
    Object s = state;
    if (s instanceof Marker cur && cur.kind == Marker.RUNNING && cur.flight == m.flight) {
      STATE.compareAndSet(this, s, cur.stale ? m.flight.idleAgain : m.flight.after);
    }
  }

  /**
   * Waits for {@code flight} (owned by another thread), recording the wait so that a cycle of waits is reported
   * instead of entered. Returns false if a timed wait ran out.
   */
  private static boolean await(Flight flight, boolean timed, long deadline) {
    Thread me = Thread.currentThread();
    reserveStack(HEADROOM_FRAMES, 1, 2, 3, 4, 5);
    Wait wait = new Wait(CURRENT.get(), flight);
    WAITS.put(me, wait);
    try {
      List<Flight> cycle = cycleThrough(me, wait);
      if (cycle != null) {
        throw cycleException(cycle, false);
      }
      while (true) {
        long slice = timed ? Math.min(RECHECK_NANOS, deadline - System.nanoTime()) : RECHECK_NANOS;
        if (flight.done.await(slice, TimeUnit.NANOSECONDS) || flight.finished) {
          return true;
        }
        if (timed && deadline - System.nanoTime() <= 0) {
          return false;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancellationException("get() of " + flight.lazy.name() + " was interrupted while waiting for "
          + "thread " + flight.owner.getName() + " to compute it; the computation goes on");
    } finally {
      WAITS.remove(me, wait);
    }
  }

  /**
   * Follows the wait-for edges from {@code wait}: the owner of the flight waited for, the flight that owner waits
   * for, and so on. Returns the flights along a cycle back to {@code me}, or null if the chain ends (a thread that
   * is running, or a flight that has finished).
   */
  private static List<Flight> cycleThrough(Thread me, Wait wait) {
    List<Flight> path = new ArrayList<>();
    Flight target = wait.on;
    for (int steps = 0; steps < 100_000; steps++) {
      Thread owner = target.owner;
      if (owner == me) {
        List<Flight> cycle = segment(wait.from, target);
        cycle.addAll(path);
        cycle.add(target);
        return cycle;
      }
      Wait next = WAITS.get(owner);
      if (next == null || next.on.finished || target.finished) {
        return null;
      }
      path.addAll(segment(next.from, target));
      target = next.on;
    }
    return null;
  }

  /** The flights of one thread from {@code top} down to {@code innermost} (following {@code outer} links up). */
  private static List<Flight> segment(Flight innermost, Flight top) {
    List<Flight> up = new ArrayList<>();
    for (Flight f = innermost; f != null; f = f.outer) {
      up.add(f);
      if (f == top) {
        java.util.Collections.reverse(up);
        return up;
      }
    }
    List<Flight> justTop = new ArrayList<>();
    justTop.add(top);
    return justTop;
  }

  private static LazyCycleException sameThreadCycle(Flight target) {
    List<Flight> cycle = segment(CURRENT.get(), target);
    cycle.add(target);
    return cycleException(cycle, true);
  }

  private static LazyCycleException cycleException(List<Flight> cycle, boolean sameThread) {
    List<String> names = new ArrayList<>(cycle.size());
    StringBuilder where = new StringBuilder();
    for (int i = 0; i < cycle.size(); i++) {
      Flight f = cycle.get(i);
      names.add(f.lazy.name());
      if (i < cycle.size() - 1) {
        where.append(i == 0 ? "" : ", ").append(f.lazy.name()).append(" on thread ").append(f.owner.getName());
      }
    }
    String path = String.join(" -> ", names);
    String message = sameThread
        ? "Lazy.get() was called from inside its own supplier: cycle " + path + " (" + where + "); a Lazy cannot "
            + "depend on itself"
        : "Lazy cycle across threads: " + path + " (" + where + "); each waits for the next, so none could finish";
    return new LazyCycleException(message, names);
  }

  /**
   * Uses about {@code depth} frames of stack and returns: if the stack is too close to its end for that, the
   * {@link StackOverflowError} is thrown here, before the caller records a wait. The arguments stay
   * live across the call so that compiled frames are not trivially small.
   */
  private static long reserveStack(int depth, long a, long b, long c, long d, long e) {
    if (depth <= 0) {
      return a + b + c + d + e;
    }
    return reserveStack(depth - 1, b, c, d, e, a + 1) ^ a ^ e;
  }

  /**
   * Whether a value is cached; false for a cached failure, a running computation or nothing. Never forces.
   *
   * @return whether a value is cached; false for a cached failure, a running computation or nothing
   */
  public boolean isEvaluated() {
    return !(settled() instanceof Marker);
  }

  /**
   * What this Lazy holds now: unevaluated, computing, evaluated (a value) or failed (a cached failure). Never forces.
   *
   * @return what this Lazy holds now: unevaluated, computing, evaluated (a value) or failed (a cached failure)
   */
  public State state() {
    Object s = settled();
    if (!(s instanceof Marker m)) {
      return State.EVALUATED;
    }
    return switch (m.kind) {
      case Marker.IDLE -> State.UNEVALUATED;
      case Marker.RUNNING -> State.COMPUTING;
      default -> State.FAILED;
    };
  }

  /** The state, after storing the outcome of a finished flight that its owner could not store (see the class comment). */
  private Object settled() {
    Object s = state;
    if (s instanceof Marker m && m.kind == Marker.RUNNING && m.flight.finished) {
      settle(m);
      s = state;
    }
    return s;
  }

  /**
   * The name given to the builder, or {@code Lazy@<identity hash in hex>}: what errors call this Lazy.
   *
   * @return the name given to the builder, or {@code Lazy@<identity hash in hex>}: what errors call this Lazy
   */
  public String name() {
    return name != null ? name : "Lazy@" + Integer.toHexString(System.identityHashCode(this));
  }

  /**
   * Forgets the cached value (or cached failure) so the next {@link #get()} computes again.
   * Does nothing if nothing is cached. If a computation is in flight, it
   * completes and its result goes to the callers already waiting for it, but it is not cached; callers arriving
   * after the reset wait for it to finish and then compute afresh.
   *
   * <pre>{@code
   * Lazy<Stats> stats = Lazy.builder().resettable().build(() -> scan(dir));
   * stats.get(); stats.reset(); stats.get();   // scans twice
   * }</pre>
   *
   * @throws IllegalStateException if a value is cached and the supplier was released (not built resettable)
   */
  public void reset() {
    while (true) {
      Object s = state;
      Object next;
      if (s instanceof Marker m) {
        if (m.kind == Marker.IDLE || (m.kind == Marker.RUNNING && m.stale)) {
          return;
        }
        if (m.kind == Marker.RUNNING && m.flight.finished) {
          settle(m);
          continue;
        }
        next = m.kind == Marker.RUNNING ? Marker.running(m.flight, true) : Marker.idle(m.supplier);
      } else if (retained != null) {
        next = Marker.idle(retained);
      } else {
        throw new IllegalStateException(
            "reset() on a computed Lazy whose supplier was released after success; build it with "
                + "Lazy.builder().resettable().build(supplier) to allow reset()");
      }
      if (STATE.compareAndSet(this, s, next)) {
        return;
      }
    }
  }

  /**
   * A Lazy of {@code mapper} applied to this value; forces nothing until its own {@code get()}. Chains of any
   * length evaluate without deep recursion.
   *
   * <pre>{@code
   * Lazy<Integer> size = text.map(String::length);
   * }</pre>
   *
   * @param <R> the type of the results
   * @param mapper the function applied to the value
   * @return a Lazy of {@code mapper} applied to this value; forces nothing until its own {@code get()}
   */
  public <R> Lazy<R> map(Function<? super T, ? extends R> mapper) {
    Objects.requireNonNull(mapper, "mapper");
    return of(new Mapped<>(this, mapper));
  }

  /**
   * A Lazy of the Lazy that {@code mapper} returns for this value; forces nothing until its own {@code get()}.
   *
   * <pre>{@code
   * Lazy<User> owner = repo.flatMap(r -> Lazy.of(() -> users.find(r.ownerId())));
   * }</pre>
   *
   * @param <R> the type of the results
   * @param mapper the function applied to the value
   * @return a Lazy of the Lazy that {@code mapper} returns for this value; forces nothing until its own {@code get()}
   */
  public <R> Lazy<R> flatMap(Function<? super T, ? extends Lazy<? extends R>> mapper) {
    Objects.requireNonNull(mapper, "mapper");
    return of(new FlatMapped<>(this, mapper));
  }

  /**
   * {@code Lazy[value]}, {@code Lazy[failed: e]}, {@code Lazy[computing]} or {@code Lazy[unevaluated]}, with the
   * name first if one was given ({@code Lazy[config: computing]}); never forces.
   */
  @Override
  public String toString() {
    Object s = settled();
    String prefix = name == null ? "Lazy[" : "Lazy[" + name + ": ";
    if (s instanceof Marker m) {
      return prefix + switch (m.kind) {
        case Marker.IDLE -> "unevaluated";
        case Marker.RUNNING -> "computing";
        default -> "failed: " + m.flight.failure;
      } + "]";
    }
    return prefix + s + "]";
  }

  @SuppressWarnings("unchecked")
  private static <E extends Throwable> RuntimeException sneaky(Throwable t) throws E {
    throw (E) t;
  }

  /**
   * Configures a Lazy's name, failure and reset policy. Not thread-safe; build, then share the Lazy.
   *
   * <pre>{@code
   * Lazy<Index> index = Lazy.builder().name("index").cacheFailure().resettable().build(() -> Index.load(dir));
   * }</pre>
   */
  public static final class Builder {
    private boolean cacheFailure;
    private boolean resettable;
    private String name;

    private Builder() {}

    /**
     * Remember a failure: every later {@code get()} rethrows it (the same instance) until {@code reset()}.
     *
     * @return this builder
     */
    public Builder cacheFailure() {
      this.cacheFailure = true;
      return this;
    }

    /**
     * Keep the supplier after success so {@link Lazy#reset()} can recompute.
     *
     * @return this builder
     */
    public Builder resettable() {
      this.resettable = true;
      return this;
    }

    /**
     * The name errors (cycles, timeouts, interrupts) and {@code toString()} use for the Lazy.
     *
     * @param name the name, used in messages and snapshots
     * @return this builder
     */
    public Builder name(String name) {
      this.name = Objects.requireNonNull(name, "name");
      return this;
    }

    /**
     * A new Lazy of {@code supplier} with this policy.
     *
     * @param <T> the type of the value
     * @param supplier the code that computes the value
     * @return a new Lazy of {@code supplier} with this policy
     */
    public <T> Lazy<T> build(Supplier<? extends T> supplier) {
      return new Lazy<>(Objects.requireNonNull(supplier, "supplier"), cacheFailure, resettable, name);
    }
  }

  /**
   * The private states other than "a value": idle (holds the supplier), running (a flight is in progress;
   * {@code stale} after a reset) or failed (a cached failure). One final class, so the fast path's type check is
   * a single klass-pointer compare. Users never see instances, so none can be a value.
   */
  private static final class Marker {
    static final int IDLE = 0;
    static final int RUNNING = 1;
    static final int FAILED = 2;

    final int kind;
    final Supplier<?> supplier;
    final Flight flight;
    final boolean stale;

    private Marker(int kind, Supplier<?> supplier, Flight flight, boolean stale) {
      this.kind = kind;
      this.supplier = supplier;
      this.flight = flight;
      this.stale = stale;
    }

    static Marker idle(Supplier<?> supplier) {
      return new Marker(IDLE, supplier, null, false);
    }

    static Marker running(Flight flight, boolean stale) {
      return new Marker(RUNNING, flight.supplier, flight, stale);
    }

    /** A cached failure: the failure is {@code flight.failure}, so the marker can be made before it is known. */
    static Marker failed(Flight flight) {
      return new Marker(FAILED, flight.supplier, flight, false);
    }
  }

  /**
   * One computation: who runs it, for which Lazy, and its outcome once {@link #finished}. Shared by a running
   * marker and its stale twin. The outcome fields are written before the volatile {@code finished} and read after.
   */
  private static final class Flight {
    final Lazy<?> lazy;
    final Thread owner;
    final Supplier<?> supplier;
    /**
     * The flight the owner was computing when it started this one (it reads this one), or null; cleared once this one
     * is published, so that a cached failure does not keep the outer flight (its supplier, its value) reachable.
     */
    Flight outer;
    /** The state after a failure that is not cached, or after a reset: made before the claim. */
    final Marker idleAgain;
    /** The state after a failure that is cached ({@code cacheFailure()}), else null: made before the claim. */
    final Marker failedAgain;
    final CountDownLatch done = new CountDownLatch(1);
    Object value;
    Throwable failure;
    /** What {@code state} becomes: the value, {@link #idleAgain} or {@link #failedAgain}. */
    Object after;
    volatile boolean finished;

    Flight(Lazy<?> lazy, Thread owner, Supplier<?> supplier, Flight outer, boolean cacheFailure) {
      this.lazy = lazy;
      this.owner = owner;
      this.supplier = supplier;
      this.outer = outer;
      this.idleAgain = Marker.idle(supplier);
      this.failedAgain = cacheFailure ? Marker.failed(this) : null;
    }

    Object outcome() {
      if (failure != null) {
        throw sneaky(failure);
      }
      return value;
    }
  }

  /** A thread's wait: what it was computing ({@code from}, may be null) and the flight it waits for. */
  private record Wait(Flight from, Flight on) {}

  /** A supplier that reads another Lazy first: what {@link #map} and {@link #flatMap} make. */
  private abstract static class Derived<S> {
    final Lazy<S> source;

    Derived(Lazy<S> source) {
      this.source = source;
    }

    final Lazy<S> source() {
      return source;
    }
  }

  private static final class Mapped<S, R> extends Derived<S> implements Supplier<R> {
    private final Function<? super S, ? extends R> mapper;

    Mapped(Lazy<S> source, Function<? super S, ? extends R> mapper) {
      super(source);
      this.mapper = mapper;
    }

    @Override
    public R get() {
      return mapper.apply(source.get());
    }
  }

  private static final class FlatMapped<S, R> extends Derived<S> implements Supplier<R> {
    private final Function<? super S, ? extends Lazy<? extends R>> mapper;

    FlatMapped(Lazy<S> source, Function<? super S, ? extends Lazy<? extends R>> mapper) {
      super(source);
      this.mapper = mapper;
    }

    @Override
    public R get() {
      Lazy<? extends R> next = mapper.apply(source.get());
      if (next == null) {
        throw new NullPointerException("flatMap's mapper returned null instead of a Lazy");
      }
      return next.get();
    }
  }
}
