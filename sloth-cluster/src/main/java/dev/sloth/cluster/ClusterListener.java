package dev.sloth.cluster;

/**
 * Receives a {@link Cluster}'s events; every event names the member, so a dashboard can draw one lane per member.
 * Methods are called on the driver's scheduling threads and must return quickly; a listener that throws is logged
 * and does not disturb the evaluation.
 *
 * <pre>{@code
 * cluster.addListener(new ClusterListener() {
 *   public void nodeRan(RemoteRun run) {
 *     System.out.printf("%s on %s: %d us computing, %d us fetching%n",
 *         run.function(), run.member(), run.computeNanos() / 1000, run.transferNanos() / 1000);
 *   }
 * });
 * }</pre>
 */
public interface ClusterListener {
  /** A remote node ran (or was found already held) on a member. */
  default void nodeRan(RemoteRun run) {}

  /** A member refused a node: it lacks the function or has another version of its code. */
  default void refused(String member, String function, String reason) {}

  /** A member left the cluster (or died) while this driver was using it. */
  default void memberLost(String member) {}

  /** A result held by a lost member is being recomputed from its lineage. */
  default void recomputing(String function, String key) {}
}
