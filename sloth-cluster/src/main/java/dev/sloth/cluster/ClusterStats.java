package dev.sloth.cluster;

/**
 * Counters of a {@link Cluster} driver, from its start.
 *
 * <pre>{@code
 * total.get();
 * ClusterStats s = cluster.stats();
 * System.out.printf("%d nodes in %d batches, %d recomputed, %d stolen, %d bytes moved%n",
 *     s.nodesSent(), s.batches(), s.recomputed(), s.stolen(), s.bytesMoved());
 * }</pre>
 *
 * @param batches executor invocations sent
 * @param nodesSent remote nodes sent, counting resends
 * @param nodesStored nodes whose result a member stored (or already held)
 * @param foundHeld nodes a restarted driver found already held by the cluster, run nowhere
 * @param recomputed results recomputed after they were lost with a member
 * @param stolen queued nodes moved from a backlogged member to an idle one before they started
 * @param refusals nodes a member refused (no such function, or another code version)
 * @param memberDeaths members that left while holding work of this driver
 * @param bytesMoved bytes of inputs members fetched from other members
 */
public record ClusterStats(
    long batches, long nodesSent, long nodesStored, long foundHeld, long recomputed, long stolen, long refusals, long memberDeaths,
    long bytesMoved) {}
