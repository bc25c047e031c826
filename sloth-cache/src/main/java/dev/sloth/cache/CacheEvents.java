package dev.sloth.cache;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.FlightRecorder;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * The cache's Flight Recorder events, one per lookup: {@code dev.sloth.cache.Hit} and {@code dev.sloth.cache.Miss}
 * (with the reason). As in the engine, the event classes are touched only once Flight Recorder runs in this JVM.
 */
final class CacheEvents {
  private CacheEvents() {}

  @Name("dev.sloth.cache.Hit")
  @Label("Sloth Cache Hit")
  @Category({"Sloth", "Cache"})
  @Description("A node's result recalled from the persistent cache: its function did not run")
  @StackTrace(false)
  static final class Hit extends Event {
    @Label("Node") String node;
    @Label("Function") String function;
  }

  @Name("dev.sloth.cache.Miss")
  @Label("Sloth Cache Miss")
  @Category({"Sloth", "Cache"})
  @Description("A node's function ran: no persisted result matched")
  @StackTrace(false)
  static final class Miss extends Event {
    @Label("Node") String node;
    @Label("Function") String function;
    @Label("Reason") String reason;
  }

  /** Starts timing a lookup: an event object if Flight Recorder runs, else null. */
  static Object begin() {
    if (!FlightRecorder.isInitialized()) {
      return null;
    }
    Hit h = new Hit();
    h.begin();
    return h;
  }

  static void hit(Object begun, String node, String function) {
    if (begun instanceof Hit h) {
      h.end();
      if (h.shouldCommit()) {
        h.node = node;
        h.function = function;
        h.commit();
      }
    }
  }

  static void miss(Object begun, String node, String function, String reason) {
    if (begun instanceof Hit) {
      Miss m = new Miss();
      if (m.shouldCommit()) {
        m.node = node;
        m.function = function;
        m.reason = reason;
        m.commit();
      }
    }
  }
}
