package dev.sloth.tour;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The persistent cache ({@code sloth-cache}): the same small pipeline ({@link CachePipeline}) run three times, each
 * in a JVM of its own, on one cache directory: first everything runs, then nothing does, then an input change reruns
 * exactly what depends on it, and {@code explain} says why.
 */
final class CacheSection implements Section {
  @Override
  public String title() {
    return "Persistent cache (sloth-cache): results that outlive the JVM";
  }

  @Override
  public void run(Out out) throws Exception {
    Path dir = out.dir().resolve("cache");
    if (Files.exists(dir)) {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    out.line("Graph.builder().persistentCache(DiskCache.builder(dir).build()): six 60 ms loads, six 20 ms scores, a total.");
    out.line("Each run below is a new JVM (java -cp ... dev.sloth.tour.CachePipeline %s <last id>):", dir);
    child(out, "run 1, a fresh cache directory ", dir, "6");
    child(out, "run 2, same program, same inputs", dir, "6");
    child(out, "run 3, the last load's id 6 -> 7", dir, "7");
    out.line("Run 2 ran nothing: every result was recalled from %s (SQLite).", dir.getFileName());
    out.line("Run 3 ran only the changed load and its score. The score came out equal (record-7 is as long as");
    out.line("record-6), so the total was recalled too: early cutoff works across runs.");
  }

  private static void child(Out out, String label, Path dir, String last) throws Exception {
    List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), CachePipeline.class.getName(), dir.toString(), last);
    long start = System.nanoTime();
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IllegalStateException("the cache pipeline failed:\n" + output);
    }
    out.line("%s (JVM %.0f ms):", label, Out.millisSince(start));
    // (the JDK's one-line notices about SQLite's native library are left out: a user adds no JVM flag)
    output.lines().filter(l -> !l.startsWith("WARNING") && !l.isBlank()).forEach(l -> out.line("    " + l));
  }
}
