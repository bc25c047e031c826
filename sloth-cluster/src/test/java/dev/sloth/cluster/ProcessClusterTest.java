package dev.sloth.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import dev.sloth.graph.EvaluationException;
import dev.sloth.graph.Graph;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Members as child JVMs (one cluster for the class): version skew, a restarted driver, SIGKILL of a member during
 * {@code get()}, and a function that halts its member. Five members: four run variant A of the application, one
 * variant B (compiled here with {@code javax.tools}): in B, the helper method that {@code Times} calls, in another
 * class, multiplies by 3 instead of 2, and the class holding {@code Times}'s lambda is byte for byte the same. The
 * members run {@link ProcApp#main}: the test reads their output lines as they come ({@code READY}, {@code RAN} for
 * each run) and writes a command to their standard input ({@code open}, the gate that {@code Hold} waits for), so no
 * step waits by polling; the cluster's forming is waited for by {@link Cluster#awaitReady}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ProcessClusterTest {
  private static final String APP = """
      package skew;
      import dev.sloth.cluster.*;
      public final class SkewApp {
        public static final ClusterFunctions FUNCTIONS = ClusterFunctions.create();
        static { ProcApp.register(FUNCTIONS); }
        public static final RemoteFn<Integer> TIMES = FUNCTIONS.fn1("Times", (Integer x) -> Factor.times(x));
      }
      final class Factor { // the variants differ only here: SkewApp.class is the same in both
        static int times(int x) {
          return x * %d;
        }
      }
      """;

  @TempDir static Path dir;
  static Path runlog;
  static final String CLUSTER = "sloth-proc-" + UUID.randomUUID();
  static final int PORT = ThreadLocalRandom.current().nextInt(40_000, 60_000);
  static final List<Procs.Child> members = new ArrayList<>();
  static Procs.Child skewed;
  static Path variantA;
  static HazelcastInstance driverHz;
  static ClusterFunctions table;

  @BeforeAll
  static void startCluster() throws Exception {
    runlog = dir.resolve("runs.log");
    variantA = Procs.compile(dir.resolve("a"), "skew.SkewApp", APP.formatted(2));
    Path variantB = Procs.compile(dir.resolve("b"), "skew.SkewApp", APP.formatted(3));
    List<String> props = List.of("-Dsloth.runlog=" + runlog);
    for (int i = 0; i < 5; i++) {
      Procs.Child c = Procs.java(List.of(i == 4 ? variantB : variantA), props, ProcApp.class.getName(),
          CLUSTER, Integer.toString(PORT), "skew.SkewApp", "--until-stdin-closes");
      members.add(c);
    }
    skewed = members.get(4);
    for (Procs.Child c : members) {
      String[] ready = c.await("READY", 90).split(" ");
      c.name = ready[1];
    }
    driverHz = Hazelcast.newHazelcastInstance(Configs.loopbackDriver(CLUSTER, PORT));
    Cluster.awaitReady(driverHz, 6, java.time.Duration.ofSeconds(90)); // five members and the driver, partitions safe
    URLClassLoader loader = new URLClassLoader(new URL[] {variantA.toUri().toURL()}, ProcessClusterTest.class.getClassLoader());
    table = (ClusterFunctions) loader.loadClass("skew.SkewApp").getField("FUNCTIONS").get(null);
  }

  @AfterAll
  static void stopCluster() {
    if (driverHz != null) {
      driverHz.getLifecycleService().terminate();
    }
    members.forEach(Procs.Child::kill);
  }

  @SuppressWarnings("unchecked")
  static <R> RemoteFn<R> fn(String name) {
    return (RemoteFn<R>) table.get(name);
  }

  /** Lines of the run log, as (pid, function, arg). */
  static List<String[]> runs() throws Exception {
    return Files.exists(runlog)
        ? Files.readAllLines(runlog).stream().map(l -> l.split(" ")).toList()
        : List.of();
  }

  static long count(String fn, int arg) throws Exception {
    return runs().stream().filter(r -> r[1].equals(fn) && r[2].equals(Integer.toString(arg))).count();
  }

  @Test
  @Order(1)
  void aMemberWithAnotherCodeVersionRefusesAndTheNodeRunsElsewhere() {
    Cluster c = Cluster.builder(driverHz, Graph.create(), table).namespace("skew").build();
    ConcurrentLinkedQueue<String> refusals = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<String> ranOn = new ConcurrentLinkedQueue<>();
    c.addListener(new ClusterListener() {
      @Override
      public void refused(String member, String function, String reason) {
        refusals.add(member + " " + function + " " + reason);
      }

      @Override
      public void nodeRan(RemoteRun run) {
        if (run.function().equals("Times")) {
          ranOn.add(run.member());
        }
      }
    });
    List<Object> times = new ArrayList<>();
    int expected = 0;
    for (int i = 1; i <= 15; i++) {
      times.add(c.call(fn("Times"), i));
      expected += 2 * i; // variant A, the driver's
    }
    assertThat(c.call(fn("Sum"), times.toArray()).get()).isEqualTo(expected);
    assertThat(refusals).isNotEmpty().allSatisfy(r -> assertThat(r)
        .startsWith(skewed.name + " Times")
        .contains("member " + skewed.name + " has code version")
        .contains("function 'Times'"));
    assertThat(ranOn).hasSize(15).doesNotContain(skewed.name);
    c.close();
  }

  @Test
  @Order(2)
  void aRestartedDriverReusesTheResultsTheClusterStillHolds() throws Exception {
    Procs.Child first = Procs.java(List.of(variantA), List.of("-Dsloth.runlog=" + runlog), DriverMain.class.getName(),
        CLUSTER, Integer.toString(PORT), "skew.SkewApp", "restart", "20");
    int result = Integer.parseInt(first.await("RESULT", 90).split(" ")[1]);
    assertThat(first.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    int expected = 0;
    for (int i = 0; i < 20; i++) {
      expected += (200 + i) * 10;
      assertThat(count("Leaf", 200 + i)).isEqualTo(1);
    }
    assertThat(result).isEqualTo(expected);
    long before = runs().size();

    Cluster again = Cluster.builder(driverHz, Graph.create(), table).namespace("restart").build();
    assertThat(DriverMain.restartGraph(again, table, 20).get()).isEqualTo(expected);
    assertThat(runs()).hasSize((int) before); // nothing ran again
    assertThat(again.stats().foundHeld()).isEqualTo(21);
    again.close();
  }

  @Test
  @Order(3)
  void killingAMemberDuringGetRecomputesExactlyTheLostResults() throws Exception {
    Cluster c = Cluster.builder(driverHz, Graph.create(), table).namespace("kill").build();
    List<RemoteNode<Integer>> leaves = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      RemoteNode<Integer> leaf = c.call(fn("Leaf"), 100 + i);
      leaves.add(leaf);
    }
    leaves.forEach(l -> l.node().get()); // computed and held by the members, not fetched
    Map<Integer, String> holder = new HashMap<>();
    for (int i = 0; i < 12; i++) {
      holder.put(i, leaves.get(i).member().orElseThrow());
    }
    Procs.Child victim = members.stream().filter(m -> m.name.equals(holder.get(0))).findFirst().orElseThrow();
    List<Object> holds = new ArrayList<>();
    int expected = 0;
    for (int i = 0; i < 12; i++) {
      holds.add(c.call(fn("Hold"), leaves.get(i), i));
      expected += (100 + i) * 10 + 1;
    }
    CompletableFuture<Integer> total = c.call(ProcessClusterTest.<Integer>fn("Sum"), holds.toArray()).getAsync();
    victim.await("RAN Hold ", 60); // the victim started a Hold (its line is in the run log before it prints this)
    long started = System.nanoTime();
    victim.kill();
    assertThat(victim.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    members.stream().filter(m -> m != victim).forEach(m -> m.tell("open")); // the Holds return
    assertThat(total).as("the sum, once the gate is open").succeedsWithin(90, TimeUnit.SECONDS).isEqualTo(expected);
    long recoveredMillis = (System.nanoTime() - started) / 1_000_000;

    String victimPid = Long.toString(victim.pid);
    int lostLeaves = 0;
    for (int i = 0; i < 12; i++) {
      boolean lost = holder.get(i).equals(victim.name);
      lostLeaves += lost ? 1 : 0;
      assertThat(count("Leaf", 100 + i)).as("runs of Leaf(%d), held by the victim: %s", 100 + i, lost)
          .isEqualTo(lost ? 2 : 1);
      int arg = i;
      boolean ranOnVictim = runs().stream().anyMatch(r -> r[0].equals(victimPid) && r[1].equals("Hold")
          && r[2].equals(Integer.toString(arg)));
      assertThat(count("Hold", i)).as("runs of Hold(%d), started on the victim: %s", i, ranOnVictim)
          .isEqualTo(ranOnVictim ? 2 : 1);
    }
    assertThat(lostLeaves).isPositive();
    assertThat(c.stats().recomputed()).isEqualTo(lostLeaves);
    assertThat(c.stats().memberDeaths()).isEqualTo(1);
    System.out.printf("kill: %d leaves lost and recomputed, total right %d ms after the kill%n", lostLeaves,
        recoveredMillis);
    c.close();
  }

  @Test
  @Order(4)
  void aFunctionThatHaltsItsMemberFailsWithItsPathAfterThreeMemberDeaths() throws Exception {
    Cluster c = Cluster.builder(driverHz, Graph.create(), table).namespace("crash").build();
    ConcurrentLinkedQueue<String> lost = new ConcurrentLinkedQueue<>();
    c.addListener(new ClusterListener() {
      @Override
      public void memberLost(String member) {
        lost.add(member);
      }
    });
    RemoteNode<Integer> ok = c.call(fn("Leaf"), 7);
    ok.node().get();
    String okHolder = ok.member().orElseThrow();
    RemoteNode<Integer> boom = c.call(fn("Halt"), 1);
    RemoteNode<Integer> top = c.call(fn("Sum"), ok, boom);
    assertThatThrownBy(() -> top.get(Duration.ofSeconds(100)))
        .isInstanceOf(EvaluationException.class)
        .hasMessageContaining(top.name() + " -> " + boom.name())
        .cause().isInstanceOf(RemoteFunctionException.class)
        .hasMessageContaining("given up after 3 member deaths");
    assertThat(count("Halt", 1)).isEqualTo(3);
    assertThat(c.stats().memberDeaths()).isEqualTo(3);
    assertThat(lost).hasSize(3);
    assertThat(c.members()).hasSize(1); // of the four left after the kill test, one survives
    assertThat(ok.get()).isEqualTo(70);
    // Leaf(7) ran again only if a Halt killed the member holding it (then once, when it was asked for again).
    assertThat(count("Leaf", 7)).isEqualTo(lost.contains(okHolder) ? 2 : 1);
    assertThat(c.call(fn("Leaf"), 8).get()).isEqualTo(80); // and the cluster still works
    c.close();
  }
}
