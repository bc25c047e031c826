package dev.sloth.tour;

import dev.sloth.graph.CycleException;
import dev.sloth.graph.EvaluationException;
import dev.sloth.graph.Fn1;
import dev.sloth.graph.Fn2;
import dev.sloth.graph.FnN;
import dev.sloth.graph.FnOptions;
import dev.sloth.graph.Graph;
import dev.sloth.graph.Node;
import dev.sloth.graph.NodeState;
import dev.sloth.graph.Source;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** The README's example and the engine's core behaviours, with counts and timings. */
final class GraphSection implements Section {
  @Override
  public String title() {
    return "Graph: the lazy dataflow engine";
  }

  @Override
  public void run(Out out) throws Exception {
    Graph warmUp = Graph.create(); // load the engine's classes first, so the timings below are the work's
    warmUp.fn1("WarmUp", (Integer v) -> v + 1).call(1).get();
    readmeExample(out, Graph.builder().sequential().build(), "sequential");
    readmeExample(out, Graph.create(), "parallel");
    invalidation(out);
    dynamicDependencies(out);
    blocking(out);
    failures(out);
  }

  private static void readmeExample(Out out, Graph g, String mode) throws Exception {
    Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
    Fn1<Integer, Integer> square = g.fn1("Square", x -> work(runs, "Square", 100, x * x));
    Fn2<Integer, Integer, Integer> mul = g.fn2("Mul", (x, y) -> work(runs, "Mul", 100, x * y));
    Fn2<Integer, Integer, Integer> add = g.fn2("Add", (x, y) -> work(runs, "Add", 100, x + y));
    long t = System.nanoTime();
    Node<Integer> a = square.call(2);
    Node<Integer> b = square.call(3);
    Node<Integer> c = mul.call(a, b);
    Node<Integer> d = add.call(a, b);
    out.line("[%s] recording a, b, c, d took %.3f ms and ran %d functions", mode, Out.millisSince(t), total(runs));
    out.time("[" + mode + "] c.get()  (Square, Square, Mul)", c::get);
    out.line("          runs so far: %s  (Add did not run)", runs);
    out.time("[" + mode + "] d.get()  (only Add: squares cached)", d::get);
    out.line("          runs so far: %s", runs);
    out.time("[" + mode + "] c.get() again (cached)", c::get);
  }

  private static void invalidation(Out out) throws Exception {
    out.blank();
    Graph g = Graph.create();
    Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
    Source<Integer> x = g.source("x", 2);
    Source<Integer> y = g.source("y", 10);
    Fn1<Integer, Integer> square = g.fn1("Square", v -> work(runs, "Square", 0, v * v));
    Fn1<Integer, Integer> parity = g.fn1("Parity", v -> work(runs, "Parity", 0, v % 2));
    Fn1<Integer, String> show = g.fn1("Show", p -> work(runs, "Show", 0, p == 0 ? "even" : "odd"));
    Node<Integer> sx = square.call(x);
    Node<Integer> sy = square.call(y);
    Node<String> shown = show.call(parity.call(x));
    out.line("Square(x)=%d Square(y)=%d Show(Parity(x))=%s   runs %s", sx.get(), sy.get(), shown.get(), runs);
    runs.clear();
    x.set(4);
    out.line("x.set(4): Square(x) is %s, Square(y) is %s (unrelated, keeps its value)", sx.state(), sy.state());
    out.line("Square(x)=%d Square(y)=%d Show(Parity(x))=%s   runs %s", sx.get(), sy.get(), shown.get(), runs);
    out.line("  -> Parity(4) equals Parity(2): early cutoff, Show did not run again");
  }

  private static void dynamicDependencies(Out out) throws Exception {
    out.blank();
    Graph g = Graph.create();
    Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
    Source<Boolean> useCache = g.source("useCache", true);
    Source<String> cache = g.source("cache", "cached answer");
    Fn1<String, String> fetch = g.fn1("Fetch", q -> work(runs, "Fetch", 50, "fetched " + q));
    Node<String> remote = fetch.call("query");
    Node<String> answer = g.computed("answer", () -> useCache.get() ? cache.get() : remote.get());
    out.line("computed answer = %s; reads %s; runs %s", answer.get(), names(answer.dependencies()), runs);
    useCache.set(false);
    out.time("useCache.set(false); answer.get()", answer::get);
    out.line("  now reads %s; runs %s", names(answer.dependencies()), runs);
    cache.set("new cached answer");
    out.line("cache.set(...): answer is %s (cache is no longer read)", answer.state());
  }

  private static void blocking(Out out) throws Exception {
    out.blank();
    Graph g = Graph.create();
    Fn1<Integer, Integer> io = g.fn1("Io", FnOptions.defaults().blocking(), i -> work(null, "Io", 100, i));
    FnN<Integer, Integer> sum = g.fnN("Sum", Integer.class, xs -> xs.stream().mapToInt(Integer::intValue).sum());
    List<Node<Integer>> calls = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      calls.add(io.call(i));
    }
    out.time("1,000 blocking 100 ms nodes on " + Runtime.getRuntime().availableProcessors() + " cores",
        () -> sum.call(calls).get());
    out.line("  (declared blocking: they wait on virtual threads, so they overlap)");
  }

  private static void failures(Out out) {
    out.blank();
    Graph g = Graph.create();
    Fn1<Integer, Integer> inverse = g.fn1("Inverse", v -> 100 / v);
    Fn2<Integer, Integer, Integer> add = g.fn2("Add", Integer::sum);
    Node<Integer> ok = inverse.call(4);
    Node<Integer> bad = add.call(inverse.call(0), ok);
    try {
      bad.get();
    } catch (EvaluationException e) {
      out.line("failure: %s", e.getMessage());
      out.line("  the sibling Inverse(4) stays cached: %s = %d", ok.state(), ok.get());
    }
    AtomicReference<Node<Integer>> later = new AtomicReference<>();
    Node<Integer> p = g.computed("p", () -> later.get().get() + 1);
    later.set(g.computed("q", () -> p.get() + 1));
    try {
      p.get();
    } catch (EvaluationException e) {
      out.line("cycle: %s", e.getCause() instanceof CycleException ce ? ce.getMessage() : e.getMessage());
    }
    out.line("after all that the graph is usable: Inverse(4) is %s", ok.state() == NodeState.VALID ? "VALID" : "?");
  }

  static <T> T work(Map<String, AtomicInteger> runs, String name, long millis, T result) {
    if (runs != null) {
      runs.computeIfAbsent(name, k -> new AtomicInteger()).incrementAndGet();
    }
    if (millis > 0) {
      try {
        Thread.sleep(millis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    return result;
  }

  private static int total(Map<String, AtomicInteger> runs) {
    return runs.values().stream().mapToInt(AtomicInteger::get).sum();
  }

  private static List<String> names(List<Node<?>> nodes) {
    return nodes.stream().map(Node::name).toList();
  }
}
