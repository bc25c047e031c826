package dev.sloth.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.core.HazelcastInstance;
import dev.sloth.graph.EvaluationException;
import dev.sloth.graph.Graph;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Faults at the edges: a consumer sent while the result it reads is being recomputed after a member died, a remote
 * exception that cannot even be printed, an argument Hazelcast cannot serialize, the members' records of destroyed
 * results, a driver closed after its instance is gone. The table is this class's own, served by its own members.
 */
@Timeout(90)
class FaultEdgesTest {
  static final ClusterFunctions FUNCTIONS = ClusterFunctions.create();

  static final AtomicInteger GATED_RUNS = new AtomicInteger();
  /** Counted down when a run of {@link #GATED} after the first starts. */
  static volatile CountDownLatch rerunStarted = new CountDownLatch(0);
  /** What a run of {@link #GATED} after the first waits for (30 s at most). */
  static volatile CountDownLatch releaseRerun = new CountDownLatch(0);
  /**
   * Ten times its argument, in a millisecond (so it is not a quick node: it runs in a batch, not on a partition
   * thread); its runs after the first wait for {@link #releaseRerun}.
   */
  static final RemoteFn<Integer> GATED = FUNCTIONS.fn1("Gated", (Integer x) -> {
    int run = GATED_RUNS.incrementAndGet();
    long end = System.nanoTime() + 1_000_000;
    while (System.nanoTime() < end) {
      Thread.onSpinWait(); // compute time only; no ordering depends on it
    }
    if (run >= 2) {
      rerunStarted.countDown();
      if (!releaseRerun.await(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the rerun of Gated was not released in 30 s");
      }
    }
    return 10 * x;
  });
  static final RemoteFn<Integer> ADD = FUNCTIONS.fn2("Add", (Integer a, Integer b) -> a + b);

  /** An exception whose message cannot be read: printing it throws. */
  static final class Unprintable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    @Override
    public String getMessage() {
      throw new IllegalStateException("getMessage of Unprintable threw (test)");
    }
  }

  static final AtomicInteger ID_RUNS = new AtomicInteger();
  static final RemoteFn<Integer> ID = FUNCTIONS.fn1("Id", (Integer x) -> {
    ID_RUNS.incrementAndGet();
    return x;
  });
  static final RemoteFn<Integer> UNPRINTABLE = FUNCTIONS.fn1("Unprintable", (Integer x) -> {
    throw new Unprintable();
  });
  static final RemoteFn<Integer> SUM = FUNCTIONS.fnN("Sum", (List<Integer> xs) -> {
    return xs.stream().mapToInt(Integer::intValue).sum();
  });

  static final RemoteFn<Integer> BOOM = FUNCTIONS.fn1("Boom", (Integer x) -> {
    throw new ArithmeticException("boom " + x);
  });

  static final AtomicInteger SHOW_RUNS = new AtomicInteger();
  static final RemoteFn<String> SHOW = FUNCTIONS.fn1("Show", (Object o) -> {
    SHOW_RUNS.incrementAndGet();
    return String.valueOf(o);
  });

  static TestCluster shared;

  @BeforeAll
  static void start() {
    shared = new TestCluster(3, FUNCTIONS);
  }

  @AfterAll
  static void stop() {
    shared.close();
  }

  static Cluster driverOn(TestCluster c) {
    return Cluster.builder(c.driver, Graph.create(), FUNCTIONS).namespace("f" + UUID.randomUUID()).build();
  }

  static HazelcastInstance memberNamed(TestCluster c, String name) {
    return c.members.stream()
        .filter(m -> {
          var a = m.getCluster().getLocalMember().getAddress();
          return (a.getHost() + ":" + a.getPort()).equals(name);
        })
        .findFirst().orElseThrow();
  }

  /**
   * A member holding a result dies; a first consumer of it finds it missing, and the driver recomputes it. A second
   * consumer recorded while that recomputation runs reads the same result: it must wait for it (and then run once),
   * not be sent with the reference of a result that has no place yet (the member failed on partition -1, and the
   * node failed with "could not be sent to or answered by member ...: ArrayIndexOutOfBoundsException").
   */
  @Test
  void aConsumerSentWhileItsLostInputIsRecomputedWaitsForItAndDoesNotFail() throws Exception {
    try (TestCluster own = new TestCluster(3, FUNCTIONS)) {
      Cluster driver = driverOn(own);
      GATED_RUNS.set(0);
      rerunStarted = new CountDownLatch(1);
      releaseRerun = new CountDownLatch(1);
      try {
        RemoteNode<Integer> input = driver.call(GATED, 1);
        input.node().get(); // computed and held by one member, not fetched
        CountDownLatch lost = new CountDownLatch(1);
        driver.addListener(new ClusterListener() {
          @Override
          public void memberLost(String member) {
            lost.countDown();
          }
        });
        memberNamed(own, input.member().orElseThrow()).getLifecycleService().terminate();
        assertThat(lost.await(30, TimeUnit.SECONDS)).as("the driver saw the member leave").isTrue();

        CompletableFuture<Integer> first = driver.call(ADD, input, 1).getAsync(); // finds it missing: recomputed
        assertThat(rerunStarted.await(30, TimeUnit.SECONDS)).as("Gated runs again").isTrue();
        Semaphore changes = new Semaphore(0);
        driver.onSchedulerChange(changes::release);
        long sentBefore = driver.stats().nodesSent(); // Gated, the first Add, Gated again
        RemoteNode<Integer> second = driver.call(ADD, input, 2);
        CompletableFuture<Object> secondRef = CompletableFuture.supplyAsync(() -> second.node().get());
        TestCluster.awaitTrue(changes, () -> driver.stats().nodesSent() > sentBefore,
            "the second Add was sent while Gated runs again");
        releaseRerun.countDown();

        assertThat(first).succeedsWithin(30, TimeUnit.SECONDS).isEqualTo(11);
        assertThat(secondRef).as("the second Add, sent while its input was recomputed")
            .succeedsWithin(30, TimeUnit.SECONDS);
        assertThat(second.get(Duration.ofSeconds(30))).isEqualTo(12);
        assertThat(GATED_RUNS.get()).as("the lost result is recomputed once").isEqualTo(2);
        assertThat(driver.stats().recomputed()).isEqualTo(1);
      } finally {
        releaseRerun.countDown();
        driver.close();
      }
    }
  }

  /**
   * A function's exception whose message cannot be read (printing it throws) fails only its own node, with an error
   * that says it failed on the member and names the exception's class, not "could not be sent to or answered by";
   * its batch-mates run once and keep their results.
   */
  @Test
  void anExceptionThatCannotBePrintedFailsOnlyItsNodeAndSaysWhatThrew() throws Exception {
    Cluster driver = driverOn(shared);
    ID_RUNS.set(0);
    try {
      List<Object> parts = new ArrayList<>();
      int expected = 0;
      for (int i = 0; i < 60; i++) { // more than the members' slots: the rest go in batches
        parts.add(driver.call(ID, i));
        expected += i;
      }
      RemoteNode<Integer> bad = driver.call(UNPRINTABLE, 0);
      List<Object> withBad = new ArrayList<>(parts);
      withBad.add(30, bad); // in the middle of the batches
      RemoteNode<Integer> top = driver.call(SUM, withBad.toArray());
      assertThatThrownBy(() -> top.get(Duration.ofSeconds(60)))
          .isInstanceOf(EvaluationException.class)
          .hasMessageContaining(bad.name())
          .cause().isInstanceOf(RemoteFunctionException.class)
          .hasMessageContaining("'Unprintable' failed on member")
          .hasMessageContaining(Unprintable.class.getName())
          .hasMessageNotContaining("could not be sent");
      assertThat(driver.call(SUM, parts.toArray()).get(Duration.ofSeconds(60))).isEqualTo(expected);
      assertThat(ID_RUNS.get()).as("each Id ran once: none was lost with the batch of the one that threw")
          .isEqualTo(60);
    } finally {
      driver.close();
    }
  }

  /**
   * An argument whose key can be computed but that Hazelcast cannot serialize (a {@code subList}, a map's {@code
   * keySet()}: lists and sets are fingerprinted by their elements, but these views are not {@code Serializable}) is
   * an error naming the argument, its class and the function, blamed on no member (none saw it); its batch-mates
   * run.
   */
  @Test
  void anArgumentHazelcastCannotSerializeIsAnErrorNamingItNotTheMember() throws Exception {
    Cluster driver = driverOn(shared);
    SHOW_RUNS.set(0);
    try {
      List<Integer> view = new ArrayList<>(List.of(1, 2, 3)).subList(0, 2);
      RemoteNode<String> unsendable = driver.call(SHOW, view);
      assertThatThrownBy(() -> unsendable.get(Duration.ofSeconds(30)))
          .isInstanceOf(EvaluationException.class)
          .hasMessageContaining(unsendable.name())
          .cause().isInstanceOf(RemoteFunctionException.class)
          .hasMessageContaining("argument 0 of 'Show' (a java.util.ArrayList$SubList) cannot be sent to a member")
          .hasMessageNotContaining("could not be sent to or answered by member")
          .satisfies(e -> assertThat(((RemoteFunctionException) e).member()).isNull());
      RemoteNode<String> keys = driver.call(SHOW, new java.util.HashMap<>(java.util.Map.of(7, 8)).keySet());
      RemoteNode<String> fine = driver.call(SHOW, List.of(4, 5));
      assertThatThrownBy(() -> driver.call(SUM, keys, fine).get(Duration.ofSeconds(30)))
          .cause().hasMessageContaining("argument 0 of 'Show' (a java.util.HashMap$KeySet)");
      assertThat(fine.get(Duration.ofSeconds(30))).isEqualTo("[4, 5]");
      assertThat(SHOW_RUNS.get()).as("only the serializable list ran").isEqualTo(1);
    } finally {
      driver.close();
    }
  }

  /**
   * Each member keeps a record (where, how big) of every result it stored, to answer a repeated node without running
   * it. Destroying a namespace's results must drop those records too: they pointed to nothing, and a long-running
   * member kept one for every result ever computed, destroyed or not.
   */
  @Test
  void destroyedResultsLeaveNoRecordOnTheMembers() throws Exception {
    Cluster driver = driverOn(shared);
    Cluster other = driverOn(shared);
    ID_RUNS.set(0);
    try {
      List<RemoteNode<Integer>> nodes = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        nodes.add(driver.call(ID, 1_000 + i));
      }
      nodes.forEach(n -> n.node().get());
      other.call(ID, 5).node().get();
      String ns = namespaceOf(driver);
      assertThat(shared.served.stream().mapToInt(m -> m.heldCount(ns)).sum()).isEqualTo(20);
      driver.destroyResults();
      assertThat(shared.served.stream().mapToInt(m -> m.heldCount(ns)).sum())
          .as("records of destroyed results left on the members").isZero();
      assertThat(shared.served.stream().mapToInt(m -> m.heldCount(namespaceOf(other))).sum())
          .as("another namespace keeps its record").isEqualTo(1);
      assertThat(driver.call(ID, 2_000).get(Duration.ofSeconds(30))).isEqualTo(2_000); // the namespace works on
      assertThat(ID_RUNS.get()).isEqualTo(22);
    } finally {
      driver.close();
      other.close();
    }
  }

  private static String namespaceOf(Cluster c) {
    String s = c.toString(); // Cluster[<namespace>, n members]
    return s.substring("Cluster[".length(), s.indexOf(','));
  }

  /**
   * A driver whose Hazelcast instance is gone (shut down, terminated) can still be closed: close() must not throw
   * {@code HazelcastInstanceNotActiveException} from removing its membership listener, and must still stop its
   * lateness timer (its thread, started by the first batch of several nodes, otherwise stays for good).
   */
  @Test
  void aDriverWhoseInstanceIsGoneClosesWithoutErrorAndStopsItsTimer() throws Exception {
    HazelcastInstance hz = com.hazelcast.core.Hazelcast.newHazelcastInstance(
        Configs.loopbackDriver(shared.name, shared.port));
    Cluster driver = Cluster.builder(hz, Graph.create(), FUNCTIONS).namespace("f" + UUID.randomUUID())
        .build();
    try {
      List<Object> parts = new ArrayList<>();
      for (int i = 0; i < 30; i++) { // more than the slots: batches of several nodes, whose lateness is checked
        parts.add(driver.call(ID, 3_000 + i));
      }
      assertThat(driver.call(SUM, parts.toArray()).get(Duration.ofSeconds(30))).isEqualTo(30 * 3_000 + 435);
      assertThat(driver.stats().batches()).isLessThan(31);
    } finally {
      hz.getLifecycleService().terminate();
    }
    driver.close();
    assertThat(driver.timerStopped()).isTrue();
    driver.close(); // twice: nothing happens
  }

  /**
   * {@code getAsync()} of a remote node that fails fails with the {@link EvaluationException}, as its Javadoc says
   * (before sloth-core's fix of {@code Evaluation.AsyncResult.finished}, it completed with null: a failed remote node
   * read as a null result).
   */
  @Test
  void getAsyncOfAFailingRemoteNodeFailsWithItsError() {
    Cluster driver = driverOn(shared);
    try {
      RemoteNode<Integer> boom = driver.call(BOOM, 1);
      assertThat(boom.getAsync()).failsWithin(30, TimeUnit.SECONDS)
          .withThrowableOfType(java.util.concurrent.ExecutionException.class)
          .withCauseInstanceOf(EvaluationException.class)
          .withMessageContaining("boom 1");
    } finally {
      driver.close();
    }
  }
}
