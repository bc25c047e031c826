package dev.sloth.cluster;

/**
 * One remote node's run, as {@link ClusterListener#nodeRan} reports it: which function, which result (its key),
 * on which member, and how its time split between fetching inputs held elsewhere and computing.
 *
 * <pre>{@code
 * cluster.addListener(new ClusterListener() {
 *   public void nodeRan(RemoteRun run) {
 *     if (!run.reused() && run.transferNanos() > run.computeNanos()) {
 *       System.err.println(run.function() + " on " + run.member() + " spent more time fetching than computing");
 *     }
 *   }
 * });
 * }</pre>
 *
 * @param function the function's name
 * @param key the result's key (32 hex digits)
 * @param member the member that ran it (its address)
 * @param computeNanos time in the function
 * @param transferNanos time fetching the node's reference arguments (its share of its batch's one fetch)
 * @param bytesIn bytes of inputs fetched from other members
 * @param reused true if the member already held the result and ran nothing
 */
public record RemoteRun(
    String function, String key, String member, long computeNanos, long transferNanos, long bytesIn, boolean reused) {}
