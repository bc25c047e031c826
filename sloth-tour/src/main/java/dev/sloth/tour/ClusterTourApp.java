package dev.sloth.tour;

import dev.sloth.cluster.ClusterFunctions;
import dev.sloth.cluster.RemoteFn;
import java.util.List;

/**
 * The functions of the tour's cluster section; the member JVMs load this same table by its class name.
 *
 * <pre>{@code
 * Cluster cluster = Cluster.connect(hazelcast, graph, ClusterTourApp.FUNCTIONS);
 * RemoteNode<Long> cell = cluster.call(ClusterTourApp.SIMULATE, 7);   // runs on a member: 49
 * }</pre>
 */
public final class ClusterTourApp {
  /** The table. */
  public static final ClusterFunctions FUNCTIONS = ClusterFunctions.create();
  /** A 40 ms "simulation" of one cell. */
  public static final RemoteFn<Long> SIMULATE = FUNCTIONS.fn1("Simulate", (Integer cell) -> {
    long end = System.nanoTime() + 40_000_000L;
    long x = cell;
    while (System.nanoTime() < end) {
      x = x * 6364136223846793005L + 1442695040888963407L; // busy: a stand-in for real work
    }
    return (long) cell * cell;
  });
  /** Adds the cells' results. */
  public static final RemoteFn<Long> TOTAL = FUNCTIONS.fnN("Total", (List<Long> xs) ->
      xs.stream().mapToLong(Long::longValue).sum());

  private ClusterTourApp() {}
}
