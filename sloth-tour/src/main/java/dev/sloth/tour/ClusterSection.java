package dev.sloth.tour;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import dev.sloth.cluster.Cluster;
import dev.sloth.cluster.ClusterListener;
import dev.sloth.cluster.ClusterMember;
import dev.sloth.cluster.Configs;
import dev.sloth.cluster.RemoteNode;
import dev.sloth.cluster.RemoteRun;
import dev.sloth.graph.Graph;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Distributed execution: three member JVMs on loopback, a graph of 24 slow cells and their total on them, one
 * member killed (SIGKILL) after the cells ran, and the total still right, with only the lost cells run again.
 */
final class ClusterSection implements Section {
  private static final java.util.logging.Logger QUIET = java.util.logging.Logger.getLogger(Cluster.class.getName());

  @Override
  public String title() {
    return "Cluster: a graph on three member JVMs, one of them killed";
  }

  @Override
  public void run(Out out) throws Exception {
    System.setProperty("hazelcast.logging.type", "none"); // the driver's Hazelcast: quiet (the members' too)
    QUIET.setLevel(java.util.logging.Level.WARNING);      // and the driver's "member left" notice: printed below
    String name = "sloth-tour-" + UUID.randomUUID();
    int port = ThreadLocalRandom.current().nextInt(30_000, 50_000);
    List<Process> members = new ArrayList<>();
    long t0 = System.nanoTime();
    for (int i = 0; i < 3; i++) {
      members.add(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", System.getProperty("java.class.path"), "-Xmx256m", "-XX:TieredStopAtLevel=1",
          "-Dhazelcast.phone.home.enabled=false", "-Dhazelcast.logging.type=none",
          ClusterMember.class.getName(), name, Integer.toString(port), ClusterTourApp.class.getName(),
          "--until-stdin-closes").redirectError(ProcessBuilder.Redirect.DISCARD).start());
    }
    Map<Long, String> pidOf = new TreeMap<>();
    Map<String, Process> byName = new ConcurrentHashMap<>();
    for (Process p : members) {
      String line = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
      if (line == null || !line.startsWith("READY")) {
        members.forEach(Process::destroyForcibly);
        throw new IllegalStateException("a member JVM did not start (it printed " + line + ")");
      }
      String[] ready = line.split(" ");
      byName.put(ready[1], p);
      pidOf.put(p.pid(), ready[1]);
    }
    HazelcastInstance hz = Hazelcast.newHazelcastInstance(Configs.loopbackDriver(name, port));
    try {
      Cluster.awaitReady(hz, 4, java.time.Duration.ofSeconds(90)); // three members and this driver, partitions safe
      out.line("3 member JVMs (loopback only, TCP/IP join, no multicast, no phone-home) and a driver: %.0f ms",
          Out.millisSince(t0));
      out.line("members: %s", pidOf);

      Graph g = Graph.create();
      Cluster cluster = Cluster.connect(hz, g, ClusterTourApp.FUNCTIONS);
      Map<String, AtomicLong> ranOn = new TreeMap<>();
      AtomicLong computeNanos = new AtomicLong();
      AtomicLong transferNanos = new AtomicLong();
      cluster.addListener(new ClusterListener() {
        @Override
        public void nodeRan(RemoteRun run) {
          synchronized (ranOn) {
            ranOn.computeIfAbsent(run.member(), k -> new AtomicLong()).incrementAndGet();
          }
          computeNanos.addAndGet(run.computeNanos());
          transferNanos.addAndGet(run.transferNanos());
        }
      });
      List<RemoteNode<Long>> cells = new ArrayList<>();
      long expected = 0;
      for (int c = 0; c < 24; c++) {
        cells.add(cluster.call(ClusterTourApp.SIMULATE, c));
        expected += (long) c * c;
      }
      out.line("24 cells of 40 ms each (0.96 s of work), then Total over them");
      out.time("cells computed (results stay on members)", () -> {
        for (RemoteNode<Long> cell : cells) {
          cell.node().getAsync();
        }
        for (RemoteNode<Long> cell : cells) {
          cell.node().get();
        }
        return cells.size();
      });
      synchronized (ranOn) {
        out.line("runs per member: %s; compute %.0f ms, input transfer %.1f ms in all", ranOn,
            computeNanos.get() / 1e6, transferNanos.get() / 1e6);
      }
      String victim = cells.get(0).member().orElseThrow();
      long lost = cells.stream().filter(c -> c.member().orElseThrow().equals(victim)).count();
      out.line("kill -9 of member %s (pid %d), which holds %d cells", victim, byName.get(victim).pid(), lost);
      byName.get(victim).destroyForcibly().waitFor();
      RemoteNode<Long> total = cluster.call(ClusterTourApp.TOTAL, cells.toArray());
      long sum = out.time("total.get() after the kill", total::get);
      out.line("right: %s (expected %d); recomputed from lineage: %d cells, of the %d the killed member held;"
          + " members left: %s", sum == expected, expected, cluster.stats().recomputed(), lost, cluster.members());
      out.line("stats: %s", cluster.stats());
      cluster.close();
    } finally {
      hz.getLifecycleService().terminate();
      members.forEach(Process::destroyForcibly);
    }
  }
}
