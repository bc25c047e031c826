/**
 * Sloth on a Hazelcast cluster: the same graphs, with chosen functions run on cluster members. A remote task is a
 * description (function name, code version, argument values or references to results held by members), never a
 * closure. See {@link dev.sloth.cluster.Cluster}.
 */
module dev.sloth.cluster {
  requires transitive dev.sloth.core;
  requires transitive com.hazelcast.core;
  requires dev.sloth.array;
  requires dev.sloth.cache;
  requires java.logging;
  requires jdk.jfr;

  exports dev.sloth.cluster;
}
