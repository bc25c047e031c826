package dev.sloth.bench.dash;

import dev.sloth.dash.Dashboard;
import dev.sloth.graph.Fn2;
import dev.sloth.graph.FnN;
import dev.sloth.graph.Graph;
import dev.sloth.graph.GraphListener;
import dev.sloth.graph.Node;
import dev.sloth.graph.Source;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What a watching dashboard costs the engine (issue 15: "engine throughput with one client attached within 5% of
 * none"). One long-lived graph: a source {@code x}, {@value #WIDTH} {@code Add(x, i)} nodes and a {@code Sum} of
 * them. Each operation sets {@code x} and gets the sum, so {@value #WIDTH} + 1 nodes run and send their events;
 * the score is per node run. {@code attached=none} has no dashboard; {@code dashboard} has one started with a page
 * connected (a socket reading the server-sent events, as a browser would), so the pump thread, its snapshots and the
 * client's writes all compete for the same cores as the engine. {@code listener} has an empty {@link GraphListener}
 * instead: what the engine's own event dispatch costs, apart from the dashboard's recording, with every run timed
 * (the default {@link GraphListener.RunTiming#EVERY_RUN}: two clock readings per run); {@code sampled} an empty
 * listener asking only {@link GraphListener.RunTiming#SAMPLED} timing, as the dashboard does (short runs timed one
 * in 16).
 *
 * <p>{@code work} is what each node's function does besides its addition: {@code 0} is the worst case (the engine's
 * own cost only, about 0.3 us per node), {@code 2000} a function of about 2 us, still small for real work.
 *
 * <pre>{@code
 * ./sloth bench DashboardBenchmark -f 1 -wi 3 -w 1s -i 5 -r 1s
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class DashboardBenchmark {
  static final int WIDTH = 1000;

  @Param({"none", "listener", "sampled", "dashboard"})
  public String attached;

  @Param({"sequential", "parallel"})
  public String mode;

  /** Extra work per node function, in loop iterations (about 1 ns each). */
  @Param({"0", "2000"})
  public int work;

  private Source<Integer> x;
  private Node<Integer> sum;
  private Dashboard dashboard;
  private Socket client;
  private final AtomicLong received = new AtomicLong();
  private int next;

  @Setup
  public void setUp() throws Exception {
    Graph g = switch (mode) {
      case "sequential" -> Graph.builder().sequential().build();
      case "parallel" -> Graph.builder().parallel().build();
      default -> throw new IllegalArgumentException("mode is '" + mode + "'; expected sequential or parallel");
    };
    int spin = work;
    Fn2<Integer, Integer, Integer> add = g.fn2("Add", (a, b) -> a + b + busy(spin));
    FnN<Integer, Integer> total = g.fnN("Sum", Integer.class, vs -> vs.stream().mapToInt(Integer::intValue).sum());
    x = g.source("x", 0);
    List<Node<Integer>> parts = new ArrayList<>();
    for (int i = 0; i < WIDTH; i++) {
      parts.add(add.call(x, i));
    }
    sum = total.call(parts);
    sum.get();
    switch (attached) {
      case "none" -> { }
      case "listener" -> g.addListener(new GraphListener() {
        @Override
        public void nodeStartedAt(Node<?> node, long startNanos) {}
      });
      case "sampled" -> g.addListener(new GraphListener() {
        @Override
        public RunTiming runTiming() {
          return RunTiming.SAMPLED;
        }

        @Override
        public void nodeStartedAt(Node<?> node, long startNanos) {}
      });
      case "dashboard" -> attach(g);
      default -> throw new IllegalArgumentException("attached is '" + attached
          + "'; expected none, listener, sampled or dashboard");
    }
  }

  private void attach(Graph g) throws Exception {
    dashboard = Dashboard.builder(g).printingTo(null).start();
    client = new Socket("127.0.0.1", dashboard.port());
    client.getOutputStream().write(("GET /events HTTP/1.1\r\nHost: 127.0.0.1:" + dashboard.port() + "\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII));
    BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
    Thread reader = new Thread(() -> {
      try {
        for (String line; (line = in.readLine()) != null; ) {
          if (line.startsWith("data: ")) {
            received.incrementAndGet();
          }
        }
      } catch (Exception e) {
        // closed at tear-down
      }
    }, "bench-sse-client");
    reader.setDaemon(true);
    reader.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (received.get() == 0) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the dashboard sent nothing within 10 s");
      }
      Thread.onSpinWait();
    }
  }

  @TearDown
  public void tearDown() throws Exception {
    if (dashboard != null) {
      long pushes = received.get();
      client.close();
      dashboard.close();
      if (pushes < 2) {
        throw new IllegalStateException("the client got " + pushes + " pushes: it was not really attached");
      }
    }
  }

  private static int busy(int iterations) {
    int h = 0;
    for (int i = 0; i < iterations; i++) {
      h = h * 31 + i;
    }
    return h == 42 ? 1 : 0; // almost never; keeps the loop from being removed
  }

  /** Set the source and get the sum: {@value #WIDTH} + 1 nodes run, per node. */
  @Benchmark
  @OperationsPerInvocation(WIDTH + 1)
  public int update() {
    x.set(++next);
    return sum.get();
  }
}
