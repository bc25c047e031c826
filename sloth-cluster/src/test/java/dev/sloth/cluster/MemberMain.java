package dev.sloth.cluster;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;

/**
 * A member in a child JVM: {@code MemberMain <cluster> <port> <table class>}. Prints {@code READY <name> <pid>}
 * once it serves, and halts when its parent closes its standard input (so no member outlives its test).
 */
public final class MemberMain {
  private MemberMain() {}

  public static void main(String[] args) throws Exception {
    HazelcastInstance hz = Hazelcast.newHazelcastInstance(Configs.loopbackMember(args[0], Integer.parseInt(args[1])));
    ClusterFunctions table = (ClusterFunctions) Class.forName(args[2]).getField("FUNCTIONS").get(null);
    ClusterMember m = ClusterMember.serve(hz, table);
    System.out.println("READY " + m.name() + " " + ProcessHandle.current().pid());
    System.out.flush();
    while (System.in.read() != -1) {
      // wait for the parent to close stdin (or die)
    }
    Runtime.getRuntime().halt(0);
  }
}
