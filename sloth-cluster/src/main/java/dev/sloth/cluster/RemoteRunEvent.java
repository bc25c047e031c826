package dev.sloth.cluster;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/** A JDK Flight Recorder event on the driver for each remote node run a member reported. */
@Name("dev.sloth.RemoteRun")
@Label("Sloth Remote Run")
@Category({"Sloth", "Cluster"})
@Description("One remote node's run on a cluster member, with its compute and input-transfer time")
@StackTrace(false)
final class RemoteRunEvent extends jdk.jfr.Event {
  @Label("Function")
  String function;

  @Label("Key")
  String key;

  @Label("Member")
  String member;

  @Label("Compute Time")
  @Timespan(Timespan.NANOSECONDS)
  long compute;

  @Label("Transfer Time")
  @Timespan(Timespan.NANOSECONDS)
  long transfer;

  @Label("Bytes In")
  long bytesIn;

  @Label("Reused")
  boolean reused;

  static void emit(RemoteRun run) {
    RemoteRunEvent e = new RemoteRunEvent();
    if (e.isEnabled()) {
      e.function = run.function();
      e.key = run.key();
      e.member = run.member();
      e.compute = run.computeNanos();
      e.transfer = run.transferNanos();
      e.bytesIn = run.bytesIn();
      e.reused = run.reused();
      e.commit();
    }
  }
}
