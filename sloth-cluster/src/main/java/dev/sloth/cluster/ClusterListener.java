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
  /**
   * A remote node ran (or was found already held) on a member.
   *
   * @param run what ran, where, and how long computing and fetching its inputs took
   */
  default void nodeRan(RemoteRun run) {}

  /**
   * A member refused a node: it lacks the function or has another version of its code.
   *
   * @param member the refusing member's address
   * @param function the function's name
   * @param reason why, as the member put it
   */
  default void refused(String member, String function, String reason) {}

  /**
   * A member left the cluster (or died) while this driver was using it.
   *
   * @param member the lost member's address
   */
  default void memberLost(String member) {}

  /**
   * A result held by a lost member is being recomputed from its lineage.
   *
   * @param function the name of the function that produced the lost result
   * @param key the result's key
   */
  default void recomputing(String function, String key) {}
}
