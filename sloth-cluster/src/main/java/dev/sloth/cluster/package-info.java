/**
 * Sloth on a Hazelcast cluster: a {@link dev.sloth.cluster.Cluster} driver records calls of named, versioned
 * functions ({@link dev.sloth.cluster.ClusterFunctions}) as nodes of an ordinary graph, and runs them on the data
 * members that {@link dev.sloth.cluster.ClusterMember#serve serve} the same function table. A remote task is a
 * description (function name, code version, argument values or references to results held by members), never a
 * closure; results stay on the member that computed them until a node elsewhere reads them.
 *
 * <pre>{@code
 * HazelcastInstance member = Hazelcast.newHazelcastInstance(Configs.loopbackMember("demo", 5801));
 * ClusterMember.serve(member, App.FUNCTIONS);
 * HazelcastInstance driver = Hazelcast.newHazelcastInstance(Configs.loopbackDriver("demo", 5801));
 * try (Cluster cluster = Cluster.connect(driver, Graph.create(), App.FUNCTIONS)) {
 *   RemoteNode<Integer> nine = cluster.call(App.SQUARE, 3);
 *   System.out.println(nine.get() + " computed on " + nine.member().orElseThrow());
 * }
 * }</pre>
 *
 * <p>The public types are the driver and its settings, the function table and its handles, the member's entry
 * point, the configs, the listener and its records, and {@link dev.sloth.cluster.RowBlocks} for lazy arrays split
 * by rows; the scheduler, batches, replies and keys are package-private. Scheduling, placement, work stealing and
 * fault handling are described in {@code docs/cluster.md}.
 */
package dev.sloth.cluster;
