package dev.sloth.viz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sloth.graph.Graph;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16, item 5: drawing needs nothing but sloth-core. A user's program is compiled against, and run in a child JVM
 * with, only sloth-core and sloth-viz: no sloth-module (an optional dependency), no JGraphT, no progressbar or jline.
 * It draws a graph as DOT and asks for an SVG (rendered, or DOT when Graphviz is absent), on the class path and on the
 * module path.
 */
class LeanDependenciesTest {
  private static final String PROGRAM = """
      package com.acme;

      import dev.sloth.graph.*;
      import dev.sloth.viz.*;
      import java.nio.file.Path;

      public class Draw {
        public static void main(String[] args) throws Exception {
          for (String absent : new String[] {"dev.sloth.module.RegistrySnapshot", "org.jgrapht.Graph",
              "me.tongfei.progressbar.ProgressBar", "org.jline.terminal.Terminal"}) {
            try {
              Class.forName(absent);
              System.out.println("present: " + absent);
            } catch (ClassNotFoundException expected) {
              System.out.println("absent: " + absent);
            }
          }
          Graph g = Graph.builder().sequential().build();
          Fn1<Integer, Integer> square = g.fn1("Square", x -> x * x);
          Node<Integer> y = square.call(g.source("x", 3));
          System.out.println("y=" + y.get());
          String dot = Drawer.defaults().dot(g.dump());
          System.out.println("dot: " + dot.lines().filter(l -> l.contains("Square#1")).findFirst().orElse("none"));
          DrawResult r = Drawer.defaults().draw(g.dump(), Path.of(args[0]));
          System.out.println("drew " + r.nodesDrawn() + " nodes to " + r.file().getFileName());
        }
      }
      """;

  @TempDir
  Path dir;
  private Path core;
  private Path viz;
  private Path program;

  @BeforeEach
  void compileTheProgramAgainstCoreAndVizOnly() throws Exception {
    core = Path.of(Graph.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    viz = Path.of(Drawer.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path src = dir.resolve("src/com/acme/Draw.java");
    Files.createDirectories(src.getParent());
    Files.writeString(src, PROGRAM);
    program = dir.resolve("out");
    ToolProvider javac = ToolProvider.findFirst("javac").orElseThrow();
    java.io.StringWriter errors = new java.io.StringWriter();
    int compiled = javac.run(new java.io.PrintWriter(errors), new java.io.PrintWriter(errors), "-d",
        program.toString(), "-cp", core + File.pathSeparator + viz, src.toString());
    assertThat(compiled).as("compiles against sloth-core and sloth-viz alone:%n%s", errors).isZero();
  }

  @Test
  void drawingRunsOnTheClassPathWithOnlySlothCore() throws Exception {
    String output = run("-cp", core + File.pathSeparator + viz + File.pathSeparator + program, "com.acme.Draw",
        dir.resolve("g.svg").toString());
    assertDrew(output);
  }

  @Test
  void drawingResolvesOnTheModulePathWithoutTheOptionalModule() throws Exception {
    String output = run("--module-path", core + File.pathSeparator + viz, "--add-modules", "dev.sloth.viz",
        "-cp", program.toString(), "com.acme.Draw", dir.resolve("g.svg").toString());
    assertDrew(output);
    assertThat(output).doesNotContain("present: ");
  }

  private static final String MODULES_PROGRAM = """
      package com.acme;

      import dev.sloth.module.*;
      import dev.sloth.viz.*;

      public class DrawModules {
        public static void main(String[] args) {
          ModuleRegistry registry = ModuleRegistry.create();
          LazyModule db = LazyModule.named("db");
          Binding<String> config = db.bind("config", String.class, () -> "jdbc:h2:mem");
          Binding<String> pool = db.bind("pool", String.class, () -> "Pool(" + config.get() + ")");
          registry.load(db);
          pool.get();
          String dot = Drawer.defaults().dotOfModules(registry.snapshot());
          System.out.println("module frame: " + (dot.contains("subgraph cluster_0") && dot.contains("pool")));
        }
      }
      """;

  @Test
  void withTheOptionalModulePresentRegistriesAreDrawnOnTheModulePath() throws Exception {
    Path module = Path.of(dev.sloth.module.RegistrySnapshot.class.getProtectionDomain().getCodeSource().getLocation()
        .toURI());
    Path src = dir.resolve("src2/com/acme/DrawModules.java");
    Files.createDirectories(src.getParent());
    Files.writeString(src, MODULES_PROGRAM);
    Path out = dir.resolve("out2");
    String path = core + File.pathSeparator + module + File.pathSeparator + viz;
    int compiled = ToolProvider.findFirst("javac").orElseThrow().run(System.out, System.err, "-d", out.toString(),
        "-cp", path, src.toString());
    assertThat(compiled).isZero();
    String output = run("--module-path", path, "--add-modules", "dev.sloth.viz,dev.sloth.module", "-cp",
        out.toString(), "com.acme.DrawModules");
    assertThat(output).contains("module frame: true");
  }

  private static void assertDrew(String output) {
    assertThat(output).contains("absent: dev.sloth.module.RegistrySnapshot", "absent: org.jgrapht.Graph",
        "absent: me.tongfei.progressbar.ProgressBar", "absent: org.jline.terminal.Terminal", "y=9",
        "dot:   n", "label=\"Square#1\\n= 9\"", "drew 2 nodes to g.");
  }

  private String run(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    boolean done = p.waitFor(60, TimeUnit.SECONDS);
    if (!done) {
      p.destroyForcibly();
    }
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(done).as("the child JVM finished: %s", output).isTrue();
    assertThat(p.exitValue()).as(output).isZero();
    return output;
  }
}
