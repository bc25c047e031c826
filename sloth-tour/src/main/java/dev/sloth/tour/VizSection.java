package dev.sloth.tour;

import dev.sloth.graph.Fn1;
import dev.sloth.graph.Fn2;
import dev.sloth.graph.Graph;
import dev.sloth.graph.GraphListener;
import dev.sloth.graph.GraphSnapshot;
import dev.sloth.graph.GraphSnapshot.Edge;
import dev.sloth.graph.GraphSnapshot.NodeInfo;
import dev.sloth.graph.Node;
import dev.sloth.graph.Source;
import dev.sloth.jgrapht.CriticalPath;
import dev.sloth.jgrapht.SnapshotGraphs;
import dev.sloth.progress.ProgressListener;
import dev.sloth.viz.DrawResult;
import dev.sloth.viz.Drawer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The guide's three pictures (before {@code c.get()}, after it, after {@code d.get()}) as SVG files, the dump as a
 * JGraphT graph, and a progress bar on a get that takes more than a second.
 */
final class VizSection implements Section {
  @Override
  public String title() {
    return "Drawing the graph";
  }

  @Override
  public void run(Out out) throws Exception {
    Graph g = Graph.create();
    AtomicInteger runs = new AtomicInteger();
    Map<String, Double> millis = new ConcurrentHashMap<>();
    g.addListener(new GraphListener() {
      @Override
      public void nodeFinished(Node<?> node, long nanos, boolean changed) {
        millis.put(node.name(), nanos / 1e6);
      }
    });
    Fn1<Integer, Integer> square = g.fn1("Square", v -> slow(runs, v * v));
    Fn2<Integer, Integer, Integer> mul = g.fn2("Mul", (p, q) -> slow(runs, p * q));
    Fn2<Integer, Integer, Integer> add = g.fn2("Add", (p, q) -> slow(runs, p + q));
    Source<Integer> x = g.source("x", 2);
    Source<Integer> y = g.source("y", 3);
    Node<Integer> a = square.call(x);
    Node<Integer> b = square.call(y);
    Node<Integer> c = mul.call(a, b);
    Node<Integer> d = add.call(a, b);
    out.line("a = Square(x), b = Square(y), c = Mul(a, b), d = Add(a, b); every function sleeps 20 ms");

    draw(out, g, "1-before-c-get.svg", "before c.get(): only the inputs are valid");
    out.time("c.get()", c::get);
    out.line("functions run so far: %d (Square, Square, Mul; not Add)", runs.get());
    draw(out, g, "2-after-c-get.svg", "after c.get(): Mul ran, Add did not");
    out.line("d.controlFlow() before d.get(): %s (a and b are cached)",
        d.controlFlow().nodes().stream().map(NodeInfo::name).toList());
    out.time("d.get()", d::get);
    out.line("functions run so far: %d (only Add ran, on the cached squares)", runs.get());
    draw(out, g, "3-after-d-get.svg", "after d.get(): Add ran on cached values");

    org.jgrapht.Graph<NodeInfo, Edge> jg = SnapshotGraphs.toJGraphT(g.dump());
    out.line("as JGraphT: %d vertices, %d edges", jg.vertexSet().size(), jg.edgeSet().size());
    out.line("topological order: %s", names(SnapshotGraphs.topologicalOrder(jg)));
    out.line("ancestors of d:    %s", names(List.copyOf(SnapshotGraphs.ancestors(jg, SnapshotGraphs.vertex(jg,
        d.name())))));
    CriticalPath path = SnapshotGraphs.criticalPath(jg, n -> millis.getOrDefault(n.name(), 0.0));
    out.line("critical path by measured run time: %s, %.1f ms", names(path.nodes()), path.length());

    out.blank();
    bigGraph(out);
    out.blank();
    progress(out);
  }

  /** A 5,000-node chain: the drawing collapses it by function and state, so Graphviz stays quick. */
  private static void bigGraph(Out out) throws Exception {
    Graph g = Graph.builder().sequential().build();
    Fn1<Integer, Integer> inc = g.fn1("Inc", v -> v + 1);
    Fn1<Integer, Integer> dbl = g.fn1("Dbl", v -> v * 2 % 1000);
    Node<Integer> n = g.source("start", 1);
    Node<Integer> middle = null;
    for (int i = 0; i < 4999; i++) {
      n = (i % 2 == 0 ? inc : dbl).call(n);
      middle = i == 2000 ? n : middle;
    }
    Node<Integer> half = middle;
    out.time("5,000-node chain: get() of node 2,001", half::get);
    long t = System.nanoTime();
    GraphSnapshot dump = g.dump();
    out.line("g.dump(): %,d nodes, %,d edges (%.1f ms)", dump.nodes().size(), dump.edges().size(),
        Out.millisSince(t));
    t = System.nanoTime();
    DrawResult r = Drawer.defaults().withTitle("5,000 nodes").draw(dump, out.dir().resolve("4-five-thousand.svg"));
    out.line("drawn as %,d boxes in %.1f ms: %s", r.nodesDrawn(), Out.millisSince(t), r.message());
  }

  private static void draw(Out out, Graph g, String file, String title) {
    DrawResult r = Drawer.defaults().withTitle(title).draw(g.dump(), out.dir().resolve(file));
    out.line("%s", r.message());
  }

  /** A sequential chain of blocking steps: the get takes over a second, so the bar appears. */
  private static void progress(Out out) throws Exception {
    Graph g = Graph.builder().sequential().build();
    AtomicInteger runs = new AtomicInteger();
    Fn1<Integer, Integer> step = g.fn1("Step", v -> slow(runs, v + 1, 40));
    Node<Integer> n = g.source("start", 0);
    for (int i = 0; i < 40; i++) {
      n = step.call(n);
    }
    g.addListener(ProgressListener.toConsole());
    out.line("a chain of 40 steps of 40 ms with ProgressListener.toConsole(): the bar (on stderr) appears after 1 s");
    Node<Integer> last = n;
    out.time("last.get()", last::get);
    out.line("steps run: %d", runs.get());
  }

  private static String names(List<NodeInfo> nodes) {
    return nodes.stream().map(NodeInfo::name).toList().toString();
  }

  private static int slow(AtomicInteger runs, int value) {
    return slow(runs, value, 20);
  }

  private static int slow(AtomicInteger runs, int value, long ms) {
    runs.incrementAndGet();
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
    return value;
  }
}
