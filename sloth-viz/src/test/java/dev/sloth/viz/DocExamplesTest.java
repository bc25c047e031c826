package dev.sloth.viz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sloth.graph.GraphSnapshot;
import dev.sloth.graph.GraphSnapshot.NodeInfo;
import dev.sloth.module.RegistrySnapshot;
import dev.sloth.viz.testing.ExampleGraph;
import dev.sloth.viz.testing.ExampleModules;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The drawing examples of docs/viz.md, as written there, with their claims checked (the JGraphT ones are checked in
 * sloth-jgrapht; every block of the guide also compiles and runs in sloth-tour's DocBlocksTest).
 */
class DocExamplesTest {
  @TempDir
  Path dir;

  @Test
  void theSnapshotAndDrawingExamplesRun() {
    ExampleGraph s = new ExampleGraph();
    GraphSnapshot all = s.g.dump();
    assertThat(all.nodes()).extracting(NodeInfo::name)
        .containsExactly("x", "y", "Square#1", "Square#2", "Mul#1", "Add#1");
    s.c.get();
    GraphSnapshot toRun = s.d.controlFlow();
    assertThat(toRun.nodes()).extracting(NodeInfo::name).containsExactly("Add#1");

    DrawResult r = Drawer.defaults().withTitle("after c.get()").draw(s.g.dump(), dir.resolve("after-c.svg"));
    assertThat(r.message()).startsWith("wrote ").contains("(6 nodes)");
    String dot = Drawer.defaults().dot(s.d.controlFlow());
    assertThat(dot).startsWith("digraph sloth {").contains("Add#1").doesNotContain("Mul#1");

    Drawer drawer = Drawer.defaults()
        .withDotCommand("/opt/graphviz/bin/dot")
        .withTimeout(Duration.ofSeconds(30))
        .withMaxNodes(200)
        .withTitle("nightly build")
        .withoutLegend();
    DrawResult nightly = drawer.draw(s.g.dump(), dir.resolve("nightly.svg"));
    assertThat(nightly.degraded()).as("there is no /opt/graphviz/bin/dot").isTrue();
    assertThat(nightly.file()).isEqualTo(dir.resolve("nightly.dot"));
  }

  @Test
  void theLazyModulesDrawingExampleRuns() {
    ExampleModules m = new ExampleModules();
    m.handler.get();
    RegistrySnapshot s = m.registry.snapshot();
    DrawResult r = Drawer.defaults().withTitle("modules").drawModules(s, dir.resolve("modules.svg"));
    String dot = Drawer.defaults().dotOfModules(s);
    assertThat(r.message()).contains("(4 bindings)");
    assertThat(dot).contains("label=\"db\"", "label=\"web\"");
  }
}
