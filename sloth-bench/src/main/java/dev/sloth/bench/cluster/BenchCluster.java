package dev.sloth.bench.cluster;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import dev.sloth.cluster.Cluster;
import dev.sloth.cluster.ClusterMember;
import dev.sloth.cluster.Configs;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Three member JVMs (children of this one, same class path, loopback only) and a lite driver member here. The
 * members halt when this JVM closes their standard input or dies.
 */
final class BenchCluster implements AutoCloseable {
  final String name = "sloth-bench-" + UUID.randomUUID();
  final int port = ThreadLocalRandom.current().nextInt(30_000, 50_000);
  final List<Process> members = new ArrayList<>();
  final HazelcastInstance driver;

  BenchCluster(int count) throws IOException, InterruptedException {
    for (int i = 0; i < count; i++) {
      members.add(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", System.getProperty("java.class.path"), "-Xmx768m", "-XX:+UseParallelGC",
          "-Dhazelcast.phone.home.enabled=false", "-Dhazelcast.logging.type=none",
          "--add-opens", "java.base/java.lang=ALL-UNNAMED", "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
          ClusterMember.class.getName(), name, Integer.toString(port), BenchApp.class.getName(), "--until-stdin-closes")
          .redirectError(ProcessBuilder.Redirect.DISCARD).start());
    }
    for (Process p : members) {
      BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      String line = r.readLine();
      if (line == null || !line.startsWith("READY")) {
        throw new IllegalStateException("a member did not start: " + line);
      }
    }
    System.setProperty("hazelcast.logging.type", "none");
    driver = Hazelcast.newHazelcastInstance(Configs.loopbackDriver(name, port));
    Cluster.awaitReady(driver, count + 1, java.time.Duration.ofSeconds(60)); // the members and the driver
  }

  @Override
  public void close() {
    driver.getLifecycleService().terminate();
    members.forEach(Process::destroyForcibly);
  }
}
