package dev.sloth.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

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
    HazelcastInstance d = null;
    try {
      for (CompletableFuture<HazelcastInstance> f : starting) {
        HazelcastInstance hz = f.join();
        members.add(hz);
        served.add(ClusterMember.serve(hz, functions));
      }
      d = Hazelcast.newHazelcastInstance(Configs.loopbackDriver(name, port));
      Cluster.awaitReady(d, count + 1, Duration.ofSeconds(60));
    } catch (Throwable t) {
      // A cluster that failed to form leaves no instance running (threads, ports), started or still starting.
      for (CompletableFuture<HazelcastInstance> f : starting) {
        f.thenAccept(hz -> hz.getLifecycleService().terminate());
      }
      if (d != null) {
        d.getLifecycleService().terminate();
      }
      if (t instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      if (t instanceof RuntimeException r) {
        throw r;
      }
      if (t instanceof Error e) {
        throw e;
      }
      throw new IllegalStateException(t);
    }
    driver = d;
  }

  long stores() {
    return served.stream().mapToLong(ClusterMember::stores).sum();
  }

  long runs() {
    return served.stream().mapToLong(ClusterMember::runs).sum();
  }

  /**
   * Waits, 20 s at most, until {@code condition} holds, checking it again each time a change releases a permit of
   * {@code changes} (a change after a check leaves its permit, so none is missed); no polling.
   */
  static void awaitTrue(Semaphore changes, BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!condition.getAsBoolean()) {
      long left = deadline - System.nanoTime();
      assertThat(left > 0 && changes.tryAcquire(left, TimeUnit.NANOSECONDS)).as("within 20 s: " + what).isTrue();
    }
  }

  @Override
  public void close() {
    driver.getLifecycleService().terminate();
    members.forEach(m -> m.getLifecycleService().terminate());
  }
}
