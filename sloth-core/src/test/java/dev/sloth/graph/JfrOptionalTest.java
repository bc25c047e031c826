package dev.sloth.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16, item 5: {@code sloth-core} requires {@code jdk.jfr} only statically. In a child JVM whose observable
 * modules are limited to {@code java.base} and {@code dev.sloth.core} (what a jlink image of {@code java.base} would
 * hold), a graph evaluates, fails and recovers as usual and records no events; with {@code jdk.jfr} resolved on the
 * module path, the events are still recorded.
 */
class JfrOptionalTest {
  private static final String WITHOUT_JFR = """
      import dev.sloth.graph.*;

      public class WithoutJfr {
        public static void main(String[] args) {
          System.out.println("jdk.jfr present: " + ModuleLayer.boot().findModule("jdk.jfr").isPresent());
          Graph g = Graph.create();
          Fn1<Integer, Integer> square = g.fn1("Square", x -> x * x);
          Fn1<Integer, Integer> inverse = g.fn1("Inverse", x -> 100 / x);
          Source<Integer> x = g.source("x", 0);
          System.out.println("square=" + square.call(7).get());
          try {
            inverse.call(x).get();
          } catch (EvaluationException e) {
            System.out.println("failed: " + e.getCause());
          }
          x.set(4);
          System.out.println("inverse=" + inverse.call(x).get());
        }
      }
      """;

  private static final String WITH_JFR = """
      import dev.sloth.graph.*;
      import java.nio.file.*;
      import jdk.jfr.Recording;
      import jdk.jfr.consumer.RecordingFile;

      public class WithJfr {
        public static void main(String[] args) throws Exception {
          Path file = Path.of(args[0]);
          try (Recording r = new Recording()) {
            r.enable("dev.sloth.NodeRun").withThreshold(java.time.Duration.ZERO);
            r.start();
            Graph g = Graph.builder().sequential().build();
            Fn1<Integer, Integer> square = g.fn1("Square", x -> x * x);
            square.call(3).get();
            square.call(4).get();
            r.stop();
            r.dump(file);
          }
          long events = RecordingFile.readAllEvents(file).stream()
              .filter(e -> e.getEventType().getName().equals("dev.sloth.NodeRun")).count();
          System.out.println("NodeRun events: " + events);
        }
      }
      """;

  @TempDir
  Path dir;

  @Test
  void withoutJdkJfrTheEngineRunsAndRecordsNothing() throws Exception {
    Path classes = compile("WithoutJfr", WITHOUT_JFR);
    String out = run("--module-path", core().toString(), "--add-modules", "dev.sloth.core",
        "--limit-modules", "java.base,dev.sloth.core", "-cp", classes.toString(), "WithoutJfr");
    assertThat(out).contains("jdk.jfr present: false", "square=49", "failed: java.lang.ArithmeticException",
        "inverse=25");
  }

  @Test
  void withJdkJfrOnTheModulePathTheEventsAreStillRecorded() throws Exception {
    Path classes = compile("WithJfr", WITH_JFR);
    String out = run("--module-path", core().toString(), "--add-modules", "dev.sloth.core,jdk.jfr",
        "-cp", classes.toString(), "WithJfr", dir.resolve("run.jfr").toString());
    assertThat(out).contains("NodeRun events: 2");
  }

  private static Path core() throws Exception {
    return Path.of(Graph.class.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  private Path compile(String name, String source) throws Exception {
    Path src = dir.resolve(name + ".java");
    Files.writeString(src, source);
    Path out = dir.resolve(name);
    StringWriter errors = new StringWriter();
    int rc = ToolProvider.findFirst("javac").orElseThrow().run(new PrintWriter(errors), new PrintWriter(errors),
        "-d", out.toString(), "-cp", core().toString(), src.toString());
    assertThat(rc).as("%s compiles:%n%s", name, errors).isZero();
    return out;
  }

  private String run(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
        .toString()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    boolean done = p.waitFor(60, TimeUnit.SECONDS);
    if (!done) {
      p.destroyForcibly();
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(done).as("the child JVM finished: %s", out).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out;
  }
}
