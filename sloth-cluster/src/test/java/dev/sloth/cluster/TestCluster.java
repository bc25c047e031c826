package dev.sloth.cluster;

import com.hazelcast.cluster.InitialMembershipEvent;
import com.hazelcast.cluster.InitialMembershipListener;
import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

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
    awaitMembers(driver, count + 1);
    members.forEach(TestCluster::awaitSafe);
  }

  /**
   * Waits, 60 s at most, until {@code hz} sees {@code size} members: an {@link InitialMembershipListener} gets the
   * members there are when it is added, then every join, so no join can fall between a look and the wait.
   */
  static void awaitMembers(HazelcastInstance hz, int size) {
    CountDownLatch joined = new CountDownLatch(1);
    AtomicReference<Set<Member>> seen = new AtomicReference<>(Set.of());
    UUID id = hz.getCluster().addMembershipListener(new InitialMembershipListener() {
      @Override
      public void init(InitialMembershipEvent event) {
        saw(event.getMembers());
      }

      @Override
      public void memberAdded(MembershipEvent event) {
        saw(event.getMembers());
      }

      @Override
      public void memberRemoved(MembershipEvent event) {
        saw(event.getMembers());
      }

      private void saw(Set<Member> now) {
        seen.set(now);
        if (now.size() >= size) {
          joined.countDown();
        }
      }
    });
    try {
      if (!joined.await(60, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the cluster did not reach " + size + " members in 60 s: " + hz.getName()
            + " sees " + seen.get());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } finally {
      hz.getCluster().removeMembershipListener(id);
    }
  }

  /**
   * Waits, 60 s at most, until data member {@code hz}'s partitions are safe: every replica has an owner, no
   * migration runs (here or on the master), the backups of the partitions it owns are in sync. Hazelcast sends no
   * event for that, so this asks Hazelcast to wait ({@code forceLocalMemberToBeSafe}); once every data member was
   * safe after the last join, the cluster is ({@code isClusterSafe} asks each member the same).
   */
  static void awaitSafe(HazelcastInstance hz) {
    if (!hz.getPartitionService().forceLocalMemberToBeSafe(60, TimeUnit.SECONDS)) {
      throw new IllegalStateException("member " + hz.getCluster().getLocalMember().getAddress()
          + ": its partitions were not safe in 60 s (a replica without owner, a migration, or backups out of sync)");
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
