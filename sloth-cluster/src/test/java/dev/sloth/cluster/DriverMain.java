package dev.sloth.cluster;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import dev.sloth.graph.Graph;

/**
 * A driver in a child JVM: {@code DriverMain <cluster> <port> <table class> <namespace> <n>} computes {@code
 * Sum(Leaf(base)..Leaf(base + n - 1))} with base 200, prints {@code RESULT <sum>} and halts without any cleanup, as
 * a driver that dies would.
 */
public final class DriverMain {
  private DriverMain() {}

  public static void main(String[] args) throws Exception {
    HazelcastInstance hz = Hazelcast.newHazelcastInstance(Configs.loopbackDriver(args[0], Integer.parseInt(args[1])));
    ClusterFunctions table = (ClusterFunctions) Class.forName(args[2]).getField("FUNCTIONS").get(null);
    Cluster c = Cluster.builder(hz, Graph.create(), table).namespace(args[3]).build();
    int sum = restartGraph(c, table, Integer.parseInt(args[4])).get();
    System.out.println("RESULT " + sum);
    System.out.flush();
    Runtime.getRuntime().halt(0);
  }

  @SuppressWarnings("unchecked")
  static RemoteNode<Integer> restartGraph(Cluster c, ClusterFunctions table, int n) {
    Object[] leaves = new Object[n];
    for (int i = 0; i < n; i++) {
      leaves[i] = c.call((RemoteFn<Integer>) table.get("Leaf"), 200 + i);
    }
    return c.call((RemoteFn<Integer>) table.get("Sum"), leaves);
  }
}
