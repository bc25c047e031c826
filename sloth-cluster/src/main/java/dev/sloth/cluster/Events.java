package dev.sloth.cluster;

import java.lang.System.Logger.Level;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** A cluster's listeners; a listener that throws is logged and skipped. */
final class Events {
  private static final System.Logger LOG = System.getLogger(Cluster.class.getName());
  private final CopyOnWriteArrayList<ClusterListener> listeners = new CopyOnWriteArrayList<>();

  void add(ClusterListener l) {
    listeners.add(l);
  }

  boolean remove(ClusterListener l) {
    return listeners.remove(l);
  }

  /** Whether anyone listens to runs (a listener, or a recording with the JFR event on): else skip building them. */
  boolean watchingRuns() {
    return !listeners.isEmpty() || RUN_EVENT.isEnabled();
  }

  private static final jdk.jfr.EventType RUN_EVENT = jdk.jfr.EventType.getEventType(RemoteRunEvent.class);

  void nodeRan(RemoteRun run) {
    RemoteRunEvent.emit(run);
    each(l -> l.nodeRan(run));
  }

  void refused(String member, String function, String reason) {
    LOG.log(Level.WARNING, "member {0} refused ''{1}'': {2}", member, function, reason);
    each(l -> l.refused(member, function, reason));
  }

  void memberLost(String member) {
    LOG.log(Level.INFO, "member {0} left the cluster", member);
    each(l -> l.memberLost(member));
  }

  void recomputing(String function, String key) {
    each(l -> l.recomputing(function, key));
  }

  private void each(Consumer<ClusterListener> event) {
    for (ClusterListener l : listeners) {
      try {
        event.accept(l);
      } catch (Throwable t) {
        LOG.log(Level.WARNING, "a cluster listener threw; ignored", t);
      }
    }
  }
}
