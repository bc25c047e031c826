package dev.sloth.dash;

import dev.sloth.cluster.Cluster;
import dev.sloth.cluster.ClusterListener;
import dev.sloth.cluster.RemoteRun;

/**
 * The task stream's lanes for a {@link Cluster}'s members: a {@link ClusterListener} that turns each remote run into
 * a bar on the lane {@code member <address>} and a lost member into a lane marked lost. This is the only class of
 * the module that names sloth-cluster's types, and only {@link Dashboard#showCluster} loads it, so a program without
 * sloth-cluster (and Hazelcast) on its class or module path never needs them (the dependency is optional, {@code
 * requires static}).
 *
 * <p>A {@link RemoteRun} says how long the member computed and fetched inputs, not when; it arrives on the driver
 * when the member's reply does, so its bar ends at that instant on this JVM's clock and starts its fetch and compute
 * time earlier. A result a member already held ran nothing and gets no bar. The listener returns at once: each event
 * is one offer to the tap's bounded queue.
 */
final class ClusterLanes implements ClusterListener {
  static final String PREFIX = "member ";
  private final Tap tap;

  ClusterLanes(Tap tap) {
    this.tap = tap;
  }

  /** Starts feeding {@code tap} from {@code cluster}; the returned action stops it. */
  static Runnable attach(Tap tap, Cluster cluster) {
    ClusterLanes lanes = new ClusterLanes(tap);
    cluster.addListener(lanes);
    return () -> cluster.removeListener(lanes);
  }

  @Override
  public void nodeRan(RemoteRun run) {
    if (run.reused()) {
      return;
    }
    long end = System.nanoTime();
    long start = end - Math.max(0, run.computeNanos()) - Math.max(0, run.transferNanos());
    String key = run.key();
    String label = run.function() + " " + (key.length() > 8 ? key.substring(0, 8) : key);
    tap.external(new Tap.External(PREFIX + run.member(), label, run.function(), start, end));
  }

  @Override
  public void memberLost(String member) {
    tap.external(new Tap.External(PREFIX + member, "", "", -1, -1));
  }
}
