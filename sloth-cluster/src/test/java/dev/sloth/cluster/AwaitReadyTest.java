package dev.sloth.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@link Cluster#awaitReady}: it waits for the members to join and their partitions to be safe, or says why not. */
class AwaitReadyTest {

  @Test
  void waitsForTheMembersThatJoinAfterItStartsThenForTheirPartitions() throws Exception {
    String name = "sloth-ready-" + UUID.randomUUID();
    int port = ThreadLocalRandom.current().nextInt(20_000, 40_000);
    HazelcastInstance driver = Hazelcast.newHazelcastInstance(Configs.loopbackDriver(name, port));
    List<HazelcastInstance> members = new ArrayList<>();
    try {
      CompletableFuture<Void> ready = CompletableFuture.runAsync(() -> {
        try {
          Cluster.awaitReady(driver, 3, Duration.ofSeconds(90));
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
      });
      assertThat(ready).as("ready with the driver alone").isNotDone(); // it needs two more members to be

      for (int i = 0; i < 2; i++) {
        members.add(Hazelcast.newHazelcastInstance(Configs.loopbackMember(name, port)));
      }

      ready.get(120, TimeUnit.SECONDS);
      assertThat(driver.getCluster().getMembers()).hasSize(3);
      assertThat(driver.getPartitionService().isClusterSafe()).as("partitions safe once ready").isTrue();

      assertThatThrownBy(() -> Cluster.awaitReady(driver, 4, Duration.ofMillis(300)))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("did not reach 4 members in PT0.3S")
          .hasMessageContaining("sees 3");
    } finally {
      driver.getLifecycleService().terminate();
      members.forEach(m -> m.getLifecycleService().terminate());
    }
  }

  @Test
  void aClusterOfLiteMembersOnlyIsNeverReadyAndSaysWhy() throws Exception {
    String name = "sloth-ready-" + UUID.randomUUID();
    HazelcastInstance driver = Hazelcast.newHazelcastInstance(
        Configs.loopbackDriver(name, ThreadLocalRandom.current().nextInt(20_000, 40_000)));
    try {
      assertThatThrownBy(() -> Cluster.awaitReady(driver, 1, Duration.ofSeconds(30)))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("has no data member to own its partitions")
          .hasMessageContaining("are all lite");
      // An interrupted caller stops waiting at once, with the InterruptedException.
      Thread.currentThread().interrupt();
      try {
        assertThatThrownBy(() -> Cluster.awaitReady(driver, 3, Duration.ofSeconds(30)))
            .isInstanceOf(InterruptedException.class);
      } finally {
        Thread.interrupted();
      }
      // A timeout past what nanoseconds can count means "as long as it takes", not an overflow.
      assertThatThrownBy(() -> Cluster.awaitReady(driver, 1, Duration.ofSeconds(Long.MAX_VALUE)))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("has no data member to own its partitions");
    } finally {
      driver.getLifecycleService().terminate();
    }
  }

  /** A member that cannot answer is reported for what happened to it, not blamed on its class path. */
  @Test
  void aMemberThatCannotAnswerIsReportedForWhatHappened() {
    assertThat(Readiness.whyNoAnswer(new com.hazelcast.core.MemberLeftException("gone")))
        .isEqualTo("it left the cluster before saying whether its partitions are safe");
    assertThat(Readiness.whyNoAnswer(new com.hazelcast.nio.serialization.HazelcastSerializationException("no class",
        new ClassNotFoundException("dev.sloth.cluster.Readiness$LocalPartitionsSafe"))))
        .contains("could not load the check").contains("class path");
    assertThat(Readiness.whyNoAnswer(new IllegalStateException("boom")))
        .isEqualTo("the check of its partitions failed there");
  }

  @Test
  void badArgumentsAreRefusedSayingWhich() {
    assertThatThrownBy(() -> Cluster.awaitReady(null, 1, Duration.ofSeconds(1)))
        .isInstanceOf(NullPointerException.class).hasMessage("the Hazelcast instance to wait on is null");
    HazelcastInstance notUsed = java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {HazelcastInstance.class}, (p, m, a) -> {
          throw new AssertionError("the instance was used before the arguments were checked: " + m.getName());
        }) instanceof HazelcastInstance h ? h : null;
    assertThatThrownBy(() -> Cluster.awaitReady(notUsed, 0, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a cluster has at least 1 member; was asked to wait for 0");
    assertThatThrownBy(() -> Cluster.awaitReady(notUsed, 2, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("the timeout must be positive, was PT0S");
    assertThatThrownBy(() -> Cluster.awaitReady(notUsed, 2, null))
        .isInstanceOf(NullPointerException.class).hasMessage("the timeout is null");
  }
}
