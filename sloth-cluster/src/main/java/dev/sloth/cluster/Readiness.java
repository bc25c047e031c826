package dev.sloth.cluster;

import com.hazelcast.cluster.InitialMembershipEvent;
import com.hazelcast.cluster.InitialMembershipListener;
import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.memberselector.MemberSelectors;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.core.HazelcastInstanceNotActiveException;
import com.hazelcast.core.MemberLeftException;
import com.hazelcast.nio.serialization.HazelcastSerializationException;
import java.io.Serializable;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@link Cluster#awaitReady}: waits for a cluster to form without polling.
 *
 * <p>First the members: an {@link InitialMembershipListener} is told the members there are when it is added, then
 * every change, so no join can fall between a look and the wait, and a latch is counted down when enough are there.
 * Then the partitions, for which Hazelcast sends no event: each data member can wait for its own to be safe (every
 * replica owned, no migration running, its backups in sync: {@code forceLocalMemberToBeSafe}), so the instance asks
 * every data member to, in a task ({@link LocalPartitionsSafe}, on the members' class path with the rest of
 * sloth-cluster), and waits for each answer. Once every data member was safe after the last join, the cluster is
 * ({@code isClusterSafe} asks each member the same), and it works from a client as from a member.
 */
final class Readiness {
  /** The executor the partition checks run on, on each data member. */
  static final String EXECUTOR = "sloth.readiness";

  private Readiness() {}

  static void awaitReady(HazelcastInstance hz, int members, Duration timeout) throws InterruptedException {
    Objects.requireNonNull(hz, "the Hazelcast instance to wait on is null");
    Objects.requireNonNull(timeout, "the timeout is null");
    if (members < 1) {
      throw new IllegalArgumentException("a cluster has at least 1 member; was asked to wait for " + members);
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("the timeout must be positive, was " + timeout);
    }
    long nanos = TimeUnit.NANOSECONDS.convert(timeout); // saturates: a timeout of centuries is "as long as it takes"
    long start = System.nanoTime();
    awaitMembers(hz, members, nanos, timeout);
    awaitPartitionsSafe(hz, Math.max(1, left(start, nanos)), timeout);
  }

  /** What is left of {@code nanos} counted from {@code start}; differences of nanoTime, so nothing overflows. */
  private static long left(long start, long nanos) {
    return nanos - (System.nanoTime() - start);
  }

  private static void awaitMembers(HazelcastInstance hz, int size, long nanos, Duration timeout)
      throws InterruptedException {
    CountDownLatch formed = new CountDownLatch(1);
    AtomicReference<Set<Member>> seen = new AtomicReference<>(Set.of());
    UUID listener = hz.getCluster().addMembershipListener(new InitialMembershipListener() {
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
          formed.countDown();
        }
      }
    });
    try {
      if (!formed.await(nanos, TimeUnit.NANOSECONDS)) {
        throw new IllegalStateException("the cluster did not reach " + size + " members in " + timeout + ": "
            + hz.getName() + " sees " + seen.get().size() + " " + seen.get());
      }
    } finally {
      hz.getCluster().removeMembershipListener(listener);
    }
  }

  private static void awaitPartitionsSafe(HazelcastInstance hz, long nanos, Duration timeout)
      throws InterruptedException {
    long start = System.nanoTime();
    if (hz.getCluster().getMembers().stream().allMatch(Member::isLiteMember)) {
      throw new IllegalStateException("the cluster of " + hz.getName() + " has no data member to own its partitions: "
          + "its members " + hz.getCluster().getMembers() + " are all lite (a driver is one; start a member)");
    }
    Map<Member, Future<Boolean>> answers = hz.getExecutorService(EXECUTOR)
        .submitToMembers(new LocalPartitionsSafe(nanos), MemberSelectors.DATA_MEMBER_SELECTOR);
    for (Map.Entry<Member, Future<Boolean>> answer : answers.entrySet()) {
      String member = "member " + answer.getKey().getAddress();
      try {
        // A little longer than the member's own wait, so that its "not safe" answer arrives rather than a timeout.
        long left = Math.max(0, left(start, nanos));
        long grace = TimeUnit.SECONDS.toNanos(5);
        if (!answer.getValue().get(left > Long.MAX_VALUE - grace ? Long.MAX_VALUE : left + grace,
            TimeUnit.NANOSECONDS)) {
          throw new IllegalStateException(member + ": its partitions were not safe within " + timeout
              + " (a replica without an owner, a migration still running, or backups out of sync)");
        }
      } catch (ExecutionException e) {
        throw new IllegalStateException(member + ": " + whyNoAnswer(e.getCause()) + ": " + e.getCause(), e.getCause());
      } catch (TimeoutException e) {
        throw new IllegalStateException(member + ": no answer whether its partitions are safe within " + timeout, e);
      }
    }
  }

  /** Why a data member gave no answer, as the cause of its failed task tells it. */
  static String whyNoAnswer(Throwable cause) {
    if (cause instanceof MemberLeftException || cause instanceof HazelcastInstanceNotActiveException) {
      return "it left the cluster before saying whether its partitions are safe";
    }
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof HazelcastSerializationException || t instanceof ClassNotFoundException) {
        return "it could not load the check of its partitions (is sloth-cluster on its class path, as "
            + "ClusterMember's is?)";
      }
    }
    return "the check of its partitions failed there";
  }

  /** Runs on a data member: waits, at most the given time, until its own partitions are safe. */
  static final class LocalPartitionsSafe implements Callable<Boolean>, HazelcastInstanceAware, Serializable {
    private static final long serialVersionUID = 1L;
    private final long nanos;
    private transient HazelcastInstance member;

    LocalPartitionsSafe(long nanos) {
      this.nanos = nanos;
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance member) {
      this.member = member;
    }

    @Override
    public Boolean call() {
      return member.getPartitionService().forceLocalMemberToBeSafe(nanos, TimeUnit.NANOSECONDS);
    }
  }
}
