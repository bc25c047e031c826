package dev.sloth.viz;

import static dev.sloth.viz.TestFiles.arrows;
import static dev.sloth.viz.TestFiles.attributes;
import static dev.sloth.viz.TestFiles.boxes;
import static dev.sloth.viz.TestFiles.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sloth.graph.Fn1;
import dev.sloth.graph.Graph;
import dev.sloth.graph.GraphSnapshot;
import dev.sloth.graph.GraphSnapshot.Edge;
import dev.sloth.graph.GraphSnapshot.Kind;
import dev.sloth.graph.GraphSnapshot.NodeInfo;
import dev.sloth.graph.Node;
import dev.sloth.graph.NodeState;
import dev.sloth.viz.testing.ExampleGraph;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DrawerTest {
  private static final boolean HAS_DOT = TestFiles.HAS_DOT;

  @TempDir
  Path dir;

  @Test
  void dotShowsTheExampleBeforeAndAfterCGetWithStateColours() {
    ExampleGraph s = new ExampleGraph();
    Drawer drawer = Drawer.defaults();
    String before = drawer.dot(s.g.dump());
    assertThat(attributes(before, "x")).contains("fillcolor=\"" + DotWriter.VALID + "\"", "shape=ellipse");
    for (Node<?> n : List.of(s.a, s.b, s.c, s.d)) {
      assertThat(attributes(before, n.name())).contains("fillcolor=\"" + DotWriter.NEW + "\"")
          .doesNotContain(DotWriter.RAN);
    }
    assertThat(arrows(before)).hasSize(6);

    s.c.get();
    String after = drawer.dot(s.g.dump());
    for (Node<?> n : List.of(s.a, s.b, s.c)) {
      assertThat(attributes(after, n.name())).contains("fillcolor=\"" + DotWriter.VALID + "\"",
          "color=\"" + DotWriter.RAN + "\"", "penwidth=3");
    }
    assertThat(attributes(after, s.c.name())).contains("label=\"" + s.c.name() + "\\n= 36\"");
    assertThat(attributes(after, s.d.name())).contains(DotWriter.NEW).doesNotContain(DotWriter.RAN);

    s.d.get();
    String last = drawer.dot(s.g.dump());
    assertThat(attributes(last, s.d.name())).contains(DotWriter.VALID, DotWriter.RAN);
    assertThat(attributes(last, s.c.name())).contains(DotWriter.VALID).doesNotContain(DotWriter.RAN);
  }

  @Test
  void everyStateHasItsColourAndDynamicEdgesAreDashed() {
    List<NodeInfo> nodes = new ArrayList<>();
    for (NodeState st : NodeState.values()) {
      nodes.add(new NodeInfo(nodes.size(), "node_" + st, "f", Kind.CALL, st, false, null));
    }
    String dot = Drawer.defaults().withoutLegend().dot(new GraphSnapshot(nodes,
        List.of(new Edge(0, 1, true), new Edge(1, 2, false))));
    assertThat(attributes(dot, "node_VALID")).contains(DotWriter.VALID);
    assertThat(attributes(dot, "node_NEW")).contains(DotWriter.NEW);
    assertThat(attributes(dot, "node_STALE")).contains(DotWriter.STALE);
    assertThat(attributes(dot, "node_RUNNING")).contains(DotWriter.RUNNING);
    assertThat(attributes(dot, "node_FAILED")).contains(DotWriter.FAILED);
    assertThat(dot).contains("n0 -> n1 [style=dashed];", "n1 -> n2;").doesNotContain("legend");
    assertThat(Drawer.defaults().dot(new GraphSnapshot(nodes, List.of())))
        .contains("cluster_legend", "ran in last get");
  }

  @Test
  void oddNamesAreEscapedAndGraphvizAcceptsThem() {
    String odd = "say \"hi\" \\ {x -> y}; <b>&\tz\nnext line \u00e9\u4e2d";
    NodeInfo n = new NodeInfo(0, odd, odd, Kind.COMPUTED, NodeState.VALID, false, "\"quoted\" \\value");
    String dot = Drawer.defaults().withTitle("title with \"quotes\"").dot(new GraphSnapshot(List.of(n), List.of()));
    assertThat(DotWriter.quote(odd))
        .isEqualTo("\"say \\\"hi\\\" \\\\ {x -> y}; <b>& z\\nnext line \u00e9\u4e2d\"");
    assertThat(dot).contains("label=" + DotWriter.quote(odd + "\n= \"quoted\" \\value"))
        .contains("label=\"title with \\\"quotes\\\"\"");
    DrawResult r = Drawer.defaults().draw(new GraphSnapshot(List.of(n), List.of()), dir.resolve("odd.svg"));
    if (HAS_DOT) {
      assertThat(r.degraded()).as(r.message()).isFalse();
      assertThat(read(r.file())).contains("say &quot;hi&quot;", "&lt;b&gt;&amp;");
    } else {
      assertThat(r.format()).isEqualTo(DrawResult.Format.DOT);
    }
  }

  @Test
  void aValueTextCutInsideAnEmojiIsStillDrawn() {
    // A text that ends in half an emoji (the engine's own snapshots no longer cut one so; any other snapshot may).
    NodeInfo n = new NodeInfo(1, "s", "s", Kind.SOURCE, NodeState.VALID, false,
        "ab" + "\uD83D\uDE00".repeat(17) + "\uD83D...");
    GraphSnapshot snap = new GraphSnapshot(List.of(n), List.of());
    DrawResult dot = Drawer.defaults().draw(snap, dir.resolve("emoji.dot"));
    assertThat(read(dot.file())).contains("ab\uD83D\uDE00", "\uFFFD...").doesNotContain("\uD83D...");
    DrawResult svg = Drawer.defaults().draw(snap, dir.resolve("emoji.svg"));
    assertThat(svg.degraded()).as(svg.message()).isEqualTo(!HAS_DOT);
    NodeInfo lone = new NodeInfo(0, "lone \uDE00 low", "f", Kind.CALL, NodeState.NEW, false, null);
    assertThat(Drawer.defaults().dot(new GraphSnapshot(List.of(lone), List.of()))).contains("lone \uFFFD low");
  }

  @Test
  void aNameLongerThanGraphvizReadsIsCutSoThePictureStillRenders() {
    String name = "N".repeat(20_000); // dot rejects a quoted string longer than 16,384 bytes
    NodeInfo n = new NodeInfo(0, name, "f", Kind.CALL, NodeState.NEW, false, null);
    GraphSnapshot snap = new GraphSnapshot(List.of(n), List.of());
    DrawResult r = Drawer.defaults().draw(snap, dir.resolve("long.svg"));
    assertThat(r.degraded()).as(r.message()).isEqualTo(!HAS_DOT);
    assertThat(Drawer.defaults().dot(snap)).contains("N".repeat(990) + "... (20,000 characters)\"");
  }

  @Test
  void aFailingDotWhoseErrorIsNotUtf8StillDegradesToDot() throws Exception {
    Path fail = script("latin1", "cat > /dev/null\nprintf 'bad \\351t\\351\\n' >&2\nexit 2");
    DrawResult r = Drawer.defaults().withDotCommand(fail.toString()).draw(new ExampleGraph().g.dump(),
        dir.resolve("g.svg"));
    assertDegradedToDot(r, dir.resolve("g.dot"), "failed with exit code 2: bad \uFFFDt\uFFFD");
  }

  @Test
  void svgAndPngAreRenderedByGraphvizOrDegradeToDotWithAClearMessage() throws Exception {
    ExampleGraph s = new ExampleGraph();
    s.c.get();
    DrawResult svg = Drawer.defaults().withTitle("after c.get()").draw(s.g.dump(), dir.resolve("after.svg"));
    DrawResult png = Drawer.defaults().draw(s.g.dump(), dir.resolve("after.png"));
    assertThat(svg.requested()).isEqualTo(DrawResult.Format.SVG);
    assertThat(svg.nodesTotal()).isEqualTo(6);
    assertThat(svg.nodesDrawn()).isEqualTo(6);
    if (HAS_DOT) {
      assertThat(svg.degraded()).as(svg.message()).isFalse();
      assertThat(svg.file()).isEqualTo(dir.resolve("after.svg"));
      assertThat(read(svg.file())).contains("<svg", "after c.get()", s.c.name());
      assertThat(svg.message()).startsWith("wrote SVG to " + dir.resolve("after.svg"));
      byte[] bytes = Files.readAllBytes(png.file());
      assertThat(new String(bytes, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");
    } else {
      assertDegradedToDot(svg, dir.resolve("after.dot"), "could not be started");
      assertThat(read(svg.file())).contains(s.c.name());
    }
    try (var files = Files.list(dir)) { // no temporary files left behind
      assertThat(files.map(p -> p.getFileName().toString())).noneMatch(f -> f.startsWith(".sloth-"));
    }
  }

  @Test
  void aMissingDotDegradesToDot() {
    ExampleGraph s = new ExampleGraph();
    DrawResult r = Drawer.defaults().withDotCommand(dir.resolve("no-such-dot").toString())
        .draw(s.g.dump(), dir.resolve("g.svg"));
    assertDegradedToDot(r, dir.resolve("g.dot"), "could not be started");
    assertThat(r.message()).contains("apt-get install graphviz");
    assertThat(read(r.file())).startsWith("digraph sloth {").contains(s.d.name());
    assertThat(dir.resolve("g.svg")).doesNotExist();
    assertThatThrownBy(r::requireRendered).isInstanceOf(IllegalStateException.class)
        .hasMessage(r.message());
  }

  @Test
  void aDotThatNeverExitsIsKilledAtTheTimeout() throws Exception {
    Path pidFile = dir.resolve("pid");
    Path hang = script("hang", "echo $$ > '" + pidFile + "'\nexec sleep 600");
    long start = System.nanoTime();
    DrawResult r = Drawer.defaults().withDotCommand(hang.toString()).withTimeout(Duration.ofMillis(300))
        .draw(new ExampleGraph().g.dump(), dir.resolve("g.svg"));
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertDegradedToDot(r, dir.resolve("g.dot"), "did not finish within 300 ms and was stopped");
    assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(300)).isLessThan(Duration.ofSeconds(5));
    long pid = Long.parseLong(read(pidFile).strip());
    assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("fake dot killed").isFalse();
    assertThat(dir.resolve("g.svg")).doesNotExist();
  }

  @Test
  void aTimedOutDotLeavesNoChildProcessNorTemporaryFile() throws Exception {
    Path pidFile = dir.resolve("child");
    Path hang = script("spawn", "sleep 600 &\necho $! > '" + pidFile + "'\nwait");
    DrawResult r = Drawer.defaults().withDotCommand(hang.toString()).withTimeout(Duration.ofMillis(300))
        .draw(new ExampleGraph().g.dump(), dir.resolve("g.svg"));
    assertDegradedToDot(r, dir.resolve("g.dot"), "did not finish within 300 ms and was stopped");
    long child = Long.parseLong(read(pidFile).strip());
    Optional<ProcessHandle> h = ProcessHandle.of(child);
    if (h.isPresent()) {
      h.get().onExit().get(5, TimeUnit.SECONDS); // killed: it goes within moments
    }
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrder("spawn", "child", "g.dot");
    }
  }

  @Test
  void aTimeoutTooLongForNanosecondsMeansWaitingAsLongAsDotRuns() throws Exception {
    Path ok = script("ok", "cat > /dev/null\necho '<svg/>'");
    Drawer patient = Drawer.defaults().withDotCommand(ok.toString()).withTimeout(ChronoUnit.FOREVER.getDuration());
    assertThat(patient.toString()).contains("timeout=" + Long.MAX_VALUE + " s");
    DrawResult r = patient.draw(new ExampleGraph().g.dump(), dir.resolve("g.svg"));
    assertThat(r.degraded()).as(r.message()).isFalse();
    assertThat(read(dir.resolve("g.svg"))).isEqualTo("<svg/>\n");
  }

  @Test
  void aFailingDotReportsItsExitCodeAndError() throws Exception {
    Path fail = script("fail", "cat > /dev/null\necho 'syntax error in line 1' >&2\nexit 3");
    DrawResult r = Drawer.defaults().withDotCommand(fail.toString()).draw(new ExampleGraph().g.dump(), dir.resolve("g.png"));
    assertDegradedToDot(r, dir.resolve("g.dot"), "failed with exit code 3: syntax error in line 1");
    assertThat(dir.resolve("g.png")).doesNotExist();
  }

  @Test
  void dotFilesAreWrittenWithoutGraphvizAndBadArgumentsAreNamed() {
    ExampleGraph s = new ExampleGraph();
    DrawResult r = Drawer.defaults().withDotCommand("/nonexistent").draw(s.g.dump(), dir.resolve("g.dot"));
    assertThat(r.degraded()).isFalse();
    assertThat(r.format()).isEqualTo(DrawResult.Format.DOT);
    assertThat(read(r.file())).isEqualTo(Drawer.defaults().dot(s.g.dump()));
    assertThatThrownBy(() -> Drawer.defaults().draw(s.g.dump(), dir.resolve("g.jpeg")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("g.jpeg")
        .hasMessageContaining(".svg, .png or .dot");
    assertThatThrownBy(() -> Drawer.defaults().withMaxNodes(0)).hasMessageContaining("maxNodes is 0");
    assertThatThrownBy(() -> Drawer.defaults().withTimeout(Duration.ZERO)).hasMessageContaining("positive");
    assertThatThrownBy(() -> Drawer.defaults().withDotCommand(" ")).hasMessageContaining("blank");
  }

  // --------------------------------------------------------------------------------------------------- the cap

  @Test
  void aFiveThousandNodeGraphIsCollapsedByFunctionAndStillRenders() {
    Graph g = Graph.builder().sequential().build();
    Fn1<Integer, Integer> inc = g.fn1("Inc", v -> v + 1);
    Fn1<Integer, Integer> dbl = g.fn1("Dbl", v -> v * 2 % 1000);
    Node<Integer> n = g.source("start", 1);
    List<Node<Integer>> keep = new ArrayList<>();
    for (int i = 0; i < 4999; i++) {
      n = (i % 2 == 0 ? inc : dbl).call(n);
      keep.add(n);
    }
    keep.get(2000).get(); // the first 2,001 calls valid and ran in the last get, the rest new
    GraphSnapshot dump = g.dump();
    assertThat(dump.nodes()).hasSize(5000);

    DrawResult r = Drawer.defaults().draw(dump, dir.resolve("big.svg"));
    String dot = Drawer.defaults().withoutLegend().dot(dump);
    assertThat(boxes(dot)).hasSize(5); // start; Inc and Dbl, each valid+ran and new
    assertThat(dot).contains("5,000 nodes collapsed into 5 groups", "Inc\\n\u00d71,001", "Dbl\\n\u00d71,000",
        "Inc\\n\u00d71,499", "label=\"\u00d71,000\"");
    assertThat(r.nodesTotal()).isEqualTo(5000);
    assertThat(r.nodesDrawn()).isEqualTo(5);
    assertThat(r.message()).contains("collapsed into 5 groups");
    assertThat(r.degraded()).as(r.message()).isEqualTo(!HAS_DOT);
    assertThat(keep).hasSize(4999); // the chain stayed alive for the dump
  }

  @Test
  void fiveThousandDistinctNodesAreCutToThoseNearestTheResult() {
    List<NodeInfo> nodes = new ArrayList<>();
    List<Edge> edges = new ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      nodes.add(new NodeInfo(i, "step" + i, "step" + i, Kind.COMPUTED, NodeState.VALID, false, null));
      if (i > 0) {
        edges.add(new Edge(i - 1, i, false));
      }
    }
    String dot = Drawer.defaults().withoutLegend().withMaxNodes(300).dot(new GraphSnapshot(nodes, edges));
    assertThat(boxes(dot)).hasSize(300);
    assertThat(arrows(dot)).hasSize(299);
    assertThat(dot).contains("\"step4999\"", "\"step4700\"").doesNotContain("\"step4699\"", "\"step0\"")
        .contains("only the 300 groups nearest the results are drawn, 4,700 nodes left out");
  }

  // ---------------------------------------------------------------------------------------------- helpers

  private static void assertDegradedToDot(DrawResult r, Path dotFile, String why) {
    assertThat(r.degraded()).isTrue();
    assertThat(r.format()).isEqualTo(DrawResult.Format.DOT);
    assertThat(r.file()).isEqualTo(dotFile).exists();
    assertThat(r.message()).contains(why).endsWith("wrote DOT to " + dotFile + " (6 nodes) instead");
  }

  private Path script(String name, String body) throws Exception {
    return TestFiles.script(dir, name, body);
  }
}
