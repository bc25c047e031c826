package dev.sloth.tour;

import dev.sloth.graph.Fn0;
import dev.sloth.graph.Fn1;
import dev.sloth.graph.FnOptions;
import dev.sloth.graph.Graph;
import dev.sloth.graph.GraphListener;
import dev.sloth.graph.MultiFn1;
import dev.sloth.graph.Node;
import dev.sloth.graph.Outputs;
import dev.sloth.graph.Source;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** The rest of the engine: spinning tasks, futures, multi-output, in-place, max trace, executors, events. */
final class EngineExtrasSection implements Section {
  @Override
  public String title() {
    return "Engine extras: spin, futures, multi-output, in-place, maxTrace, executors, events";
  }

  @Override
  public void run(Out out) throws Exception {
    spinning(out);
    futures(out);
    multiOutput(out);
    methodReferences(out);
    inPlace(out);
    maxTrace(out);
    executors(out);
    events(out);
  }

  private static void spinning(Out out) {
    Graph g = Graph.create();
    Fn1<Integer, Integer> recv = g.fnSpin1("Recv", (task, call) -> {
      long readyAt = System.nanoTime() + 100_000_000L; // the "network" answers after ~100 ms
      for (int spin : task.spin()) {
        if (System.nanoTime() >= readyAt) {
          break;
        }
      }
      return task.spins();
    });
    out.line("a spinning task whose condition becomes true after ~100 ms (a Recv that polls a socket, say):");
    for (int call = 1; call <= 5; call++) {
      long cpu = processCpuNanos();
      long t = System.nanoTime();
      int spins = recv.call(call).get();
      out.line("  call %d: %3d spins, %.0f ms, process CPU %.1f ms", call, spins, Out.millisSince(t),
          (processCpuNanos() - cpu) / 1e6);
    }
    out.line("  -> after learning, the first spin is scheduled near the usual time: a few spins instead of ~100");
  }

  private static void futures(Out out) throws Exception {
    out.blank();
    Graph g = Graph.create();
    CompletableFuture<String> response = new CompletableFuture<>();
    Fn1<String, String> fetch = g.fnAsync1("Fetch", url -> response.thenApply(body -> url + " -> " + body));
    Fn1<String, Integer> length = g.fn1("Length", String::length);
    Node<Integer> n = length.call(fetch.call("https://example.test/a"));
    CompletableFuture<Integer> pending = n.getAsync();
    out.line("a future node: getAsync() is done? %s (no thread waits for the response)", pending.isDone());
    response.complete("200 OK");
    out.line("response arrives: length = %d", pending.get());
  }

  /** The outputs of DivMod, each a node of its own. */
  record DivMod(int q, int r) {}

  private static void multiOutput(Out out) {
    out.blank();
    Graph g = Graph.create();
    Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
    Source<Integer> x = g.source("x", 42);
    MultiFn1<Integer, DivMod> divMod = g.fnMulti1("DivMod", v -> GraphSection.work(runs, "DivMod", 0,
        new DivMod(v / 10, v % 10)));
    Fn1<Integer, String> showQ = g.fn1("ShowQ", q -> GraphSection.work(runs, "ShowQ", 0, "q=" + q));
    Fn1<Integer, String> showR = g.fn1("ShowR", r -> GraphSection.work(runs, "ShowR", 0, "r=" + r));
    Outputs<DivMod> qr = divMod.call(x);
    Node<String> q = showQ.call(qr.get(DivMod::q));   // typed: qr.get(DivMod::q) is a Node<Integer>
    Node<String> r = showR.call(qr.get(DivMod::r));
    out.line("multi-output DivMod(42): %s %s   runs %s", q.get(), r.get(), runs);
    x.set(47);
    out.line("x.set(47):             %s %s   runs %s  (ShowQ stayed valid: output q unchanged)", q.get(), r.get(),
        runs);
  }

  private static void methodReferences(Out out) throws Exception {
    out.blank();
    Graph g = Graph.builder().sequential().build();
    Fn1<java.nio.file.Path, String> read =
        g.fn1("Read", FnOptions.defaults().blocking(), java.nio.file.Files::readString);
    java.nio.file.Path file = java.nio.file.Files.createTempFile("sloth-tour", ".txt");
    java.nio.file.Files.writeString(file, "hello");
    out.line("method reference Files::readString (overloaded, throws IOException): %s", read.call(file).get());
    java.nio.file.Files.delete(file);
    try {
      read.call(file.resolveSibling(file.getFileName() + ".missing")).get();
    } catch (dev.sloth.graph.EvaluationException e) {
      out.line("missing file: the cause is the checked exception itself, %s", e.getCause().getClass().getName());
    }
    int k = 3;
    Fn1<Integer, Integer> addK = g.fn1("AddK", x -> x + k);
    out.line("identity of Read: %s", read.identity());
    out.line("identity of AddK: %s.%s, captured %s", addK.identity().implementationClass(),
        addK.identity().methodName(), addK.identity().capturedValues());
  }

  private static void inPlace(Out out) {
    out.blank();
    Graph g = Graph.create();
    Fn0<ArrayList<Integer>> load = g.fn0("Load", () -> new ArrayList<>(List.of(3, 1, 2)));
    Fn1<ArrayList<Integer>, ArrayList<Integer>> sort = g.fn1("SortInPlace", FnOptions.defaults().mutating(0),
        xs -> { Collections.sort(xs); return xs; });
    Node<ArrayList<Integer>> data = load.call();
    Node<ArrayList<Integer>> sorted = sort.call(data);
    out.line("in-place SortInPlace(data) = %s; data is still %s (it sorted a private copy)", sorted.get(), data.get());
  }

  private static void maxTrace(Out out) {
    out.blank();
    Graph g = Graph.builder().sequential().maxTrace(10_000).build();
    Fn1<Long, Long> inc = g.fn1("Inc", v -> v + 1);
    Runtime rt = Runtime.getRuntime();
    System.gc();
    long before = rt.totalMemory() - rt.freeMemory();
    long t = System.nanoTime();
    Node<Long> x = inc.call(0L);
    for (int i = 1; i < 10_000_000; i++) {
      x = inc.call(x);
    }
    double ms = Out.millisSince(t);
    System.gc();
    long after = rt.totalMemory() - rt.freeMemory();
    out.line("maxTrace(10_000): 10,000,000 recorded calls with no get() in %.0f ms; heap %+.1f MB; value %d", ms,
        (after - before) / 1e6, x.get());
  }

  private static void executors(Out out) throws Exception {
    out.blank();
    Graph g = Graph.create();
    ExecutorService single = Executors.newSingleThreadExecutor(r -> new Thread(r, "not-thread-safe-lib"));
    try {
      Fn1<Integer, String> where = g.fn1("Where", i -> i + "@" + Thread.currentThread().getName());
      Node<String> pinned = where.call(1).executor(single);
      out.line("node.executor(single): ran as %s", pinned.get());
    } finally {
      single.shutdown();
    }
  }

  private static void events(Out out) {
    out.blank();
    Graph g = Graph.create();
    AtomicInteger started = new AtomicInteger();
    AtomicInteger hits = new AtomicInteger();
    g.addListener(new GraphListener() {
      @Override
      public void nodeStarted(Node<?> node) {
        started.incrementAndGet();
      }

      @Override
      public void cacheHit(Node<?> node) {
        hits.incrementAndGet();
      }
    });
    Source<Integer> s = g.source("s", 1);
    Fn1<Integer, Integer> parity = g.fn1("Parity", v -> v % 2);
    Fn1<Integer, Integer> inc = g.fn1("Inc", v -> v + 1);
    Node<Integer> n = inc.call(inc.call(parity.call(s)));
    n.get();
    s.set(3);
    n.get();
    out.line("a listener heard %d node runs and %d cache hits (JFR: enable event dev.sloth.NodeRun)", started.get(),
        hits.get());
  }

  private static long processCpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return 0;
  }
}
