package dev.sloth.cluster;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

/** Embedded data members plus a lite driver in this JVM, on loopback, under a cluster name of their own. */
final class TestCluster implements AutoCloseable {
  final String name = "sloth-test-" + UUID.randomUUID();
  final int port = ThreadLocalRandom.current().nextInt(20_000, 40_000);
  final List<HazelcastInstance> members = new ArrayList<>();
  final List<ClusterMember> served = new ArrayList<>();
  final HazelcastInstance driver;

  TestCluster(int count, ClusterFunctions functions) {
    List<CompletableFuture<HazelcastInstance>> starting = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      starting.add(CompletableFuture.supplyAsync(() -> Hazelcast.newHazelcastInstance(Configs.loopbackMember(name, port))));
    }
    for (CompletableFuture<HazelcastInstance> f : starting) {
      HazelcastInstance hz = f.join();
      members.add(hz);
      served.add(ClusterMember.serve(hz, functions));
    }
    driver = Hazelcast.newHazelcastInstance(Configs.loopbackDriver(name, port));
    try {
      Cluster.awaitReady(driver, count + 1, Duration.ofSeconds(60));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  long stores() {
    return served.stream().mapToLong(ClusterMember::stores).sum();
  }

  long runs() {
    return served.stream().mapToLong(ClusterMember::runs).sum();
  }

  @Override
  public void close() {
    driver.getLifecycleService().terminate();
    members.forEach(m -> m.getLifecycleService().terminate());
  }
}
