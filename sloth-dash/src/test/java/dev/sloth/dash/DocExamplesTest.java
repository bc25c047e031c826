package dev.sloth.dash;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sloth.graph.Fn1;
import dev.sloth.graph.Fn2;
import dev.sloth.graph.Graph;
import dev.sloth.graph.Node;
import dev.sloth.graph.Source;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The examples of docs/dash.md, as written there (paths moved to a temporary folder), with their claims checked. */
class DocExamplesTest {
  @TempDir
  Path dir;

  @Test
  void theGuideRuns() throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
    Path report = dir.resolve("run.html");
    Path trace = dir.resolve("run.trace.json");

    Graph g = Graph.create();
    Fn1<Integer, Integer> square = g.fn1("Square", v -> v * v);
    Fn2<Integer, Integer, Integer> add = g.fn2("Add", (p, q) -> p + q);
    Source<Integer> x = g.source("x", 3);
    Node<Integer> total = add.call(square.call(x), square.call(4));

    try (Dashboard dash = Dashboard.builder(g).printingTo(out).start()) {   // Dashboard.start(g) prints on System.out
      total.get();                                    // watch it run
      x.set(5);                                       // Square(x) and Add turn amber (stale) ...
      total.get();                                    // ... and green again
      dash.writeReport(report);                       // the page with its data, one file
      dash.writeTrace(trace);                         // the last get(), for Perfetto

      assertThat(printed.toString(StandardCharsets.UTF_8))
          .isEqualTo("sloth dashboard: " + dash.url() + " (read-only; close() stops it)" + System.lineSeparator());
      assertThat(total.get()).isEqualTo(41);
    }
    assertThat(Files.readString(report)).startsWith("<!doctype html>").contains("\"type\":\"full\"");
    assertThat(MiniJson.object(Files.readString(trace)).get("traceEvents")).asList().isNotEmpty();
  }
}
