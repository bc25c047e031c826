package dev.sloth.viz;

import static dev.sloth.viz.TestFiles.HAS_DOT;
import static dev.sloth.viz.TestFiles.arrows;
import static dev.sloth.viz.TestFiles.attributes;
import static dev.sloth.viz.TestFiles.boxes;
import static dev.sloth.viz.TestFiles.read;
import static dev.sloth.viz.testing.ExampleModules.info;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sloth.module.Binding;
import dev.sloth.module.BindingState;
import dev.sloth.module.LazyModule;
import dev.sloth.module.RegistrySnapshot;
import dev.sloth.module.RegistrySnapshot.BindingInfo;
import dev.sloth.module.RegistrySnapshot.Dependency;
import dev.sloth.viz.testing.ExampleModules;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryDrawingTest {
  @TempDir
  Path dir;

  @Test
  void eachStateHasItsColourEagerBindingsTheirBorderAndResolvedOnesTheirComputeTime() {
    RegistrySnapshot s = new RegistrySnapshot(List.of(
        info("db", "config", BindingState.RESOLVED, false, 12.34),
        info("db", "pool", BindingState.RESOLVING, false, 0),
        info("db", "metrics", BindingState.RESOLVED, true, 0.25),
        info("web", "handler", BindingState.PENDING, false, 0),
        info("web", "auth", BindingState.FAILED, false, 0)),
        List.of(new Dependency("db.pool", "db.config"), new Dependency("web.handler", "db.pool")));
    String dot = Drawer.defaults().withoutLegend().dotOfModules(s);

    assertThat(attributes(dot, "config")).contains("label=\"config\\n12.3 ms\"", "fillcolor=\"" + DotWriter.VALID)
        .doesNotContain("penwidth");
    assertThat(attributes(dot, "pool")).contains("label=\"pool\"", "fillcolor=\"" + DotWriter.RUNNING);
    assertThat(attributes(dot, "metrics")).contains("label=\"metrics\\n250 \u00b5s\"", DotWriter.VALID,
        "color=\"" + DotWriter.EAGER + "\", penwidth=3");
    assertThat(attributes(dot, "handler")).contains("fillcolor=\"" + DotWriter.NEW);
    assertThat(attributes(dot, "auth")).contains("fillcolor=\"" + DotWriter.FAILED);
    assertThat(attributes(dot, "config")).contains("tooltip=\"db.config: java.lang.String, resolved, computed in "
        + "12.3 ms (12.3 ms with its reads)\"");
    assertThat(boxes(dot)).hasSize(5);
    assertThat(arrows(dot)).containsExactly("  n0 -> n1;", "  n1 -> n3;"); // from what was read to its reader
    assertThat(dot).doesNotContain("legend");
    assertThat(Drawer.defaults().dotOfModules(s)).contains("cluster_legend", "\"eager\"", "\"resolving\"", "\"pending\"");
  }

  @Test
  void everyModuleIsAClusterHoldingItsBindings() {
    ExampleModules m = new ExampleModules();
    m.handler.get();
    String dot = Drawer.defaults().withoutLegend().dotOfModules(m.registry.snapshot());
    assertThat(cluster(dot, "db")).hasSize(3).allMatch(l -> l.startsWith("    n"))
        .anyMatch(l -> l.contains("\"config\\n")).anyMatch(l -> l.contains("\"pool\\n"))
        .anyMatch(l -> l.contains("label=\"reports\", "));
    assertThat(cluster(dot, "web")).hasSize(1).allMatch(l -> l.contains("\"handler\\n"));
    assertThat(dot).containsOnlyOnce("subgraph cluster_0 {").containsOnlyOnce("subgraph cluster_1 {")
        .doesNotContain("cluster_2");
    assertThat(arrows(dot)).containsExactly("  n0 -> n1;", "  n1 -> n3;");
    assertThat(m.runs).hasValue(3);
  }

  @Test
  void failuresAndOddTextAreEscapedAndGraphvizAcceptsThem() {
    BindingInfo failed = new BindingInfo("app.db", "pool", "com.example.Pool", BindingState.FAILED, false,
        new StackTraceElement("Db", "<init>", "Db.java", 7), null, null, null,
        "java.lang.IllegalStateException: no \"host\" in C:\\conf\nsecond line <b>&");
    RegistrySnapshot s = new RegistrySnapshot(List.of(failed), List.of());
    String dot = Drawer.defaults().withTitle("title \"q\"").dotOfModules(s);
    assertThat(attributes(dot, "pool")).contains("tooltip=" + DotWriter.quote("app.db.pool: com.example.Pool, "
        + "failed, first failure: java.lang.IllegalStateException: no \"host\" in C:\\conf\nsecond line <b>&, "
        + "bound at Db.<init>(Db.java:7)"));
    assertThat(dot).contains("no \\\"host\\\" in C:\\\\conf\\nsecond line", "label=\"app.db\"",
        "label=\"title \\\"q\\\"\"");
    DrawResult r = Drawer.defaults().drawModules(s, dir.resolve("failed.svg"));
    assertThat(r.nodesTotal()).isEqualTo(1);
    if (HAS_DOT) {
      assertThat(r.degraded()).as(r.message()).isFalse();
      assertThat(read(r.file())).contains("<svg", "app.db", "no &quot;host&quot;", "&lt;b&gt;&amp;");
      assertThat(r.message()).isEqualTo("wrote SVG to " + dir.resolve("failed.svg") + " (1 bindings)");
    } else {
      assertThat(r.format()).isEqualTo(DrawResult.Format.DOT);
      assertThat(r.message()).contains("could not be started");
    }
  }

  @Test
  void aFailureWithAHugeMessageIsCutSoGraphvizStillRendersTheRegistry() {
    String huge = "java.lang.IllegalStateException: " + "\u00e9\"".repeat(10_000); // 30 KB of UTF-8 once quoted
    BindingInfo failed = new BindingInfo("app", "pool", "Pool", BindingState.FAILED, false, null, null, null, null,
        huge);
    RegistrySnapshot s = new RegistrySnapshot(List.of(failed), List.of());
    DrawResult r = Drawer.defaults().drawModules(s, dir.resolve("huge.svg"));
    assertThat(r.degraded()).as(r.message()).isEqualTo(!HAS_DOT);
    String dot = Drawer.defaults().dotOfModules(s);
    assertThat(attributes(dot, "pool")).containsPattern("\\.\\.\\. \\(20,0\\d\\d characters\\)\", fillcolor")
        .hasSizeLessThan(4_000);
  }

  @Test
  void aRealRegistryMidResolveIsRenderedOrDegradesToDotWithAClearMessage() throws Exception {
    ExampleModules m = new ExampleModules();
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    LazyModule jobs = LazyModule.named("jobs"); // db and web are loaded, so the new bindings go in a new module
    Binding<String> nightly = jobs.bind("nightly", String.class, () -> {
      String p = m.pool.get();
      started.countDown();
      await(release);
      return "Nightly(" + p + ")";
    });
    jobs.bind("broken", String.class, () -> {
      throw new IllegalStateException("broken on purpose");
    });
    m.registry.load(jobs);
    assertThatThrownBy(() -> jobs.binding("broken", String.class).get()).isInstanceOf(RuntimeException.class);
    Thread reader = Thread.ofPlatform().start(nightly::get);
    started.await();
    RegistrySnapshot s = m.registry.snapshot();
    release.countDown();
    reader.join();

    assertThat(s.binding("jobs.nightly").state()).isEqualTo(BindingState.RESOLVING);
    assertThat(s.binding("jobs.broken").state()).isEqualTo(BindingState.FAILED);
    assertThat(m.handler.state()).isEqualTo(BindingState.PENDING);
    String dot = Drawer.defaults().dotOfModules(s);
    assertThat(attributes(dot, "nightly")).contains(DotWriter.RUNNING);
    assertThat(attributes(dot, "broken")).contains(DotWriter.FAILED, "broken on purpose");
    assertThat(attributes(dot, "handler")).contains(DotWriter.NEW);
    assertThat(dot).contains("label=\"jobs\"");

    DrawResult svg = Drawer.defaults().withTitle("mid resolve").drawModules(s, dir.resolve("modules.svg"));
    assertThat(svg.requested()).isEqualTo(DrawResult.Format.SVG);
    assertThat(svg.nodesTotal()).isEqualTo(6);
    assertThat(svg.nodesDrawn()).isEqualTo(6);
    if (HAS_DOT) {
      assertThat(svg.degraded()).as(svg.message()).isFalse();
      assertThat(read(svg.file())).contains("<svg", "mid resolve", "nightly", "jobs");
    } else {
      assertThat(svg.degraded()).isTrue();
      assertThat(svg.file()).isEqualTo(dir.resolve("modules.dot"));
      assertThat(svg.message()).contains("could not be started").endsWith("(6 bindings) instead");
    }
  }

  @Test
  void aMissingOrFailingDotDegradesToDotAndDotFilesNeedNoGraphviz() throws Exception {
    ExampleModules m = new ExampleModules();
    m.handler.get();
    RegistrySnapshot s = m.registry.snapshot();
    DrawResult missing = Drawer.defaults().withDotCommand(dir.resolve("no-such-dot").toString())
        .drawModules(s, dir.resolve("m.svg"));
    assertThat(missing.degraded()).isTrue();
    assertThat(missing.file()).isEqualTo(dir.resolve("m.dot"));
    assertThat(missing.message()).contains("could not be started", "apt-get install graphviz")
        .endsWith("wrote DOT to " + dir.resolve("m.dot") + " (4 bindings) instead");
    assertThat(read(missing.file())).isEqualTo(Drawer.defaults().dotOfModules(s));
    assertThat(dir.resolve("m.svg")).doesNotExist();

    Path fail = TestFiles.script(dir, "fail", "cat > /dev/null\necho 'bad graph' >&2\nexit 2");
    DrawResult failed = Drawer.defaults().withDotCommand(fail.toString()).drawModules(s, dir.resolve("m.png"));
    assertThat(failed.message()).contains("failed with exit code 2: bad graph");
    assertThat(failed.format()).isEqualTo(DrawResult.Format.DOT);

    Path hang = TestFiles.script(dir, "hang", "exec sleep 600");
    DrawResult slow = Drawer.defaults().withDotCommand(hang.toString()).withTimeout(Duration.ofMillis(200))
        .drawModules(s, dir.resolve("slow.svg"));
    assertThat(slow.message()).contains("did not finish within 200 ms and was stopped");

    DrawResult text = Drawer.defaults().withDotCommand("/nonexistent").drawModules(s, dir.resolve("m2.dot"));
    assertThat(text.degraded()).isFalse();
    assertThatThrownBy(() -> Drawer.defaults().drawModules(s, dir.resolve("m.gif"))).hasMessageContaining("m.gif");
    assertThatThrownBy(() -> Drawer.defaults().drawModules(null, dir.resolve("m.svg")))
        .isInstanceOf(NullPointerException.class).hasMessage("snapshot");
  }

  @Test
  void manyBindingsAreCollapsedByModuleAndStateThenCutToThoseNearestTheReaders() {
    List<BindingInfo> bindings = new ArrayList<>();
    for (int i = 0; i < 600; i++) {
      BindingState st = i % 3 == 0 ? BindingState.PENDING : BindingState.RESOLVED;
      bindings.add(info("m" + i % 2, "b" + i, st, false, 1));
    }
    List<Dependency> deps = List.of(new Dependency("m1.b1", "m0.b0"), new Dependency("m1.b5", "m0.b0"));
    RegistrySnapshot big = new RegistrySnapshot(bindings, deps);
    String dot = Drawer.defaults().withoutLegend().withMaxNodes(50).dotOfModules(big);
    assertThat(boxes(dot)).hasSize(4); // m0 pending, m1 resolved, m0 resolved, m1 pending
    assertThat(dot).contains("600 bindings collapsed into 4 groups of the same module and state",
        "\"pending\\n\u00d7100\"", "\"resolved\\n\u00d7200\"", "n0 -> n1 [label=\"\u00d72\"];");
    assertThat(cluster(dot, "m0")).hasSize(2);
    DrawResult r = Drawer.defaults().withMaxNodes(50).drawModules(big, dir.resolve("big.dot"));
    assertThat(r.nodesDrawn()).isEqualTo(4);
    assertThat(r.nodesTotal()).isEqualTo(600);
    assertThat(r.message()).endsWith("(600 bindings; 600 bindings collapsed into 4 groups of the same module and "
        + "state)");

    List<BindingInfo> chain = new ArrayList<>();
    List<Dependency> reads = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      chain.add(info("mod" + i, "b", BindingState.RESOLVED, false, 1));
      if (i > 0) {
        reads.add(new Dependency("mod" + i + ".b", "mod" + (i - 1) + ".b"));
      }
    }
    String cut = Drawer.defaults().withoutLegend().withMaxNodes(10).dotOfModules(new RegistrySnapshot(chain, reads));
    assertThat(boxes(cut)).hasSize(10);
    assertThat(arrows(cut)).hasSize(9);
    assertThat(cut).contains("label=\"mod59\"", "label=\"mod50\"").doesNotContain("label=\"mod49\"")
        .contains("only the 10 groups nearest the results are drawn, 50 bindings left out");
  }

  @Test
  void timesReadAsMicrosecondsMillisecondsOrSeconds() {
    assertThat(ModulePictures.time(Duration.ofNanos(850_400))).isEqualTo("850 \u00b5s");
    assertThat(ModulePictures.time(Duration.ofNanos(12_340_000))).isEqualTo("12.3 ms");
    assertThat(ModulePictures.time(Duration.ofMillis(1250))).isEqualTo("1.25 s");
  }

  /** The box lines inside the cluster labelled {@code module}. */
  private static List<String> cluster(String dot, String module) {
    Matcher m = Pattern.compile("(?s)  subgraph cluster_\\d+ \\{\n    label=\"" + Pattern.quote(module)
        + "\";[^\n]*\n(.*?)\n  }\n").matcher(dot);
    assertThat(m.find()).as("cluster %s in%n%s", module, dot).isTrue();
    return m.group(1).lines().toList();
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }
}
