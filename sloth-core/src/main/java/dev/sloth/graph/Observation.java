package dev.sloth.graph;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A node kept fresh for a listener: see {@link Graph#observe}. After every change (a {@code set}, or an atomic
 * {@code update}) that reaches the node, the node is brought up to date off the changing thread and the listener is
 * told its new value, if it changed (early cutoff applies: a recomputed equal value is not news). Deliveries to one
 * listener never overlap and come in revision order; changes that arrive while one is being delivered are coalesced
 * into the next. Close it to stop.
 *
 * <pre>{@code
 * try (Observation watching = g.observe(total, v -> System.out.println("total is now " + v))) {
 *   price.set(12);      // prints "total is now ..." soon after, on another thread
 * }
 * }</pre>
 *
 * <p>How: the observed node keeps its observations; the marking of a change ({@link Propagation}) collects those it
 * reaches, with the change's revision, and each one is refreshed on a virtual thread. A value that fails is not
 * delivered (it is logged); a listener that throws is logged and stays registered; a value whose {@code equals}
 * throws when compared with the last one delivered is delivered (and the failure logged).
 *
 * <p>A refresh reads the node at a revision at least as new as every change that reached it: it first waits until
 * that revision is published. The notification can come before: a change whose revision is complete is published
 * only once every earlier revision is (another graph's change may still be in flight), and a dependency recorded
 * while a change marks ({@link AbstractNode#addDependent}) is marked, and its observers told, by the reader that
 * recorded it, before the change completes. A refresh that read an older revision would find the node current
 * there, deliver nothing, and the change would never be delivered. The wait is short and bounded: between reserving
 * and completing a revision a change runs no user code (its completion is in a {@code finally}).
 */
public final class Observation implements AutoCloseable {
  private static final class Log {
    static final System.Logger LOG = System.getLogger("dev.sloth.graph");
  }

  private final AbstractNode<?> node;
  private final Consumer<Object> listener;
  /** 0 idle, 1 refreshing, 2 refreshing and another change came meanwhile. */
  final AtomicInteger state = new AtomicInteger();
  /** The highest revision of a change that reached the node: the next refresh reads at least this one. */
  private final java.util.concurrent.atomic.AtomicLong wanted = new java.util.concurrent.atomic.AtomicLong();
  /** The revision a refresh is waiting to see published, or 0 (for tests: see {@code ObserveTest}). */
  volatile long awaiting;
  /**
   * The revision at which the last finished refresh read the node (at least that one: the one published before its
   * {@code get()}), or 0 before the first; written after the delivery, if any, returned. For {@link #caughtUp}.
   */
  private volatile long refreshedAt;
  private volatile boolean closed;
  private Object delivered;
  private boolean deliveredOnce;

  @SuppressWarnings("unchecked")
  Observation(AbstractNode<?> node, Consumer<?> listener) {
    this.node = node;
    this.listener = (Consumer<Object>) listener;
  }

  /**
   * The node observed.
   *
   * @return the node observed
   */
  public Node<?> node() {
    return node;
  }

  /** Stops the deliveries (one under way finishes), and lets the graph forget the observation. */
  @Override
  public void close() {
    closed = true;
    node.removeObservation(this);
    node.graph().closed(this);
  }

  /**
   * Whether {@link #close} was called.
   *
   * @return true if closed
   */
  public boolean isClosed() {
    return closed;
  }

  /**
   * A change of revision {@code revision} reached the node: refresh it (now, or after the refresh under way), at
   * that revision or a later one.
   */
  void changed(long revision) {
    wanted.accumulateAndGet(revision, Math::max); // before the state change that the refresh's start follows
    for (;;) {
      int s = state.get();
      if (s == 2 || (s == 1 && state.compareAndSet(1, 2))) {
        return;
      }
      if (s == 0 && state.compareAndSet(0, 1)) {
        Pools.virtual(this::refreshLoop);
        return;
      }
    }
  }

  private void refreshLoop() {
    do {
      try {
        refresh();
      } catch (Throwable t) {
        // Nothing user code throws gets here (deliver catches it); this is the engine's own failure (an Error, say).
        // Whatever it is, the state must still move on below, or the observation would stay "refreshing" for good and
        // never deliver again.
        warn("the refresh of observed node '" + node.name() + "' failed; the next change refreshes it again", t);
      }
    } while (!state.compareAndSet(1, 0) && state.compareAndSet(2, 1));
  }

  private void refresh() {
    if (closed) {
      return;
    }
    long want = wanted.get();
    if (Revisions.published() < want) {
      awaiting = want;
      Revisions.awaitPublished(want); // a change in flight, never user code: see the class comment
      awaiting = 0;
    }
    long at = Revisions.published(); // at least wanted; the get() below reads at this revision or a later one
    try {
      deliver(at);
    } finally {
      refreshedAt = at; // after the delivery (and before the state change that ends the refresh): see caughtUp
    }
  }

  private void deliver(long at) {
    Object v;
    try {
      v = node.get(); // its session is pinned to the published revision, read after the wait: at least wanted
    } catch (Throwable failed) {
      warn("observed node '" + node.name() + "' failed; not delivered", failed);
      return;
    }
    if (deliveredOnce && sameAsDelivered(v)) {
      return; // an equal value (cut off, or already told): no news
    }
    deliveredOnce = true;
    delivered = v;
    if (closed) {
      return;
    }
    try {
      listener.accept(v);
    } catch (Throwable t) {
      warn("the observer of '" + node.name() + "' threw; ignored", t);
    }
  }

  /**
   * Whether {@code v} equals the value delivered last. The comparison is the values' {@code equals}, user code: if it
   * throws, {@code v} may be news, so it is delivered (and the failure logged).
   */
  private boolean sameAsDelivered(Object v) {
    try {
      return Objects.deepEquals(delivered, v);
    } catch (Throwable t) {
      warn("comparing the new value of observed node '" + node.name() + "' with the last one delivered threw; "
          + "delivered as news", t);
      return false;
    }
  }

  /** Logs a warning; a logger that fails (or a throwable whose message is user code that throws) is ignored. */
  private static void warn(String message, Throwable t) {
    try {
      Log.LOG.log(System.Logger.Level.WARNING, message, t);
    } catch (Throwable cannotLog) {
      // dropped: the observation goes on
    }
  }

  /**
   * Whether every change that reached the node before this call has been delivered (or found to change nothing):
   * no refresh is under way or due, and the last one read the node at a revision at least as new as each such
   * change. The listener's last value is then the node's value as of those changes. A listener's value alone does
   * not say so: deliveries lag behind the changes, and an older delivery may equal the final value while the
   * refreshes of later changes (an intermediate value, then the final one again) are still to come. For tests.
   *
   * <p>Why it holds: a change raises {@link #wanted} before it moves {@link #state} from idle, and a refresh writes
   * {@link #refreshedAt} before the state change that ends it. So a call that reads the state idle, then {@code
   * refreshedAt}, then {@code wanted} (volatile reads, in that order) sees, for every change whose {@link #changed}
   * returned before, either its state change (not idle: false) or, if the refresh it led to has ended, that
   * refresh's {@code refreshedAt}, which is at least that change's revision.
   */
  boolean caughtUp() {
    return state.get() == 0 && refreshedAt >= wanted.get();
  }

  static Observation start(AbstractNode<?> node, Consumer<?> listener) {
    Objects.requireNonNull(listener, "listener");
    Observation o = new Observation(node, listener);
    node.graph().opened(o); // held until closed: see Graph#observations
    node.addObservation(o);
    o.changed(Revisions.published()); // the current value, first
    return o;
  }

  @Override
  public String toString() {
    return "Observation[" + node.name() + (closed ? ", closed" : "") + "]";
  }
}
