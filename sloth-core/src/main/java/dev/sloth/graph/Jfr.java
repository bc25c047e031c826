package dev.sloth.graph;

import jdk.jfr.FlightRecorder;

/**
 * The engine's Flight Recorder events, kept off the start-up path: the event class (whose first use sets up the
 * recorder, tens of milliseconds) is touched only once Flight Recorder is running in this JVM. Until then a run
 * costs one static read. A recording started later is seen from the next node run on.
 *
 * <p>{@code jdk.jfr} is an optional module ({@code requires static}): on a runtime without it (a jlink image of
 * {@code java.base}, or the module path without {@code --add-modules jdk.jfr}) {@link #PRESENT} is false, no class of
 * {@code jdk.jfr} is ever touched, and every node run records nothing. This class refers to {@code jdk.jfr} only in
 * code that runs after that check, and {@link NodeRunEvent} is loaded only there.
 */
final class Jfr {
  /** Whether {@code jdk.jfr} is in the boot layer and readable from here; checked once. */
  static final boolean PRESENT = ModuleLayer.boot().findModule("jdk.jfr").map(Jfr.class.getModule()::canRead)
      .orElse(false);

  private Jfr() {}

  /** Starts timing a node run: an event if Flight Recorder is running, else null. */
  static Object begin() {
    if (!PRESENT || !FlightRecorder.isInitialized()) {
      return null;
    }
    NodeRunEvent e = new NodeRunEvent();
    e.begin();
    return e;
  }

  /** Ends and commits the run's event, if there is one and the recording wants it. */
  static void end(Object event, CallNode<?> node, boolean changed, Throwable failure) {
    if (event instanceof NodeRunEvent e) {
      e.end();
      if (e.shouldCommit()) { // the names are made only for an event the recording keeps
        e.node = node.name();
        e.function = node.fn.name;
        e.changed = changed;
        e.failure = failure == null ? null : failure.toString();
        e.commit();
      }
    }
  }
}
