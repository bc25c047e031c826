package dev.sloth.lazy;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A value computed at most once, on the first {@link #get()}, by exactly one thread however many ask at once.
 *
 * <pre>{@code
 * Lazy<Config> config = Lazy.of(() -> loadConfig("https://config.example.com"));  // nothing runs yet
 * config.get();           // loads now; concurrent callers wait for this one load
 * config.get();           // cached: one volatile read
 * config.isEvaluated();   // true
 * }</pre>
 *
 * <h2>Policy</h2>
 * <ul>
 *   <li>{@code null} is a legal value and is cached like any other.
 *   <li>A supplier that throws leaves the value unset; the exception reaches the caller unchanged and the next
 *       {@code get()} tries again. Callers that were already waiting on that same attempt receive the same
 *       exception (one failing attempt is not retried by every waiter). With {@link Builder#cacheFailure()} the
 *       failure is remembered and every later {@code get()} rethrows it until {@link #reset()}.
 *   <li>After a successful computation the supplier is released (so what it captured can be collected), unless
 *       the Lazy was built {@link Builder#resettable() resettable}.
 *   <li>{@code get()} from inside its own supplier (directly, or through other Lazies on the same thread) throws
 *       {@link IllegalStateException} instead of deadlocking.
 *   <li>Waiting threads park (via {@link CountDownLatch}); no monitor is held, so virtual threads never pin.
 * </ul>
 *
 * <h2>How it works</h2>
 * One volatile field {@code state} holds either the value itself (possibly {@code null}) or one of the private
 * marker object (one private final class) meaning idle (not computed, holds the supplier), running (a computation
 * is in flight) or failed (a cached failure). {@code get()} reads the field once; if it is not a marker it is the value:
 * that is the whole fast path. Otherwise the caller CASes idle to running; the winner runs the supplier
 * and publishes the outcome, the losers await the running marker's latch and read the same outcome.
 * {@link #reset()} during a computation swaps the running marker for a stale twin that shares its latch: the
 * in-flight computation finishes and its outcome goes to the callers that were already waiting, but it is not
 * stored, and callers that arrive after the reset wait for it to finish and then compute afresh.
 *
 * @param <T> the type of the value
 */
public final class Lazy<T> implements Supplier<T> {
  private static final VarHandle STATE;

  static {
    try {
      STATE = MethodHandles.lookup().findVarHandle(Lazy.class, "state", Object.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** The value, or a {@link Marker}. */
  private volatile Object state;

  /** The supplier kept for {@link #reset()} after success; {@code null} unless built resettable. */
  private final Supplier<? extends T> retained;

  private final boolean cacheFailure;

  private Lazy(Supplier<? extends T> supplier, boolean cacheFailure, boolean resettable) {
    this.state = Marker.idle(supplier);
    this.cacheFailure = cacheFailure;
    this.retained = resettable ? supplier : null;
  }

  /**
   * A Lazy that computes {@code supplier.get()} on the first {@link #get()}; failures are not cached.
   *
   * <pre>{@code
   * Lazy<Index> index = Lazy.of(() -> Index.build(files));
   * }</pre>
   */
  public static <T> Lazy<T> of(Supplier<? extends T> supplier) {
    return new Lazy<>(Objects.requireNonNull(supplier, "supplier"), false, false);
  }

  /**
   * A builder for a Lazy with a non-default policy.
   *
   * <pre>{@code
   * Lazy<Conn> conn = Lazy.builder().cacheFailure().build(() -> connect(url));
   * }</pre>
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The value: computes it on the first call (other callers wait), returns the cached value afterwards.
   *
   * @throws IllegalStateException if called from inside this Lazy's own supplier
   * @throws RuntimeException the supplier's exception, unchanged (or the cached failure)
   */
  @Override
  @SuppressWarnings("unchecked")
  public T get() {
    Object s = state;
    if (s instanceof Marker) {
      return (T) slowGet(s);
    }
    return (T) s;
  }

  private Object slowGet(Object s) {
    while (true) {
      if (!(s instanceof Marker)) {
        return s;
      }
      Marker m = (Marker) s;
      if (m.kind == Marker.IDLE) {
        Marker run = Marker.running(Thread.currentThread(), m.supplier, new CountDownLatch(1), false, new Flight());
        if (STATE.compareAndSet(this, s, run)) {
          return compute(run);
        }
      } else if (m.kind == Marker.RUNNING) {
        Marker run = m;
        if (run.owner == Thread.currentThread()) {
          throw new IllegalStateException(
              "Lazy.get() was called from inside its own supplier (a cycle on thread "
                  + run.owner.getName() + "); a Lazy cannot depend on itself");
        }
        awaitUninterruptibly(run.done);
        if (!run.stale) {
          return run.flight.outcome();
        }
      } else {
        throw sneaky(m.failure);
      }
      s = state;
    }
  }

  private Object compute(Marker run) {
    Flight flight = run.flight;
    Object value;
    try {
      value = run.supplier.get();
    } catch (Throwable t) {
      flight.failure = t;
      Marker after = cacheFailure ? Marker.failed(t, run.supplier) : Marker.idle(run.supplier);
      publish(run, after);
      throw t;
    }
    flight.value = value;
    publish(run, value);
    return value;
  }

  /** Stores the outcome unless a reset made this run stale, then wakes the waiters. */
  private void publish(Marker run, Object outcome) {
    if (!STATE.compareAndSet(this, run, outcome)) {
      // reset() replaced the run by its stale twin: drop the outcome, leave the Lazy unset.
      STATE.setVolatile(this, Marker.idle(run.supplier));
    }
    run.done.countDown();
  }

  /** Whether a value (or, with {@code cacheFailure}, a failure) is currently cached. Never forces. */
  public boolean isEvaluated() {
    Object s = state;
    return !(s instanceof Marker m) || m.kind == Marker.FAILED;
  }

  /**
   * Forgets the cached value (or cached failure) so the next {@link #get()} computes again: the counterpart of a
   * Python descriptor's {@code __delete__}. Does nothing if nothing is cached. If a computation is in flight, it
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
      Marker next;
      if (s instanceof Marker m) {
        if (m.kind == Marker.IDLE || (m.kind == Marker.RUNNING && m.stale)) {
          return;
        }
        next = m.kind == Marker.RUNNING
            ? Marker.running(m.owner, m.supplier, m.done, true, m.flight)
            : Marker.idle(m.supplier);
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
   * A Lazy of {@code mapper} applied to this value; forces nothing until its own {@code get()}.
   *
   * <pre>{@code
   * Lazy<Integer> size = text.map(String::length);
   * }</pre>
   */
  public <R> Lazy<R> map(Function<? super T, ? extends R> mapper) {
    Objects.requireNonNull(mapper, "mapper");
    return of(() -> mapper.apply(get()));
  }

  /**
   * A Lazy of the Lazy that {@code mapper} returns for this value; forces nothing until its own {@code get()}.
   *
   * <pre>{@code
   * Lazy<User> owner = repo.flatMap(r -> Lazy.of(() -> users.find(r.ownerId())));
   * }</pre>
   */
  public <R> Lazy<R> flatMap(Function<? super T, ? extends Lazy<? extends R>> mapper) {
    Objects.requireNonNull(mapper, "mapper");
    return of(() -> {
      Lazy<? extends R> next = mapper.apply(get());
      if (next == null) {
        throw new NullPointerException("flatMap's mapper returned null instead of a Lazy");
      }
      return next.get();
    });
  }

  /** {@code Lazy[value]}, {@code Lazy[failed: e]}, {@code Lazy[computing]} or {@code Lazy[unevaluated]}; never forces. */
  @Override
  public String toString() {
    Object s = state;
    if (s instanceof Marker m) {
      return switch (m.kind) {
        case Marker.IDLE -> "Lazy[unevaluated]";
        case Marker.RUNNING -> "Lazy[computing]";
        default -> "Lazy[failed: " + m.failure + "]";
      };
    }
    return "Lazy[" + s + "]";
  }

  private static void awaitUninterruptibly(CountDownLatch latch) {
    boolean interrupted = false;
    while (true) {
      try {
        latch.await();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  @SuppressWarnings("unchecked")
  private static <E extends Throwable> RuntimeException sneaky(Throwable t) throws E {
    throw (E) t;
  }

  /**
   * Configures a Lazy's failure and reset policy. Not thread-safe; build, then share the Lazy.
   *
   * <pre>{@code
   * Lazy<Index> index = Lazy.builder().cacheFailure().resettable().build(() -> Index.load(dir));
   * }</pre>
   */
  public static final class Builder {
    private boolean cacheFailure;
    private boolean resettable;

    private Builder() {}

    /** Remember a failure: every later {@code get()} rethrows it (the same instance) until {@code reset()}. */
    public Builder cacheFailure() {
      this.cacheFailure = true;
      return this;
    }

    /** Keep the supplier after success so {@link Lazy#reset()} can recompute. */
    public Builder resettable() {
      this.resettable = true;
      return this;
    }

    /** A new Lazy of {@code supplier} with this policy. */
    public <T> Lazy<T> build(Supplier<? extends T> supplier) {
      return new Lazy<>(Objects.requireNonNull(supplier, "supplier"), cacheFailure, resettable);
    }
  }

  /**
   * The private states other than "a value": idle (holds the supplier), running (a computation is in flight;
   * {@code stale} after a reset) or failed (a cached failure). One final class, so the fast path's type check is
   * a single klass-pointer compare. Users never see instances, so none can be a value.
   */
  private static final class Marker {
    static final int IDLE = 0;
    static final int RUNNING = 1;
    static final int FAILED = 2;

    final int kind;
    final Supplier<?> supplier;
    final Thread owner;
    final CountDownLatch done;
    final boolean stale;
    final Flight flight;
    final Throwable failure;

    private Marker(int kind, Supplier<?> supplier, Thread owner, CountDownLatch done, boolean stale,
        Flight flight, Throwable failure) {
      this.kind = kind;
      this.supplier = supplier;
      this.owner = owner;
      this.done = done;
      this.stale = stale;
      this.flight = flight;
      this.failure = failure;
    }

    static Marker idle(Supplier<?> supplier) {
      return new Marker(IDLE, supplier, null, null, false, null, null);
    }

    static Marker running(Thread owner, Supplier<?> supplier, CountDownLatch done, boolean stale, Flight flight) {
      return new Marker(RUNNING, supplier, owner, done, stale, flight, null);
    }

    static Marker failed(Throwable failure, Supplier<?> supplier) {
      return new Marker(FAILED, supplier, null, null, false, null, failure);
    }
  }

  /** One computation's outcome, shared by a run and its stale twin; read after the latch opens. */
  private static final class Flight {
    Object value;
    Throwable failure;

    Object outcome() {
      if (failure != null) {
        throw sneaky(failure);
      }
      return value;
    }
  }
}
