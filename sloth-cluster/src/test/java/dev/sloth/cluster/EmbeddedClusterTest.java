package dev.sloth.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sloth.graph.EvaluationException;
import dev.sloth.graph.Graph;
import dev.sloth.graph.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import com.hazelcast.core.HazelcastInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class EmbeddedClusterTest {
  static TestCluster cluster;
  Graph graph;
  Cluster driver;

  @BeforeAll
  static void start() {
    cluster = new TestCluster(3, TestApp.FUNCTIONS);
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  @BeforeEach
  void connect() {
    TestApp.RUNS.clear();
    graph = Graph.create();
    driver = Cluster.builder(cluster.driver, graph, TestApp.FUNCTIONS).namespace("t" + UUID.randomUUID()).build();
  }

  @Test
  void computesRemotelyOnceAndCachesLikeTheLocalEngine() {
    RemoteNode<Integer> a = driver.call(TestApp.SQUARE, 3);
    RemoteNode<Integer> b = driver.call(TestApp.ADD, a, 1);
    assertThat(TestApp.runs("Square")).isZero(); // recording runs nothing
    assertThat(b.get()).isEqualTo(10);
    assertThat(TestApp.runs("Square")).isEqualTo(1);
    assertThat(TestApp.runs("Add")).isEqualTo(1);
    assertThat(b.get()).isEqualTo(10); // cached: nothing runs again
    assertThat(TestApp.runs("Square") + TestApp.runs("Add")).isEqualTo(2);
    assertThat(driver.stats().nodesStored()).isEqualTo(2);
    assertThat(a.member()).isPresent();
    assertThat(driver.members()).contains(a.member().orElseThrow());
  }

  @Test
  void mixesPlainValuesLocalNodesAndRemoteNodes() {
    var x = graph.source("x", 4);
    RemoteNode<Integer> sq = driver.call(TestApp.SQUARE, x);
    Node<Integer> local = graph.fn1("Twice", (Integer v) -> 2 * v).call(sq.value());
    assertThat(local.get()).isEqualTo(32);
    x.set(5);
    assertThat(local.get()).isEqualTo(50);
    assertThat(TestApp.runs("Square")).isEqualTo(2);
    RemoteNode<Integer> sum = driver.call(TestApp.SUM, sq, 1, driver.call(TestApp.CONST), local);
    assertThat(sum.get()).isEqualTo(25 + 1 + 42 + 50);
  }

  @Test
  void aThrowingFunctionFailsWithItsPathAndKeepsWhatSucceeded() {
    RemoteNode<Integer> ok = driver.call(TestApp.SQUARE, 2);
    RemoteNode<Integer> bad = driver.call(TestApp.INVERSE, 0);
    RemoteNode<Integer> top = driver.call(TestApp.ADD, ok, bad);
    assertThatThrownBy(top::get)
        .isInstanceOf(EvaluationException.class)
        .hasMessageContaining(top.name())
        .hasMessageContaining(bad.name())
        .cause().isInstanceOf(RemoteFunctionException.class)
        .hasMessageContaining("ArithmeticException")
        .satisfies(e -> assertThat(((RemoteFunctionException) e).member()).isIn(driver.members()));
    assertThat(TestApp.runs("Add")).isZero(); // its dependent never ran
    assertThat(ok.get()).isEqualTo(4);
    assertThat(TestApp.runs("Square")).isEqualTo(1); // kept: not run again
  }

  @Test
  void aResultWhoseSerializationThrowsAnErrorFailsItsNodeNamingItAndTheClusterGoesOn() {
    RemoteNode<TestApp.Unwritable> lone = driver.call(TestApp.UNWRITABLE, 1);
    assertThatThrownBy(lone::get)
        .isInstanceOf(EvaluationException.class)
        .hasMessageContaining(lone.name())
        .cause().isInstanceOf(RemoteFunctionException.class)
        .hasMessageContaining("cannot be serialized")
        .hasMessageContaining("StackOverflowError");
    RemoteNode<Integer> many = driver.call(TestApp.SUM, driver.call(TestApp.UNWRITABLE, 2),
        driver.call(TestApp.UNWRITABLE, 3), driver.call(TestApp.SQUARE, 4));
    assertThatThrownBy(many::get)
        .isInstanceOf(EvaluationException.class)
        .cause().isInstanceOf(RemoteFunctionException.class)
        .hasMessageContaining("cannot be serialized");
    assertThat(driver.call(TestApp.SQUARE, 7).get()).isEqualTo(49); // the members go on
  }

  @Test
  void repliesAndStoresAreHandledOnHazelcastsOwnThreadsWithoutAThreadStartedPerNode() {
    List<String> threads = new java.util.concurrent.CopyOnWriteArrayList<>();
    driver.addListener(new ClusterListener() {
      @Override
      public void nodeRan(RemoteRun run) {
        threads.add(Thread.currentThread().getName());
      }
    });
    driver.call(TestApp.SQUARE, -1).node().get(); // the first run loads classes and may start pools
    java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
    long startedBefore = mx.getTotalStartedThreadCount();
    for (int i = 0; i < 40; i++) {
      driver.call(TestApp.SQUARE, 1_000 + i).node().get();
    }
    long started = mx.getTotalStartedThreadCount() - startedBefore;
    // Hazelcast's public futures hand completions to its default executor: where the common pool has one thread
    // (two cores or fewer, as here), a new thread per completion (per reply on the driver, per store on a member).
    String self = Thread.currentThread().getName(); // a reply that came before its callback was registered
    assertThat(threads).hasSize(41)
        .allSatisfy(name -> assertThat(name).matches("hz\\..*|" + java.util.regex.Pattern.quote(self)));
    assertThat(started).as("threads started while 40 nodes ran one after the other").isLessThan(20);
    assertThat(cluster.stores()).isGreaterThanOrEqualTo(41);
  }

  @Test
  void aLoneQuickNodeRunsOnThePartitionThreadOfItsResultAndIsStoredOnce() {
    TestApp.WHERE_THREADS.clear();
    long storesBefore = cluster.stores();
    assertThat(driver.call(TestApp.WHERE, 1).get()).isEqualTo(1); // its first run: no estimate yet, so a batch
    for (int i = 2; i <= 6; i++) {
      assertThat(driver.call(TestApp.WHERE, i).get()).isEqualTo(i); // alone, plain arguments, known quick
    }
    assertThat(TestApp.WHERE_THREADS).hasSize(6);
    assertThat(TestApp.WHERE_THREADS.get(0)).doesNotContain("partition-operation"); // an executor thread
    assertThat(TestApp.WHERE_THREADS.subList(1, 6)).allSatisfy(t -> assertThat(t).contains("partition-operation"));
    assertThat(cluster.stores() - storesBefore).isEqualTo(6);
    assertThat(driver.stats().nodesStored()).isEqualTo(6);
    // A node that reads a result still goes in a batch (a partition thread may not wait for other partitions).
    assertThat(driver.call(TestApp.ADD, driver.call(TestApp.WHERE, 7), 1).get()).isEqualTo(8);
    assertThat(TestApp.runs("Add")).isEqualTo(1);
  }

  @Test
  void aLoneNodeThatReachesAnotherMemberThanTheChosenOneRunsNothingThere() throws Exception {
    HazelcastInstance chosen = cluster.members.get(0);
    HazelcastInstance owner = cluster.members.get(1);
    PartitionKeys keys = new PartitionKeys(cluster.driver.getPartitionService());
    int p = -1;
    for (com.hazelcast.partition.Partition part : cluster.driver.getPartitionService().getPartitions()) {
      if (owner.getCluster().getLocalMember().equals(part.getOwner())) {
        p = part.getPartitionId();
        break;
      }
    }
    assertThat(p).as("a partition owned by the second member").isNotNegative();
    String ns = "guard" + UUID.randomUUID();
    com.hazelcast.map.IMap<Object, Object> map = cluster.driver.getMap(Configs.RESULTS_PREFIX + ns);
    Ref ref = Keys.refOf(TestApp.SQUARE, new Object[] {77});
    Object key = keys.mapKey(ref.k1, ref.k2, p);
    // As when the chosen member died and Hazelcast retried the processor on the partition's new owner.
    Reply moved = map.submitToKey(key, new RunOne(ns, chosen.getCluster().getLocalMember().getUuid(), ref, p, true))
        .toCompletableFuture().get(30, TimeUnit.SECONDS);
    assertThat(moved.status[0]).isEqualTo(Reply.ELSEWHERE);
    assertThat(TestApp.runs("Square")).isZero();
    assertThat(map.containsKey(key)).isFalse();
    Reply ran = map.submitToKey(key, new RunOne(ns, owner.getCluster().getLocalMember().getUuid(), ref, p, true))
        .toCompletableFuture().get(30, TimeUnit.SECONDS);
    assertThat(ran.status[0]).isEqualTo(Reply.STORED);
    assertThat(ran.partition[0]).isEqualTo(p);
    assertThat(TestApp.runs("Square")).isEqualTo(1);
    assertThat(map.get(key)).isEqualTo(77 * 77); // set in place, on the partition it was sent to
    assertThat(ran.value[0]).as("asked for, and small: sent with the answer").isNotNull();
    Reply again = map.submitToKey(key, new RunOne(ns, owner.getCluster().getLocalMember().getUuid(), ref, p, false))
        .toCompletableFuture().get(30, TimeUnit.SECONDS);
    assertThat(again.status[0]).as("held already: left to a batch, which checks the store").isEqualTo(Reply.DEFERRED);
    assertThat(TestApp.runs("Square")).isEqualTo(1);
    map.destroy();
  }

  @Test
  void manyReadyNodesTravelInFewBatchesAndEachResultIsStoredOnce() {
    long storesBefore = cluster.stores();
    List<RemoteNode<Integer>> leaves = new ArrayList<>();
    for (int i = 0; i < 3_000; i++) {
      leaves.add(driver.call(TestApp.SQUARE, i));
    }
    RemoteNode<Integer> sum = driver.call(TestApp.SUM, leaves.toArray());
    int expected = 0;
    for (int i = 0; i < 3_000; i++) {
      expected += i * i;
    }
    assertThat(sum.get()).isEqualTo(expected);
    assertThat(TestApp.runs("Square")).isEqualTo(3_000);
    ClusterStats s = driver.stats();
    // Each node is sent once, plus once more for each node an idle member took over from a late batch (a loaded
    // machine makes batches late): nodesSent counts resends, stolen counts every node moved.
    assertThat(s.nodesSent()).isBetween(3_001L, 3_001L + s.stolen());
    assertThat(s.batches()).isLessThan(300); // batched: on average more than 10 nodes per invocation
    assertThat(cluster.stores() - storesBefore).isEqualTo(3_001);
  }

  @Test
  void aConsumerRunsWhereMostOfItsInputBytesAreAndMovesOnlyTheRest() {
    List<RemoteNode<byte[]>> blobs = new ArrayList<>();
    for (int i = 1; i <= 6; i++) {
      blobs.add(driver.call(TestApp.BLOB, 64 * i)); // 64..384 KiB, spread over the members
    }
    for (RemoteNode<byte[]> b : blobs) {
      b.node().get(); // compute where they land, fetch nothing
    }
    RemoteNode<Long> total = driver.call(TestApp.TOTAL, blobs.toArray());
    assertThat(total.get()).isEqualTo(64L * 1024 * 21);
    // Where each input is held, and the least that must move: everything not held where the consumer runs.
    Map<String, Long> held = new HashMap<>();
    long all = 0;
    for (int i = 0; i < blobs.size(); i++) {
      long size = 64L * 1024 * (i + 1);
      all += size;
      held.merge(blobs.get(i).member().orElseThrow(), size, Long::sum);
    }
    long heldThere = held.getOrDefault(total.member().orElseThrow(), 0L);
    assertThat(heldThere).isEqualTo(held.values().stream().mapToLong(Long::longValue).max().orElseThrow());
    long minimum = all - heldThere;
    // Counted as serialized sizes: a few header bytes per input above the arrays' lengths.
    assertThat(driver.stats().bytesMoved()).isBetween(minimum, minimum + 6 * 64);
  }

  @Test
  void idleMembersStealQueuedSlowNodesFromABackloggedOneAndNothingRunsTwice() {
    RemoteNode<byte[]> warm = driver.call(TestApp.BLOB, 1);
    assertThat(driver.call(TestApp.SLOW, warm, 20).get()).isEqualTo(1024); // teaches the scheduler: Slow is slow
    RemoteNode<byte[]> input = driver.call(TestApp.BLOB, 64);
    input.node().get();
    String holder = input.member().orElseThrow();
    Set<String> ranOn = ConcurrentHashMap.newKeySet();
    driver.addListener(new ClusterListener() {
      @Override
      public void nodeRan(RemoteRun run) {
        if (run.function().equals("Slow")) {
          ranOn.add(run.member());
        }
      }
    });
    List<Object> consumers = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      consumers.add(driver.call(TestApp.SLOW, input, 30 + i)); // all prefer the holder of their 64 KiB input
    }
    RemoteNode<Long> all = driver.call(TestApp.TOTAL_INTS, consumers.toArray());
    assertThat(all.get()).isEqualTo(12L * 64 * 1024);
    assertThat(TestApp.runs("Slow")).isEqualTo(1 + 12); // stolen, never run twice
    assertThat(driver.stats().stolen()).isPositive();
    assertThat(ranOn).contains(holder).hasSizeGreaterThan(1);
  }

  @Test
  void cheapNodesOfABigInputAreNotStolen() {
    RemoteNode<byte[]> input = driver.call(TestApp.BLOB, 1024);
    input.node().get();
    String holder = input.member().orElseThrow();
    List<Object> consumers = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      consumers.add(driver.call(TestApp.LEN, input, i)); // microseconds of work next to 1 MiB to move
    }
    assertThat(driver.call(TestApp.TOTAL_INTS, consumers.toArray()).get()).isEqualTo(40L * 1024 * 1024);
    assertThat(driver.stats().stolen()).isZero();
    for (Object c : consumers) {
      assertThat(((RemoteNode<?>) c).member()).contains(holder);
    }
  }

  @Test
  void aLazyArrayIsEvaluatedInRowBlocksEachMemberComputingOnlyItsBlock() {
    TestApp.ELEMENTS.set(0);
    List<RemoteNode<double[]>> blocks = TestApp.FIELD.blocks(driver, 6);
    Node<dev.sloth.array.Evaluated> whole = TestApp.FIELD.evaluate(driver, 6);
    assertThat(TestApp.ELEMENTS.get()).isZero(); // nothing evaluated yet
    dev.sloth.array.Evaluated v = whole.get();
    assertThat(v.shape().toArray()).containsExactly(60, 7);
    for (int i = 0; i < 60; i++) {
      for (int j = 0; j < 7; j++) {
        assertThat(v.getDouble(i, j)).isEqualTo(2.0 * (i * 100 + j));
      }
    }
    assertThat(TestApp.ELEMENTS.get()).isEqualTo(60 * 7); // each element computed once, by one member
    assertThat(blocks.stream().map(b -> b.member().orElseThrow()).distinct().count()).isEqualTo(3);
    assertThat(blocks.get(5).get()).hasSize(10 * 7);
  }

  @Test
  void badCallsAreClearErrorsAndRunNothing() {
    RemoteFn<Integer> stranger = ClusterFunctions.create().fn1("Square", (Integer x) -> x);
    assertThatThrownBy(() -> driver.call(stranger, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("function 'Square' is not in this cluster's function table");
    assertThatThrownBy(() -> driver.call(TestApp.ADD, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("function 'Add' takes 2 arguments, got 1");
    RemoteNode<Integer> unsendable = driver.call(TestApp.SUM, 1, new Object());
    assertThatThrownBy(unsendable::get)
        .isInstanceOf(EvaluationException.class)
        .hasMessageContaining(unsendable.name())
        .hasMessageContaining("argument 1 of 'Sum'");
    assertThat(TestApp.runs("Sum")).isZero();
  }

  @Test
  void eachRemoteRunIsAFlightRecorderEventNamingItsMember() throws Exception {
    try (jdk.jfr.Recording r = new jdk.jfr.Recording()) {
      r.enable("dev.sloth.RemoteRun");
      r.start();
      RemoteNode<Integer> n = driver.call(TestApp.SQUARE, 12);
      assertThat(n.get()).isEqualTo(144);
      r.stop();
      java.nio.file.Path file = java.nio.file.Files.createTempFile("remote", ".jfr");
      r.dump(file);
      List<jdk.jfr.consumer.RecordedEvent> events = jdk.jfr.consumer.RecordingFile.readAllEvents(file).stream()
          .filter(e -> e.getEventType().getName().equals("dev.sloth.RemoteRun")).toList();
      java.nio.file.Files.delete(file);
      assertThat(events).hasSize(1);
      assertThat(events.get(0).getString("function")).isEqualTo("Square");
      assertThat(events.get(0).getString("member")).isEqualTo(n.member().orElseThrow());
    }
  }

  @Test
  void withRunPureFunctionsRemotelyTheGraphsOwnRegisteredFunctionsRunOnMembers() {
    Graph g = Graph.create();
    Cluster remote = Cluster.builder(cluster.driver, g, TestApp.FUNCTIONS).namespace("g" + UUID.randomUUID())
        .runPureFunctionsRemotely().keepLocal("Twice").build();
    var cube = g.fn1("Cube", TestApp.CUBE_CODE);
    var twice = g.fn1("Twice", (Integer v) -> 2 * v);
    var x = g.source("x", 3);
    Node<Integer> top = twice.call(cube.call(x));
    long memberRuns = cluster.runs();
    assertThat(top.get()).isEqualTo(54);
    assertThat(TestApp.runs("Cube")).isEqualTo(1);
    assertThat(cluster.runs() - memberRuns).as("Cube ran on a member").isEqualTo(1);
    assertThat(remote.stats().nodesStored()).isEqualTo(1);
    assertThat(remote.fetches()).as("the small value came with the member's answer: no second trip").isZero();
    assertThat(top.get()).isEqualTo(54); // cached by the graph: nothing runs again
    x.set(4);
    assertThat(top.get()).isEqualTo(128);
    assertThat(cluster.runs() - memberRuns).isEqualTo(2);
    assertThat(TestApp.runs("Cube")).isEqualTo(2);
    remote.close();
  }

  @Test
  void withRunPureFunctionsRemotelyAnUnregisteredOrDifferentFunctionIsAnErrorNamingIt() {
    Graph g = Graph.create();
    Cluster remote = Cluster.builder(cluster.driver, g, TestApp.FUNCTIONS).namespace("g" + UUID.randomUUID())
        .runPureFunctionsRemotely().build();
    Node<Integer> unregistered = g.fn1("Halve", (Integer v) -> v / 2).call(8);
    assertThatThrownBy(unregistered::get).isInstanceOf(EvaluationException.class)
        .cause().isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("function 'Halve' is not in the cluster's function table")
        .hasMessageContaining("keepLocal(\"Halve\")");
    Node<Integer> impostor = g.fn1("Cube", (Integer v) -> v * v).call(2); // same name, other code
    assertThatThrownBy(impostor::get).isInstanceOf(EvaluationException.class)
        .cause().isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("the graph's function 'Cube' is not the code registered under that name");
    assertThat(TestApp.runs("Cube")).isZero();
    assertThatThrownBy(() -> Cluster.builder(cluster.driver, g, TestApp.FUNCTIONS).runPureFunctionsRemotely().build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("already runs its functions with");
    remote.close();
  }

  /**
   * After close() the driver no longer follows member deaths, so a run sent through it could wait forever: the graph's
   * functions it took, and new calls, are refused with what to do instead.
   */
  @Test
  void aClosedDriverRefusesTheGraphsFunctionsAndNewCallsSayingItWasClosed() {
    Graph g = Graph.create();
    Cluster remote = Cluster.builder(cluster.driver, g, TestApp.FUNCTIONS).namespace("g" + UUID.randomUUID())
        .runPureFunctionsRemotely().build();
    remote.close();
    long memberRuns = cluster.runs();
    Node<Integer> cube = g.fn1("Cube", TestApp.CUBE_CODE).call(3);
    assertThatThrownBy(cube::get).isInstanceOf(EvaluationException.class)
        .cause().isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("was closed")
        .hasMessageContaining("function 'Cube'");
    assertThatThrownBy(() -> remote.call(TestApp.SQUARE, 2)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("was closed");
    assertThat(cluster.runs()).isEqualTo(memberRuns);
  }

  @Test
  void queuedNodesOfABatchStuckBehindASlowNodeAreGivenBackToAnIdleMemberAndNoneRunsTwice() throws Exception {
    RemoteNode<byte[]> input = driver.call(TestApp.BLOB, 1024); // 1 MiB: every Stall prefers its holder
    input.node().get();
    String holder = input.member().orElseThrow();
    HazelcastInstance a = cluster.members.stream()
        .filter(m -> (m.getCluster().getLocalMember().getAddress().getHost() + ":"
            + m.getCluster().getLocalMember().getAddress().getPort()).equals(holder))
        .findFirst().orElseThrow();
    ClusterMember aServes = cluster.served.get(cluster.members.indexOf(a));
    long givenAtStart = aServes.givenBack();
    TestApp.stallOn = a.getName();
    TestApp.STALLED.set(0);
    TestApp.stallFirst = new CountDownLatch(1);
    TestApp.stallRest = new CountDownLatch(1);
    // Every change the waits below look at comes with a permit: a Stall starting on the holder, a change of the
    // driver's scheduler (queues, batches, give-backs: the holder counts a give-back before it answers), a run.
    Semaphore changes = new Semaphore(0);
    TestApp.stalled = changes::release;
    driver.onSchedulerChange(changes::release);
    java.util.Queue<String> ranOn = new java.util.concurrent.ConcurrentLinkedQueue<>();
    driver.addListener(new ClusterListener() {
      @Override
      public void nodeRan(RemoteRun run) {
        if (run.function().equals("Stall")) {
          ranOn.add(run.member());
          changes.release();
        }
      }
    });
    List<Object> stalls = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      stalls.add(driver.call(TestApp.STALL, input, i));
    }
    var total = driver.call(TestApp.TOTAL_INTS, stalls.toArray()).getAsync();
    try {
      // Both slots of the holder are taken by a Stall each (blocked), the six others wait in its queue on the
      // driver (moving 1 MiB does not pay for them before they are sent).
      TestCluster.awaitTrue(changes, () -> TestApp.STALLED.get() == 2 && driver.queuedNodes() == 6,
          "two Stalls blocked, six queued");
      assertThat(driver.stats().stolen()).isZero();
      long givenBefore = aServes.givenBack();
      TestApp.stallFirst.countDown(); // the first returns: the six leave in one batch, whose head blocks
      TestCluster.awaitTrue(changes, () -> aServes.givenBack() - givenBefore >= 3,
          "the holder gave back at least 3 queued Stalls");
      // ... and while the holder is still blocked, an idle member ran some of them.
      TestCluster.awaitTrue(changes, () -> ranOn.stream().anyMatch(m -> !m.equals(holder)), "a given-back Stall ran elsewhere");
      assertThat(TestApp.STALLED.get()).as("started on the holder: the two, and the batch's head").isEqualTo(3);
      assertThat(ranOn).as("done on the holder: only the first").filteredOn(holder::equals).hasSize(1);
    } finally {
      TestApp.stallRest.countDown();
      TestApp.stalled = () -> {};
    }
    assertThat(total.get(30, TimeUnit.SECONDS)).isEqualTo(8L * 1024 * 1024);
    assertThat(TestApp.runs("Stall")).as("each Stall ran once").isEqualTo(8);
    assertThat(ranOn).hasSize(8); // each reported once
    assertThat(driver.stats().stolen()).isGreaterThanOrEqualTo(aServes.givenBack() - givenAtStart);
  }
}
