package dev.sloth.graph;

import java.util.Arrays;
import java.util.Objects;

/**
 * Fans events out to a graph's listeners. The listener array is copied on write, so firing reads one volatile field
 * and, with no listeners, does nothing more. A listener that throws anything (an {@code Error} too) is not allowed to
 * break the evaluation: what it threw is logged through {@link System.Logger} and dropped, never reported as a
 * node's failure (Caffeine's rule). Even a failure of the logging itself (at the stack limit) is dropped.
 */
final class Events {
  private static final GraphListener[] NONE = new GraphListener[0];
  /** The logger, made on first use: creating one at start-up costs tens of milliseconds. */
  private static final class Log {
    static final System.Logger LOG = System.getLogger("dev.sloth.graph");
  }

  private volatile GraphListener[] listeners = NONE;

  /** {@link #timing}: no listener, so nothing is timed or told. */
  static final int NO_LISTENER = 0;
  /** {@link #timing}: the listeners want no run timed ({@link GraphListener.RunTiming#NONE}). */
  static final int TIME_NONE = 1;
  /** {@link #timing}: short runs may be timed by sample ({@link GraphListener.RunTiming#SAMPLED}). */
  static final int TIME_SAMPLED = 2;
  /** {@link #timing}: every run is timed ({@link GraphListener.RunTiming#EVERY_RUN}). */
  static final int TIME_EVERY_RUN = 3;

  /**
   * The most timing any listener asks for, one of the constants above; written under the lock just after {@link
   * #listeners}. A run reads it before it fires, so a run that starts while a listener is being added may be
   * timed as the listeners before it asked (that listener then hears {@code UNTIMED}, or 0 ns as documented for
   * a run that started before it was there); a removal can only leave a run timed more than asked.
   */
  private volatile int timing = NO_LISTENER;
  /** Each listener's {@link GraphListener#runTiming()}, as read when it was added; parallel to {@link #listeners}. */
  private int[] timings = new int[0];

  synchronized void add(GraphListener l) {
    Objects.requireNonNull(l, "listener");
    int t = timingOf(l);
    GraphListener[] now = listeners;
    GraphListener[] next = Arrays.copyOf(now, now.length + 1);
    next[now.length] = l;
    timings = Arrays.copyOf(timings, timings.length + 1);
    timings[now.length] = t;
    listeners = next;
    timing = Math.max(timing, t);
  }

  /** What {@code l} asks for; a listener whose {@code runTiming()} fails or returns null gets every run timed. */
  private static int timingOf(GraphListener l) {
    GraphListener.RunTiming t;
    try {
      t = l.runTiming();
    } catch (Throwable e) {
      dropped(l, e);
      t = null;
    }
    return t == GraphListener.RunTiming.NONE ? TIME_NONE
        : t == GraphListener.RunTiming.SAMPLED ? TIME_SAMPLED : TIME_EVERY_RUN;
  }

  /** The timing the engine owes its listeners now: one of {@link #NO_LISTENER} ... {@link #TIME_EVERY_RUN}. */
  int timing() {
    return timing;
  }

  synchronized boolean remove(GraphListener l) {
    GraphListener[] now = listeners;
    for (int i = 0; i < now.length; i++) {
      if (now[i] == l) {
        GraphListener[] next = new GraphListener[now.length - 1];
        System.arraycopy(now, 0, next, 0, i);
        System.arraycopy(now, i + 1, next, i, now.length - i - 1);
        int[] left = new int[now.length - 1];
        System.arraycopy(timings, 0, left, 0, i);
        System.arraycopy(timings, i + 1, left, i, now.length - i - 1);
        timings = left;
        listeners = next;
        int most = NO_LISTENER;
        for (int t : left) {
          most = Math.max(most, t);
        }
        timing = most;
        return true;
      }
    }
    return false;
  }

  boolean any() {
    return listeners.length != 0;
  }

  void evaluationStarted(Node<?> n, int planned) {
    if (any()) {
      try {
        fire(l -> l.evaluationStarted(n, planned));
      } catch (Throwable linkingFailed) {
        // the event lambda could not even be made (at the stack limit): the event is dropped
      }
    }
  }

  void evaluationFinished(Node<?> n, boolean ok) {
    if (any()) {
      try {
        fire(l -> l.evaluationFinished(n, ok));
      } catch (Throwable linkingFailed) {
        // the event lambda could not even be made (at the stack limit): the event is dropped
      }
    }
  }

  void nodeStarted(Node<?> n, long startNanos) {
    if (any()) {
      try {
        fire(l -> l.nodeStartedAt(n, startNanos));
      } catch (Throwable linkingFailed) {
        // the event lambda could not even be made (at the stack limit): the event is dropped
      }
    }
  }

  void nodeFinished(Node<?> n, long nanos, boolean changed) {
    if (any()) {
      try {
        fire(l -> l.nodeFinished(n, nanos, changed));
      } catch (Throwable linkingFailed) {
        // the event lambda could not even be made (at the stack limit): the event is dropped
      }
    }
  }

  void nodeFailed(Node<?> n, Throwable cause) {
    if (any()) {
      try {
        fire(l -> l.nodeFailed(n, cause));
      } catch (Throwable linkingFailed) {
        // the event lambda could not even be made (at the stack limit): the event is dropped
      }
    }
  }

  void cacheHit(Node<?> n) {
    if (any()) {
      try {
        fire(l -> l.cacheHit(n));
      } catch (Throwable linkingFailed) {
        // the event lambda could not even be made (at the stack limit): the event is dropped
      }
    }
  }

  void invalidated(Source<?> s, long revision) {
    if (any()) {
      try {
        fire(l -> l.invalidated(s, revision));
      } catch (Throwable linkingFailed) {
        // the event lambda could not even be made (at the stack limit): the event is dropped
      }
    }
  }

  /** Delivers one event to every listener; the event object is made only when there are listeners. */
  private void fire(java.util.function.Consumer<GraphListener> event) {
    for (GraphListener l : listeners) {
      try {
        event.accept(l);
      } catch (Throwable e) {
        try {
          dropped(l, e);
        } catch (Throwable cannotLog) {
          // nothing more can be done for a listener whose failure cannot even be logged
        }
      }
    }
  }

  private static void dropped(GraphListener l, Throwable e) {
    Log.LOG.log(System.Logger.Level.WARNING, "graph listener " + l + " threw; ignored", e);
  }
}
