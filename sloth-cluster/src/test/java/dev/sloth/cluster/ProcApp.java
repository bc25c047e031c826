package dev.sloth.cluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Functions of the process tests, and the member JVMs' main. Each run appends {@code <pid> <function> <arg>} to the
 * file named by the system property {@code sloth.runlog} (one write per line, so lines from several processes never
 * interleave, and a line written before a SIGKILL survives it), then prints {@code RAN <function> <arg>}, which the
 * test reads from the member's standard output as it comes.
 */
public final class ProcApp {
  /** Opened by the line {@code open} on the member's standard input: {@code Hold} waits for it. */
  static final CountDownLatch GATE = new CountDownLatch(1);

  private ProcApp() {}

  /**
   * A member JVM: {@link ClusterMember#main} with the same arguments, whose standard input is this program's
   * commands, one a line: {@code open} opens {@link #GATE}. The end of the parent's input is the end
   * of {@link ClusterMember#main}'s input, so {@code --until-stdin-closes} still halts the member with its parent.
   *
   * @param args as {@link ClusterMember#main}'s
   * @throws Exception as {@link ClusterMember#main}
   */
  public static void main(String[] args) throws Exception {
    InputStream parent = System.in;
    CountDownLatch parentClosed = new CountDownLatch(1);
    System.setIn(new InputStream() { // ClusterMember.main reads this: nothing, then the end, when the parent's ends
      @Override
      public int read() throws IOException {
        try {
          parentClosed.await();
        } catch (InterruptedException e) {
          throw new InterruptedIOException();
        }
        return -1;
      }
    });
    Thread commands = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(parent, StandardCharsets.UTF_8))) {
        for (String line; (line = in.readLine()) != null; ) {
          if (line.equals("open")) {
            GATE.countDown();
          }
        }
      } catch (IOException ignored) {
        // the parent is gone: as the end of its input
      } finally {
        parentClosed.countDown();
      }
    }, "commands");
    commands.setDaemon(true);
    commands.start();
    ClusterMember.main(args);
  }

  /** Registers the functions in {@code t} (each member's table, and the driver's, are built by this). */
  public static void register(ClusterFunctions t) {
    t.fn1("Leaf", (Integer i) -> {
      log("Leaf", i);
      return i * 10;
    });
    t.fn2("Hold", (Integer v, Integer i) -> { // waits for the test to open the gate: keeps its member busy
      log("Hold", i);
      if (!GATE.await(60, TimeUnit.SECONDS)) {
        throw new IllegalStateException("Hold(" + i + "): the test did not open the gate (a line 'open' on the"
            + " member's standard input) in 60 s");
      }
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
    System.out.println("RAN " + fn + " " + arg); // after the log's line: a test that reads this finds that too
    System.out.flush();
  }
}
