package dev.sloth.graph;

import java.util.Arrays;
import java.util.Objects;

/**
 * Fans events out to a graph's listeners. The listener array is copied on write, so firing reads one volatile field
 * and, with no listeners, does nothing more. A listener that throws is not allowed to break the evaluation: its
 * exception is logged and dropped.
 */
final class Events {
  private static final GraphListener[] NONE = new GraphListener[0];
  private static final System.Logger LOG = System.getLogger("dev.sloth.graph");

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
    for (GraphListener l : listeners) {
      try {
        l.evaluationStarted(n, planned);
      } catch (RuntimeException e) {
        dropped(l, e);
      }
    }
  }

  void evaluationFinished(Node<?> n, boolean ok) {
    for (GraphListener l : listeners) {
      try {
        l.evaluationFinished(n, ok);
      } catch (RuntimeException e) {
        dropped(l, e);
      }
    }
  }

  void nodeStarted(Node<?> n) {
    for (GraphListener l : listeners) {
      try {
        l.nodeStarted(n);
      } catch (RuntimeException e) {
        dropped(l, e);
      }
    }
  }

  void nodeFinished(Node<?> n, long nanos, boolean changed) {
    for (GraphListener l : listeners) {
      try {
        l.nodeFinished(n, nanos, changed);
      } catch (RuntimeException e) {
        dropped(l, e);
      }
    }
  }

  void nodeFailed(Node<?> n, Throwable cause) {
    for (GraphListener l : listeners) {
      try {
        l.nodeFailed(n, cause);
      } catch (RuntimeException e) {
        dropped(l, e);
      }
    }
  }

  void cacheHit(Node<?> n) {
    for (GraphListener l : listeners) {
      try {
        l.cacheHit(n);
      } catch (RuntimeException e) {
        dropped(l, e);
      }
    }
  }

  void invalidated(Source<?> s, long revision) {
    for (GraphListener l : listeners) {
      try {
        l.invalidated(s, revision);
      } catch (RuntimeException e) {
        dropped(l, e);
      }
    }
  }

  private static void dropped(GraphListener l, RuntimeException e) {
    LOG.log(System.Logger.Level.WARNING, "graph listener " + l + " threw; ignored", e);
  }
}
