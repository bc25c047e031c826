package dev.sloth.dash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import dev.sloth.cluster.Cluster;
import dev.sloth.cluster.ClusterFunctions;
import dev.sloth.cluster.ClusterMember;
import dev.sloth.cluster.Configs;
import dev.sloth.cluster.RemoteFn;
import dev.sloth.cluster.RemoteNode;
import dev.sloth.cluster.RemoteRun;
import dev.sloth.graph.Graph;
import dev.sloth.graph.Node;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** One task-stream lane per cluster member (sloth-cluster is an optional dependency). */
class ClusterLanesTest {
  static final ClusterFunctions FUNCTIONS = ClusterFunctions.create();
  static final RemoteFn<Integer> SQUARE = FUNCTIONS.fn1("Square", (Integer x) -> x * x);

  private static Map<String, Object> full(Dashboard d) {
    d.awaitTick();
    return MiniJson.object(d.model().full(false));
  }

  @SuppressWarnings("unchecked")
  private static List<Object> list(Object o) {
    return (List<Object>) o;
  }

  /** The bars (lane name, label, duration in ms, runs merged into it) the page has. */
  private static List<List<Object>> bars(Map<String, Object> full) {
    List<Object> lanes = list(full.get("lanes"));
    return list(full.get("bars")).stream().map(ClusterLanesTest::list)
        .map(b -> List.<Object>of(lanes.get(((Double) b.get(0)).intValue()), b.get(3),
            (Double) b.get(2) - (Double) b.get(1), ((Double) b.get(6)).intValue()))
        .collect(Collectors.toList());
  }

  @Test
  void eachRemoteRunIsABarOnItsMembersLaneAndALostMemberIsMarked() {
    Graph g = Graph.create();
    try (Dashboard d = Dashboard.builder(g).printingTo(null).start()) {
      ClusterLanes lanes = new ClusterLanes(d.tap());
      String key = "0123456789abcdef0123456789abcdef";
      lanes.nodeRan(new RemoteRun("Square", key, "127.0.0.1:5702", 2_000_000, 500_000, 64, false));
      lanes.nodeRan(new RemoteRun("Square", "ffff" + key.substring(4), "127.0.0.1:5703", 1_000_000, 0, 0, false));
      lanes.nodeRan(new RemoteRun("Square", key, "127.0.0.1:5704", 9_000_000, 0, 0, true)); // held: ran nothing
      lanes.memberLost("127.0.0.1:5703");
      Map<String, Object> page = full(d);
      assertThat(list(page.get("lanes"))).contains("member 127.0.0.1:5702", "member 127.0.0.1:5703 (lost)")
          .doesNotContain("member 127.0.0.1:5704");
      List<List<Object>> bars = bars(page);
      assertThat(bars).hasSize(2);
      assertThat(bars.get(0).subList(0, 2)).containsExactly("member 127.0.0.1:5702", "Square 01234567");
      assertThat((Double) bars.get(0).get(2)).as("fetch + compute, in ms").isCloseTo(2.5, org.assertj.core.data
          .Offset.offset(0.01));
      assertThat(bars.get(1).subList(0, 2)).containsExactly("member 127.0.0.1:5703 (lost)", "Square ffff4567");
      assertThat(page.get("totals")).as("remote runs change no node's count").isEqualTo(List.of(0.0, 0.0, 0.0, 0.0,
          0.0));
    }
  }

  @Test
  void aRemoteRunOfOneGetStaysOutOfTheNextGetDrainedInTheSameTick() {
    Graph g = Graph.create();
    Node<Integer> first = g.source("first", 1);
    Node<Integer> second = g.source("second", 2);
    Tap tap = new Tap();
    Model m = new Model(null);
    m.absorb(g.dump(), System.nanoTime(), 0);
    tap.evaluationStarted(first, 1);
    long end = System.nanoTime();
    tap.evaluationFinished(first, true);
    tap.evaluationStarted(second, 1); // the next get(), before the pump's tick
    tap.evaluationFinished(second, true);
    // the member's reply came during the first get(); the cluster's thread buffered it, all in one tick
    tap.external(new Tap.External("member 127.0.0.1:5702", "Square 01234567", "Square", end - 1_000_000, end));
    m.drain(tap);
    Map<String, Object> trace = MiniJson.object(m.trace());
    assertThat(trace.get("otherData")).asString().contains("requested=second");
    assertThat(list(trace.get("traceEvents")).stream().map(MiniJson::obj).filter(e -> e.get("ph").equals("X")))
        .as("the second get() ran nothing (a run of the first would start before it: negative ts)").isEmpty();
    assertThat(list(MiniJson.object(m.full(false)).get("bars"))).as("the task stream shows the second get()")
        .isEmpty();
    assertThat(tap.errors.get()).isZero();
  }

  @Test
  void aRealClustersMemberGetsItsLaneWithTheRunsItDid() throws Exception {
    String name = "sloth-dash-test-" + UUID.randomUUID();
    int port = ThreadLocalRandom.current().nextInt(20_000, 40_000);
    HazelcastInstance member = Hazelcast.newHazelcastInstance(Configs.loopbackMember(name, port));
    HazelcastInstance driver = null;
    try {
      ClusterMember.serve(member, FUNCTIONS);
      driver = Hazelcast.newHazelcastInstance(Configs.loopbackDriver(name, port));
      drive(driver, member);
    } finally {
      if (driver != null) {
        driver.getLifecycleService().terminate();
      }
      member.getLifecycleService().terminate();
    }
  }

  private static void drive(HazelcastInstance driver, HazelcastInstance member) throws InterruptedException {
    Cluster.awaitReady(driver, 2, java.time.Duration.ofSeconds(60)); // the member and the driver, partitions safe
    Graph g = Graph.create();
    try (Cluster cluster = Cluster.connect(driver, g, FUNCTIONS);
        Dashboard d = Dashboard.builder(g).printingTo(null).start()) {
      assertThat(d.showCluster(cluster)).isSameAs(d);
      RemoteNode<Integer> a = cluster.call(SQUARE, 3);
      RemoteNode<Integer> b = cluster.call(SQUARE, 4);
      // one get(): the task stream shows the current or last get(), so two would keep only the second's runs
      // whenever a tick fell between them
      assertThat(g.fn2("Add", (Integer p, Integer q) -> p + q).call(a.value(), b.value()).get()).isEqualTo(25);
      String lane = "member " + cluster.members().get(0);
      Map<String, Object> page = full(d);
      assertThat(list(page.get("lanes"))).contains(lane);
      List<List<Object>> onLane = bars(page).stream().filter(x -> x.get(0).equals(lane)).toList();
      assertThat(onLane).allMatch(x -> ((String) x.get(1)).startsWith("Square ")).isNotEmpty();
      // runs of one function on one lane less than 1 ms apart merge into one bar (Square x2)
      assertThat(onLane.stream().mapToInt(x -> (Integer) x.get(3)).sum()).as("runs on %s", lane).isEqualTo(2);
      try (Cluster other = Cluster.connect(driver, Graph.create(), FUNCTIONS)) {
        assertThatThrownBy(() -> d.showCluster(other)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("another graph");
      }
    }
  }

  @Test
  void aProgramWithoutSlothClusterOrHazelcastRunsADashboard() throws Exception {
    String classpath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(e -> !e.contains("sloth-cluster") && !e.contains("hazelcast"))
        .collect(Collectors.joining(File.pathSeparator));
    String javaBin = java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(javaBin, "-cp", classpath, NoCluster.class.getName())
        .redirectErrorStream(true).start();
    try {
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the child JVM ended within 60 s").isTrue();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(out).contains("no hazelcast, no sloth-cluster", "dashboard ok: 1 done");
      assertThat(p.exitValue()).as(out).isZero();
    } finally {
      p.destroyForcibly();
    }
  }

  /** The child JVM's program: a dashboard of a graph, with neither sloth-cluster nor Hazelcast to be found. */
  static final class NoCluster {
    public static void main(String[] args) throws Exception {
      for (String c : new String[] {"com.hazelcast.core.HazelcastInstance", "dev.sloth.cluster.Cluster"}) {
        try {
          Class.forName(c);
          System.out.println("found " + c);
          System.exit(2);
        } catch (ClassNotFoundException expected) {
          // as it should be
        }
      }
      System.out.println("no hazelcast, no sloth-cluster");
      Graph g = Graph.create();
      try (Dashboard d = Dashboard.builder(g).printingTo(null).start()) {
        g.fn1("Inc", (Integer v) -> v + 1).call(1).get();
        d.awaitTick();
        System.out.println("dashboard ok: " + d.model().totals()[Model.DONE] + " done");
      }
    }
  }
}
