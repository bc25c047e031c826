package dev.sloth.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Functions of the process tests. Each run appends {@code <pid> <function> <arg>} to the file named by the system
 * property {@code sloth.runlog} (one write per line, so lines from several processes never interleave, and a line
 * written before a SIGKILL survives it).
 */
public final class ProcApp {
  private ProcApp() {}

  /** Registers the functions in {@code t} (each member's table, and the driver's, are built by this). */
  public static void register(ClusterFunctions t) {
    t.fn1("Leaf", (Integer i) -> {
      log("Leaf", i);
      return i * 10;
    });
    t.fn2("Hold", (Integer v, Integer i) -> { // waits for the test's gate file: keeps its member busy
      log("Hold", i);
      awaitGate();
      return v + 1;
    });
    t.fnN("Sum", (List<Integer> xs) -> {
      log("Sum", xs.size());
      return xs.stream().mapToInt(Integer::intValue).sum();
    });
    t.fn1("Halt", (Integer i) -> {
      log("Halt", i);
      Runtime.getRuntime().halt(3); // kills the member process, as a crashing native library would
      return i;
    });
  }

  static void log(String fn, int arg) {
    String file = System.getProperty("sloth.runlog");
    if (file == null) {
      return;
    }
    String line = ProcessHandle.current().pid() + " " + fn + " " + arg + "\n";
    try {
      Files.write(Path.of(file), line.getBytes(StandardCharsets.UTF_8), StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void awaitGate() {
    Path gate = Path.of(System.getProperty("sloth.gate", "/nonexistent"));
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (!Files.exists(gate) && System.nanoTime() < deadline) {
      try {
        Thread.sleep(5); // polls for the gate file: the test opens it after the kill
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
