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

  synchronized void add(GraphListener l) {
    Objects.requireNonNull(l, "listener");
    GraphListener[] now = listeners;
    GraphListener[] next = Arrays.copyOf(now, now.length + 1);
    next[now.length] = l;
    listeners = next;
  }

  synchronized boolean remove(GraphListener l) {
    GraphListener[] now = listeners;
    for (int i = 0; i < now.length; i++) {
      if (now[i] == l) {
        GraphListener[] next = new GraphListener[now.length - 1];
        System.arraycopy(now, 0, next, 0, i);
        System.arraycopy(now, i + 1, next, i, now.length - i - 1);
        listeners = next;
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
