package dev.sloth.tour;

import dev.sloth.dash.Dashboard;
import dev.sloth.graph.EvaluationException;
import dev.sloth.graph.Fn1;
import dev.sloth.graph.Fn2;
import dev.sloth.graph.FnN;
import dev.sloth.graph.Graph;
import dev.sloth.graph.Node;
import dev.sloth.graph.Source;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The live dashboard on a run: its URL, then (interactively) a pause to look at it, or (in a pipe, in CI) the
 * self-contained HTML report, the Chrome trace of the last get() and a PNG screenshot taken by headless Chromium,
 * next to the other pictures.
 */
final class DashSection implements Section {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  @Override
  public String title() {
    return "Live dashboard in the browser";
  }

  @Override
  public void run(Out out) throws Exception {
    Graph g = Graph.create();
    Fn1<Integer, Integer> fetch = g.fn1("Fetch", v -> pause(15, v * 3));
    Fn1<Integer, Integer> parse = g.fn1("Parse", v -> {
      if (v == 21) {
        throw new IllegalArgumentException("record " + v + " is malformed");
      }
      return pause(5, v + 1);
    });
    Fn2<Integer, Integer, Integer> scale = g.fn2("Scale", (v, k) -> pause(2, v * k));
    FnN<Integer, Integer> sum = g.fnN("Sum", Integer.class, vs -> vs.stream().mapToInt(Integer::intValue).sum());
    Source<Integer> factor = g.source("factor", 2);
    List<Node<Integer>> good = new ArrayList<>();
    for (int i = 0; i < 24; i++) {
      if (i != 7) {
        good.add(scale.call(parse.call(fetch.call(i)), factor));
      }
    }
    Node<Integer> total = sum.call(good);
    Node<Integer> withBad = sum.call(List.of(total, parse.call(fetch.call(7))));

    try (Dashboard dash = Dashboard.builder(g).printingTo(null).start()) {
      out.line("Dashboard.start(g): %s (read-only, 127.0.0.1 only, no asset from elsewhere)", dash.url());
      out.time("total.get()  (23 Fetch -> Parse -> Scale, then Sum)", total::get);
      try {
        withBad.get();
      } catch (EvaluationException e) {
        out.line("withBad.get() failed, as meant: %s", e.failures().get(0));
      }
      factor.set(3);
      out.line("factor.set(3): the 23 Scale nodes and the Sum turn amber (stale) on the page");
      out.time("total.get() after the change (only Scale and Sum run)", total::get);
      if (System.console() != null && System.getenv("CI") == null) {
        out.line("open %s in a browser; press Enter to go on", dash.url());
        System.console().readLine();
      }
      Path report = dash.writeReport(out.dir().resolve("5-dashboard.html"));
      Path trace = dash.writeTrace(out.dir().resolve("5-dashboard-trace.json"));
      out.line("report (one file, script and data inlined): %s", report);
      out.line("trace of the last get() (open in https://ui.perfetto.dev): %s", trace);
      out.line("%s", screenshot(report, out.dir().resolve("5-dashboard.png")));
    }
    big(out);
  }

  /** 100,001 nodes: the page draws one box per function instead of going blank. */
  private static void big(Out out) throws Exception {
    Graph g = Graph.create();
    Fn1<Integer, Integer> leaf = g.fn1("Leaf", v -> v % 7);
    Fn1<Integer, Integer> even = g.fn1("Even", v -> v * 2);
    FnN<Integer, Integer> part = g.fnN("Part", Integer.class, vs -> vs.stream().mapToInt(Integer::intValue).sum());
    FnN<Integer, Integer> sum = g.fnN("Total", Integer.class, vs -> vs.stream().mapToInt(Integer::intValue).sum());
    List<Node<Integer>> parts = new ArrayList<>();
    int k = 0;
    for (int p = 0; p < 100; p++) {
      List<Node<Integer>> leaves = new ArrayList<>();
      for (int i = 0; i < 999; i++, k++) {
        leaves.add(k % 2 == 0 ? leaf.call(k) : even.call(leaf.call(k)));
      }
      parts.add(part.call(leaves));
    }
    Node<Integer> total = sum.call(parts.subList(0, 60));
    try (Dashboard dash = Dashboard.builder(g).printingTo(null).start()) {
      out.time(String.format("%,d nodes: get() of 60 of the 100 parts", g.size()), total::get);
      Path report = dash.writeReport(out.dir().resolve("6-dashboard-100k.html"));
      out.line("report: %s (%,d bytes: function groups, not 150,000 boxes)", report, Files.size(report));
      out.line("%s", screenshot(report, out.dir().resolve("6-dashboard-100k.png")));
    }
  }

  /** Photographs the report with Debian's headless Chromium; says why not when it cannot. */
  private static String screenshot(Path html, Path png) throws Exception {
    if (!Files.isExecutable(CHROMIUM)) {
      return "no " + CHROMIUM + ": screenshot skipped (./sloth setup installs chromium with apt-get)";
    }
    Path profile = Files.createTempDirectory("sloth-tour-chromium");
    try {
      Files.deleteIfExists(png);
      Process p = new ProcessBuilder(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
          "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
          "--disable-sync", "--hide-scrollbars", "--user-data-dir=" + profile, "--window-size=1280,1500",
          "--virtual-time-budget=3000", "--screenshot=" + png, html.toUri().toString())
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        return "chromium took more than 60 s: screenshot skipped";
      }
      return Files.isRegularFile(png) ? "screenshot by headless Chromium: " + png
          : "chromium exited with " + p.exitValue() + " and wrote no screenshot";
    } finally {
      try (Stream<Path> s = Files.walk(profile)) {
        s.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      } catch (IOException e) {
        // a temporary profile; leave what cannot be removed
      }
    }
  }

  private static int pause(long millis, int value) {
    try {
      Thread.sleep(millis); // stands for I/O or computation, so the task stream has something to show
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
    return value;
  }
}
