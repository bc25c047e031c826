package dev.sloth.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sloth.graph.Fn1;
import dev.sloth.graph.Graph;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The proofs that need separate JVMs: (a) a second run executes nothing, (d) cross-run cutoff, (e) a
 * conditional read flips, (f) kill -9 rounds, (g) the tampered-record canary, (h) two writers at once. Each test
 * runs its own children (no JVM flags, but killed children extract SQLite's native library under the test's
 * directory: see {@link Child#startKillable}); the tests run concurrently with each other.
 */
@Execution(ExecutionMode.CONCURRENT)
class ChildJvmTest {
  private static final String MAIN = ChildPrograms.class.getName();

  @Test
  void aSecondRunExecutesNothingThenACutoffAndAFlippedReadRunOnlyTheMinimalSet(@TempDir Path dir) {
    String first = Child.run(List.of(), MAIN, "pipeline", dir.toString(), "2", "true");
    assertThat(Child.line(first, "RAN")).isEqualTo("A,Abs,Slow,Z");
    assertThat(Child.line(first, "VALUE")).isEqualTo("21");

    String second = Child.run(List.of(), MAIN, "pipeline", dir.toString(), "2", "true");
    assertThat(Child.line(second, "RAN")).as("(a) the same program on the same inputs runs nothing").isEmpty();
    assertThat(Child.line(second, "VALUE")).isEqualTo("21");
    assertThat(Child.line(second, "EXPLAIN Z")).isEqualTo("'Z' was recalled from the cache");

    // x = -2: Abs runs again and yields 2 as before, so Slow is recalled (d); flag = false: Z's first read changed,
    // so Z runs, reads B (which runs: never computed), and A is not even looked at (e).
    String third = Child.run(List.of(), MAIN, "pipeline", dir.toString(), "-2", "false");
    assertThat(Child.line(third, "RAN")).isEqualTo("Abs,B,Z");
    assertThat(Child.line(third, "VALUE")).isEqualTo("22");
    assertThat(Child.line(third, "EXPLAIN Abs")).isEqualTo("'Abs#1' ran: argument 1 changed");
    assertThat(Child.line(third, "EXPLAIN Slow")).isEqualTo("'Slow#1' was recalled from the cache");
    assertThat(Child.line(third, "EXPLAIN Z")).isEqualTo("'Z' ran: read 1 ('flag') changed");
  }

  @Test
  void killedAtRandomPointsTwentyTimesNoAcknowledgedEntryIsLostOrCorrupt(@TempDir Path dir,
      @TempDir Path nativeDir) throws Exception {
    List<Process> started = new ArrayList<>();
    List<long[]> acked;
    try {
      acked = killRounds(dir, nativeDir, 20, started);
    } finally {
      started.forEach(Process::destroyForcibly); // if an assertion failed midway: no child outlives the test
    }
    // every acknowledged entry is recalled and equal: none lost, none corrupt
    DiskCache cache = ChildPrograms.open(dir);
    Graph g = Graph.builder().persistentCache(cache).build();
    Fn1<Long, String> f = g.fn1("Kilobyte", ChildPrograms.KILOBYTE);
    ChildPrograms.RAN.clear();
    long count = 0;
    for (long[] range : acked) {
      for (long i = range[0]; i <= range[1]; i++) {
        assertThat(f.call(i).get()).isEqualTo(ChildPrograms.kilobyte(i));
        count++;
      }
    }
    assertThat(ChildPrograms.RAN).as("every acknowledged result was recalled").isEmpty();
    assertThat(cache.stats("Kilobyte").hits()).isEqualTo(count);
    cache.close();
  }

  /** Runs {@code rounds} writers one after another, each killed after a random number of acknowledgements. */
  private static List<long[]> killRounds(Path dir, Path nativeDir, int rounds, List<Process> started)
      throws Exception {
    Random random = new Random(2026);
    List<long[]> acked = new ArrayList<>(); // [from, to] inclusive
    long next = 0;
    Process ready = Child.startKillable(nativeDir, MAIN, "writer", dir.toString(), "0", "1000000");
    started.add(ready);
    for (int round = 0; round < rounds; round++) {
      Process p = ready;
      BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      Child.await(out, "READY");
      long start = next;
      // the next round's JVM starts while this one writes (its start does not depend on this one's fate)
      if (round < rounds - 1) {
        ready = Child.startKillable(nativeDir, MAIN, "writer", dir.toString(), Long.toString(start + 100_000),
            "1000000");
        started.add(ready);
      }
      Writer in = new OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8);
      in.write("GO\n");
      in.flush();
      int target = 1 + random.nextInt(40);
      long last = -1;
      for (int seen = 0; seen < target; ) {
        String line = out.readLine();
        assertThat(line).as("writer output").isNotNull();
        if (line.startsWith("ACK ")) {
          last = Long.parseLong(line.substring(4));
          seen++;
        }
      }
      p.destroyForcibly(); // kill -9, mid-write or between writes
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
      acked.add(new long[] {start, last});
      next = start + 100_000;
    }
    return acked;
  }

  @Test
  void twoJvmsWriteOneCacheDirectoryAtOnce(@TempDir Path dir) throws Exception {
    Process a = Child.start(List.of(), MAIN, "writer", dir.toString(), "0", "150");
    Process b = Child.start(List.of(), MAIN, "writer", dir.toString(), "1000", "150");
    BufferedReader outA = new BufferedReader(new InputStreamReader(a.getInputStream(), StandardCharsets.UTF_8));
    BufferedReader outB = new BufferedReader(new InputStreamReader(b.getInputStream(), StandardCharsets.UTF_8));
    Child.await(outA, "READY");
    Child.await(outB, "READY");
    for (Process p : List.of(a, b)) { // both open, then both write
      p.getOutputStream().write("GO\n".getBytes(StandardCharsets.UTF_8));
      p.getOutputStream().flush();
    }
    String restA = outA.lines().reduce("", (x, y) -> x + y + "\n");
    String restB = outB.lines().reduce("", (x, y) -> x + y + "\n");
    assertThat(a.waitFor(60, TimeUnit.SECONDS) && b.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(restA).endsWith("DONE\n");
    assertThat(restB).endsWith("DONE\n");
    DiskCache cache = ChildPrograms.open(dir);
    Fn1<Long, String> f = Graph.builder().persistentCache(cache).build().fn1("Kilobyte", ChildPrograms.KILOBYTE);
    ChildPrograms.RAN.clear();
    for (long i : new long[] {0, 75, 149, 1000, 1075, 1149}) {
      assertThat(f.call(i).get()).isEqualTo(ChildPrograms.kilobyte(i));
    }
    assertThat(ChildPrograms.RAN).isEmpty();
    cache.close();
  }

  @Test
  void aForgedRecordNamingAnUnregisteredClassNeverLoadsIt(@TempDir Path dir) {
    Path canary = dir.resolve("canary.txt");
    String out = Child.run(List.of(), MAIN, "canary", dir.resolve("cache").toString(), canary.toString());
    assertThat(Child.line(out, "FIRST")).isEqualTo("42");
    assertThat(Integer.parseInt(Child.line(out, "FORGED"))).isGreaterThanOrEqualTo(1);
    assertThat(Child.line(out, "SECOND")).as("a miss: the right value, computed again").isEqualTo("42");
    assertThat(Child.line(out, "EXPLAIN")).contains("rejected as").contains("dev.sloth.cache.CanaryRecord")
        .contains("not registered");
    assertThat(Child.line(out, "STATS")).contains("hits=0, misses=1");
    assertThat(out.lines().filter(l -> l.startsWith("WARNING: the cached record for 'Victim#1'")).count())
        .as("one warning").isEqualTo(1);
    assertThat(Child.line(out, "CANARY_BEFORE_CONTROL")).isEqualTo("false");
    assertThat(Child.line(out, "CANARY_AFTER_CONTROL")).as("the canary works when the class is initialized")
        .isEqualTo("true");
  }
}
