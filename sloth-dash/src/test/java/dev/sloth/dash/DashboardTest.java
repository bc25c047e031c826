package dev.sloth.dash;

import static dev.sloth.dash.MiniJson.list;
import static dev.sloth.dash.MiniJson.obj;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sloth.graph.EvaluationException;
import dev.sloth.graph.Fn1;
import dev.sloth.graph.Fn2;
import dev.sloth.graph.FnN;
import dev.sloth.graph.FnOptions;
import dev.sloth.graph.Graph;
import dev.sloth.graph.GraphSnapshot;
import dev.sloth.graph.Node;
import dev.sloth.graph.Source;
import dev.sloth.module.Binding;
import dev.sloth.module.LazyModule;
import dev.sloth.module.ModuleRegistry;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dashboard without a browser: what it serves, how it paces and bounds pushes, and what it tells. */
class DashboardTest {
  @TempDir
  Path dir;

  private static Dashboard dashboard(Graph g) {
    return Dashboard.builder(g).printingTo(null).start();
  }

  /** The whole picture as a page would get it now, after the dashboard has seen everything done so far. */
  private static Map<String, Object> full(Dashboard d) {
    d.awaitTick();
    return MiniJson.object(d.model().full(false));
  }

  /** Sends one raw HTTP/1.1 request and returns the status line. */
  private static String raw(Dashboard d, String method, String path, String host) throws Exception {
    try (Socket s = new Socket("127.0.0.1", d.port())) {
      s.setSoTimeout(5000);
      OutputStream out = s.getOutputStream();
      out.write((method + " " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\nContent-Length: 0"
          + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      return new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII)).readLine();
    }
  }

  @Test
  void itServesOnLoopbackReadOnlyAndOnlyToALoopbackHost() throws Exception {
    Graph g = Graph.create();
    try (Dashboard d = dashboard(g)) {
      assertThat(d.url().toString()).isEqualTo("http://127.0.0.1:" + d.port() + "/");
      String host = "127.0.0.1:" + d.port();
      assertThat(raw(d, "GET", "/", host)).isEqualTo("HTTP/1.1 200 OK");
      assertThat(raw(d, "GET", "/", "localhost:" + d.port())).isEqualTo("HTTP/1.1 200 OK");
      assertThat(raw(d, "GET", "/dash.js", host)).isEqualTo("HTTP/1.1 200 OK");
      assertThat(raw(d, "GET", "/dash.css", host)).isEqualTo("HTTP/1.1 200 OK");
      assertThat(raw(d, "GET", "/trace.json", host)).isEqualTo("HTTP/1.1 200 OK");
      assertThat(raw(d, "GET", "/report.html", host)).isEqualTo("HTTP/1.1 200 OK");
      assertThat(raw(d, "GET", "/api/function?name=none", host)).startsWith("HTTP/1.1 404");
      assertThat(raw(d, "HEAD", "/events", host)).isEqualTo("HTTP/1.1 200 OK");
      assertThat(raw(d, "POST", "/", host)).startsWith("HTTP/1.1 405");
      assertThat(raw(d, "PUT", "/api/node?name=x", host)).startsWith("HTTP/1.1 405");
      assertThat(raw(d, "GET", "/", "evil.example:" + d.port())).startsWith("HTTP/1.1 403");
      assertThat(raw(d, "GET", "/nothing", host)).startsWith("HTTP/1.1 404");
      assertThat(raw(d, "GET", "/api/node?name=nobody", host)).startsWith("HTTP/1.1 404");
    }
  }

  @Test
  void closeStopsServingAndEndsItsThreads() throws Exception {
    Graph g = Graph.create();
    Dashboard d = dashboard(g);
    int port = d.port();
    d.close();
    d.close();
    assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);
    assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("sloth-dash-pump"));
    Fn1<Integer, Integer> inc = g.fn1("Inc", v -> v + 1);
    assertThat(inc.call(1).get()).isEqualTo(2); // the graph goes on without it
  }

  @Test
  void badSettingsAreNamed() throws Exception {
    Graph g = Graph.create();
    assertThatThrownBy(() -> Dashboard.builder(g).port(0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("port is 0");
    assertThatThrownBy(() -> Dashboard.builder(null)).isInstanceOf(NullPointerException.class)
        .hasMessageContaining("graph");
    try (Dashboard d = dashboard(g)) {
      assertThatThrownBy(() -> Dashboard.builder(g).port(d.port()).printingTo(null).start())
          .isInstanceOf(UncheckedIOException.class).hasMessageContaining("127.0.0.1:" + d.port());
    }
  }

  @Test
  void pushesAreCoalescedToAtMostTenASecondPerClient() throws Exception {
    Graph g = Graph.create();
    Fn1<Integer, Integer> inc = g.fn1("Inc", v -> v + 1);
    Source<Integer> x = g.source("x", 0);
    Node<Integer> y = inc.call(inc.call(x));
    try (Dashboard d = dashboard(g); Socket s = new Socket("127.0.0.1", d.port())) {
      s.setSoTimeout(5000);
      s.getOutputStream().write(("GET /events HTTP/1.1\r\nHost: 127.0.0.1:" + d.port() + "\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
      List<Long> arrivals = new ArrayList<>();
      List<String> messages = new ArrayList<>();
      Thread reader = Thread.ofPlatform().daemon().start(() -> {
        try {
          for (String line; (line = in.readLine()) != null; ) {
            if (line.startsWith("data: ")) {
              synchronized (arrivals) {
                arrivals.add(System.nanoTime());
                messages.add(line.substring(6));
              }
            }
          }
        } catch (Exception e) {
          // socket closed at the end of the test
        }
      });
      long start = System.nanoTime();
      long deadline = start + TimeUnit.MILLISECONDS.toNanos(1500);
      int sets = 0;
      while (System.nanoTime() < deadline && sets < 5_000_000) {
        x.set(++sets);
        y.get();
      }
      d.awaitTick();
      double seconds = (System.nanoTime() - start) / 1e9;
      s.close();
      reader.join(5000);
      assertThat(reader.isAlive()).as("the event reader ended within 5 s of the socket's close").isFalse();
      synchronized (arrivals) {
        assertThat(sets).isGreaterThan(100);
        assertThat(arrivals.size()).isGreaterThanOrEqualTo(5).isLessThanOrEqualTo((int) (seconds * 10) + 2);
        assertThat(obj(MiniJson.parse(messages.get(0))).get("type")).isEqualTo("full");
        assertThat(obj(MiniJson.parse(messages.get(messages.size() - 1))).get("type")).isEqualTo("delta");
      }
    }
  }

  @Test
  void aClientThatNeverReadsOrVanishesCostsTheEngineNothing() throws Exception {
    Graph g = Graph.create();
    Fn1<Integer, Integer> inc = g.fn1("Inc", v -> v + 1);
    FnN<Integer, Integer> sum = g.fnN("Sum", Integer.class, vs -> vs.stream().mapToInt(Integer::intValue).sum());
    Source<Integer> x = g.source("x", 0);
    List<Node<Integer>> parts = new ArrayList<>();
    for (int i = 0; i < 1500; i++) {
      parts.add(inc.call(x));
      x = i % 100 == 99 ? g.source("x" + i, i) : x;
    }
    Source<Integer> first = g.source("first", 0);
    parts.add(inc.call(first));
    Node<Integer> top = sum.call(parts);
    try (Dashboard d = dashboard(g); Socket stalled = new Socket("127.0.0.1", d.port())) {
      stalled.setReceiveBufferSize(1024);
      stalled.getOutputStream().write(("GET /events HTTP/1.1\r\nHost: 127.0.0.1:" + d.port() + "\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
      int rounds = 0;
      while (System.nanoTime() < deadline && rounds < 1000) {
        first.set(++rounds);
        top.get();
        for (Server.Client c : d.server().clients) {
          assertThat(c.outbox.size()).isLessThanOrEqualTo(Server.OUTBOX);
        }
      }
      d.awaitTick();
      assertThat(rounds).isGreaterThan(5);
      assertThat(d.clients()).isEqualTo(1);
      // rings may overflow in such a storm (events are dropped, never waited for); the next snapshot puts it right
      int[] expected = new int[5];
      g.dump().nodes().forEach(n -> expected[n.state() == dev.sloth.graph.NodeState.VALID ? 2 : 0]++);
      assertThat(d.model().totals()).as("the picture is right while the client stalls").containsExactly(expected);
      stalled.close();
      long gone = System.nanoTime();
      long until = gone + TimeUnit.SECONDS.toNanos(10);
      for (int tick = 0; System.nanoTime() < until && d.clients() > 0; tick++) {
        first.set(-tick);
        top.get();
        d.awaitTick();
      }
      System.out.printf("vanished client dropped after %.0f ms%n", (System.nanoTime() - gone) / 1e6);
      assertThat(d.clients()).as("a vanished client is dropped").isZero();
    }
  }

  @Test
  void theDashboardKeepsNoNodeAlive() throws Exception {
    Graph g = Graph.create();
    Fn1<Integer, Integer> inc = g.fn1("Inc", v -> v + 1);
    Source<Integer> x = g.source("x", 1);
    try (Dashboard d = dashboard(g)) {
      Node<Integer> dropped = inc.call(inc.call(x));
      assertThat(dropped.get()).isEqualTo(3);
      d.awaitTick(); // its events were drained and it is in the model (by name) and in a snapshot
      assertThat(d.model().detail(dropped.name())).isNotNull();
      java.lang.ref.WeakReference<Node<Integer>> ref = new java.lang.ref.WeakReference<>(dropped);
      dropped = null;
      for (int i = 0; i < 50 && ref.get() != null; i++) {
        System.gc();
        d.awaitTick();
      }
      assertThat(ref.get()).as("a node nobody references is collected while the dashboard runs").isNull();
    }
  }

  @Test
  void theTapNeverWaitsItDropsAndCountsWhenItsRingIsFull() {
    Tap tap = new Tap();
    Graph g = Graph.create();
    Source<Integer> x = g.source("x", 1);
    for (int i = 0; i < Tap.LANE + 1000; i++) {
      tap.cacheHit(x);
    }
    tap.evaluationFinished(x, true); // rare events overflow instead of being dropped
    tap.invalidated(x, 7);
    List<Tap.Event> out = new ArrayList<>();
    assertThat(tap.drainTo(out)).isEqualTo(1000);
    assertThat(out).hasSize(Tap.LANE + 2);
    assertThat(out.subList(0, Tap.LANE)).allMatch(e -> e.kind() == Tap.HIT && e.node() == x);
    assertThat(out.subList(Tap.LANE, Tap.LANE + 2)).extracting(Tap.Event::kind)
        .containsExactly(Tap.EVAL_FINISHED, Tap.INVALIDATED);
    assertThat(tap.rareDropped()).isZero();
    tap.cacheHit(x);
    out.clear();
    assertThat(tap.drainTo(out)).isZero();
    assertThat(out).hasSize(1);
    // virtual threads share one bounded queue
    Thread t = Thread.ofVirtual().start(() -> {
      for (int i = 0; i < Tap.SHARED + 10; i++) {
        tap.cacheHit(x);
      }
    });
    try {
      t.join();
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
    out.clear();
    assertThat(tap.drainTo(out)).isEqualTo(10);
    assertThat(out).hasSize(Tap.SHARED).allMatch(e -> e.lane().equals("virtual"));
  }

  /** The page's pinned list once it holds {@code name} with the value text {@code value}; fails after 10 s. */
  private static List<Object> awaitPinned(Dashboard d, String name, String value) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (true) {
      Object pins = full(d).get("pins");
      for (Object p : list(pins)) {
        if (list(p).get(0).equals(name) && list(p).get(1).equals(value)) {
          return list(p);
        }
      }
      assertThat(System.nanoTime()).as("pinned %s = %s within 10 s; the page has %s", name, value, pins)
          .isLessThan(deadline);
    }
  }

  @Test
  void aPinnedNodeIsKeptFreshByTheGraphsObserverAndItsNewValueReachesThePageWithoutAGet() {
    Graph g = Graph.create();
    java.util.concurrent.atomic.AtomicInteger runs = new java.util.concurrent.atomic.AtomicInteger();
    Fn1<Integer, Integer> square = g.fn1("Square", v -> {
      runs.incrementAndGet();
      return v * v;
    });
    Source<Integer> x = g.source("x", 3);
    Node<Integer> pinned = square.call(x);
    Node<Integer> notPinned = square.call(4);
    try (Dashboard d = dashboard(g)) {
      assertThat(d.pin(pinned).pin(pinned)).isSameAs(d);
      assertThat(awaitPinned(d, pinned.name(), "9").get(2)).isEqualTo(1.0); // its value now, once
      x.set(5); // nobody calls get(): the observer recomputes it
      assertThat(awaitPinned(d, pinned.name(), "25").get(2)).isEqualTo(2.0);
      assertThat(MiniJson.object(d.model().detail(pinned.name()))).containsEntry("value", "25");
      assertThat(list(full(d).get("pins"))).as("pinned twice, listed once").hasSize(1);
      assertThat(runs.get()).isEqualTo(2);
      assertThat(notPinned.state()).isEqualTo(dev.sloth.graph.NodeState.NEW);
      Graph other = Graph.create();
      Node<Integer> foreign = other.source("y", 1);
      assertThatThrownBy(() -> d.pin(foreign)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("'y' belongs to another graph");
      d.close();
      assertThatThrownBy(() -> d.pin(notPinned)).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("closed");
      x.set(6);
      assertThat(pinned.state()).as("closing ended the observation").isEqualTo(dev.sloth.graph.NodeState.STALE);
    }
  }

  @Test
  void nodeDetailShowsWhyThePersistentCacheRanOrRecalledTheNode() throws Exception {
    Path store = dir.resolve("cache");
    for (String expected : new String[] {"no result was stored for it before", "was recalled from the cache"}) {
      try (dev.sloth.cache.DiskCache cache = dev.sloth.cache.DiskCache.builder(store)
          .defaultRule(dev.sloth.cache.PersistRule.forced()).build()) {
        Graph g = Graph.builder().persistentCache(cache).build();
        Node<Integer> sq = g.fn1("Sq", DashboardTest::square).call(7);
        try (Dashboard d = Dashboard.builder(g).printingTo(null).explainingWith(cache::explain).start()) {
          assertThat(sq.get()).isEqualTo(49);
          d.awaitTick();
          Map<String, Object> detail = MiniJson.object(d.model().detail(sq.name()));
          assertThat(detail.get("cache")).isEqualTo(cache.explain(sq)).asString().contains(expected);
        }
      }
    }
  }

  private static int square(int v) {
    return v * v;
  }

  @Test
  void anExplanationThatThrowsIsShownAsSuchAndTheRestOfTheDetailStays() {
    Graph g = Graph.create();
    Node<Integer> n = g.fn1("Inc", (Integer v) -> v + 1).call(1);
    Node<Integer> quiet = g.fn1("Dec", (Integer v) -> v - 1).call(1);
    try (Dashboard d = Dashboard.builder(g).printingTo(null).explainingWith(node -> {
      throw new IllegalStateException("no cache today");
    }).start()) {
      n.get();
      d.awaitTick();
      Map<String, Object> detail = MiniJson.object(d.model().detail(n.name()));
      assertThat(detail.get("cache")).asString().contains("threw", "no cache today");
      assertThat(detail).containsEntry("state", "done").containsEntry("value", "2");
      assertThat(MiniJson.object(d.model().detail(quiet.name())).get("cache")).asString()
          .contains("has not seen this node run");
    }
    try (Dashboard d = dashboard(g)) {
      assertThat(MiniJson.object(d.model().detail(n.name()))).as("no explainer, no field").doesNotContainKey("cache");
    }
    assertThatThrownBy(() -> Dashboard.builder(g).explainingWith(null)).isInstanceOf(NullPointerException.class)
        .hasMessageContaining("explain");
  }

  @Test
  void aRunIsTimedByTheEnginesOwnStartAndRunTimeNotByAClockOfTheTaps() {
    Tap tap = new Tap();
    Graph g = Graph.create();
    Source<Integer> x = g.source("x", 1);
    Source<Integer> y = g.source("y", 2);
    tap.nodeStartedAt(x, 1_000);
    tap.nodeStartedAt(y, 1_200); // nested: x's function reads y
    List<Tap.Event> running = new ArrayList<>();
    tap.runningTo((kind, node, arg, cause, time, lane) -> running.add(new Tap.Event(kind, node, arg, cause, time,
        lane, 0)));
    assertThat(running).as("starts are read off the lane's stack, outermost first").extracting(Tap.Event::node)
        .containsExactly(x, y);
    assertThat(running).extracting(Tap.Event::time).containsExactly(1_000L, 1_200L);
    tap.nodeFinished(y, 300, true);
    tap.cacheHit(y);
    tap.nodeFinished(x, 900, true);
    List<Tap.Event> out = new ArrayList<>();
    assertThat(tap.drainTo(out)).isZero();
    assertThat(out).as("one slot per run: the finish carries both times").extracting(Tap.Event::kind)
        .containsExactly(Tap.FINISHED, Tap.HIT, Tap.FINISHED);
    assertThat(out).extracting(Tap.Event::time).containsExactly(1_500L, 1_500L, 1_900L);
    assertThat(out).extracting(Tap.Event::arg).containsExactly(300L, 0L, 900L);
    running.clear();
    tap.runningTo((kind, node, arg, cause, time, lane) -> running.add(null));
    assertThat(running).as("nothing runs any more").isEmpty();
  }

  @Test
  void threadsWhoseIdsShareAStripeStillWriteToTheirOwnLanes() throws Exception {
    Tap tap = new Tap();
    Graph g = Graph.create();
    Source<Integer> x = g.source("x", 1);
    java.util.concurrent.CyclicBarrier both = new java.util.concurrent.CyclicBarrier(2);
    java.util.Queue<Exception> failed = new java.util.concurrent.ConcurrentLinkedQueue<>();
    Runnable record = () -> {
      try {
        both.await(10, java.util.concurrent.TimeUnit.SECONDS); // both alive at once, so neither lane is dead
        for (int i = 0; i < 3; i++) {
          tap.nodeStartedAt(x, 10 + i);
          tap.nodeFinished(x, 1, true);
          tap.cacheHit(x);
        }
        both.await(10, java.util.concurrent.TimeUnit.SECONDS);
      } catch (Exception e) {
        failed.add(e); // a barrier not reached in 10 s: the test thread reports it
      }
    };
    Thread first = new Thread(record, "first");
    Thread second = null;
    for (int tries = 0; tries < 10 * Tap.STRIPES && second == null; tries++) {
      Thread t = new Thread(record, "second");
      if ((t.threadId() - first.threadId()) % Tap.STRIPES == 0) {
        second = t; // same stripe as first
      }
    }
    assertThat(second).as("a thread on first's stripe").isNotNull();
    first.start();
    second.start();
    first.join(10_000);
    second.join(10_000);
    assertThat(first.isAlive() || second.isAlive()).as("both recording threads ended within 10 s").isFalse();
    assertThat(failed).as("the recording threads met at both barriers within 10 s").isEmpty();
    List<Tap.Event> out = new ArrayList<>();
    assertThat(tap.drainTo(out)).isZero();
    assertThat(out.stream().filter(e -> e.lane().equals("first"))).hasSize(6);
    assertThat(out.stream().filter(e -> e.lane().equals("second"))).hasSize(6);
  }

  @Test
  void aNodeRunningNowIsShownRunningAndThenDone() throws Exception {
    Graph g = Graph.create();
    java.util.concurrent.CountDownLatch inside = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    Node<Integer> slow = g.fn1("Slow", FnOptions.defaults().blocking(), (Integer v) -> {
      inside.countDown();
      assertThat(release.await(10, TimeUnit.SECONDS)).isTrue();
      return v + 1;
    }).call(1);
    try (Dashboard d = dashboard(g)) {
      Thread caller = new Thread(slow::get, "caller");
      caller.start();
      assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
      d.awaitTick();
      assertThat(d.model().totals()[Model.RUNNING]).as("running, seen on its lane's stack").isEqualTo(1);
      assertThat(MiniJson.object(d.model().detail(slow.name()))).containsEntry("state", "running");
      release.countDown();
      caller.join(10_000);
      assertThat(caller.isAlive()).as("the caller's get() returned within 10 s of the release").isFalse();
      d.awaitTick();
      assertThat(MiniJson.object(d.model().detail(slow.name()))).containsEntry("state", "done")
          .containsEntry("why", "first computation: it had never run").containsEntry("runs", 1.0);
    }
  }

  @Test
  void anEventThatCannotBeAppliedIsSkippedOnceAndTheRestGoOn() {
    Tap tap = new Tap();
    Graph g = Graph.create();
    Source<Integer> x = g.source("x", 1);
    Source<Integer> y = g.source("y", 2);
    tap.cacheHit(x);
    tap.cacheHit(y);
    List<String> seen = new ArrayList<>();
    tap.drainTo((kind, node, arg, cause, time, lane) -> {
      if (node == x) {
        throw new IllegalStateException("poison");
      }
      seen.add(node.name());
    });
    assertThat(seen).containsExactly("y");
    assertThat(tap.errors.get()).isEqualTo(1);
    List<Tap.Event> again = new ArrayList<>();
    tap.drainTo(again);
    assertThat(again).as("the bad event does not come back").isEmpty();
  }

  @Test
  void theTraceOfAGetHasOneCompleteEventPerRunAndTheCriticalPathFollowsTheSlowBranch() throws Exception {
    Graph g = Graph.create();
    Fn1<Integer, Integer> slow = g.fn1("Slow", v -> work(40, v + 1));
    Fn1<Integer, Integer> fast = g.fn1("Fast", v -> v + 2);
    Fn2<Integer, Integer, Integer> join = g.fn2("Join", (p, q) -> work(5, p + q));
    Source<Integer> x = g.source("x", 1);
    Node<Integer> a = slow.call(x);
    Node<Integer> b = fast.call(x);
    Node<Integer> top = join.call(slow.call(a), b);
    try (Dashboard d = dashboard(g)) {
      assertThat(top.get()).isEqualTo(6);
      d.awaitTick();
      Map<String, Object> trace = MiniJson.object(d.traceJson());
      List<?> events = list(trace.get("traceEvents"));
      List<Map<String, Object>> runs = events.stream().map(MiniJson::obj).filter(e -> e.get("ph").equals("X"))
          .toList();
      assertThat(runs).extracting(e -> e.get("name")).containsExactlyInAnyOrder(a.name(), b.name(), "Slow#2",
          top.name());
      for (Map<String, Object> e : runs) {
        assertThat((Double) e.get("ts")).isGreaterThanOrEqualTo(0);
        assertThat((Double) e.get("dur")).isGreaterThanOrEqualTo(0);
      }
      assertThat(runs.stream().filter(e -> e.get("name").equals(a.name())).findFirst().orElseThrow().get("dur"))
          .satisfies(dur -> assertThat((Double) dur).isGreaterThanOrEqualTo(40_000));
      assertThat(events.stream().map(MiniJson::obj).filter(e -> e.get("name").equals("thread_name"))).isNotEmpty();
      assertThat(obj(trace.get("otherData")).get("requested")).isEqualTo(top.name());
      Map<String, Object> last = obj(full(d).get("lastEval"));
      assertThat(list(last.get("critical"))).containsExactly(a.name(), "Slow#2", top.name());
      assertThat((Double) last.get("criticalMs")).isGreaterThanOrEqualTo(85);
      Path file = d.writeTrace(dir.resolve("t/trace.json"));
      assertThat(Files.readString(file)).isEqualTo(d.traceJson());
    }
  }

  /**
   * A function's work: {@code millis} ms of computing (a spin on the clock). The run times it gives are what the
   * test measures (the trace's durations, the critical path), so it must take that long; no thread waits for it.
   */
  private static int work(long millis, int value) {
    long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    while (System.nanoTime() < end) {
      Thread.onSpinWait();
    }
    return value;
  }

  @Test
  void nodeDetailSaysWhyANodeRanAndFailuresCarryTheirPath() throws Exception {
    Graph g = Graph.create();
    Fn1<Integer, Integer> inc = g.fn1("Inc", v -> v + 1);
    Fn1<Integer, Integer> check = g.fn1("Check", v -> {
      if (v > 5) {
        throw new IllegalStateException("too big: " + v);
      }
      return v;
    });
    Source<Integer> x = g.source("x", 1);
    Source<Integer> y = g.source("y", 1);
    Node<Integer> viaX = inc.call(x);
    Node<Integer> viaY = inc.call(y);
    Node<Integer> checked = check.call(viaX);
    Node<Integer> top = g.fn2("Add", (Integer p, Integer q) -> p + q).call(checked, viaY);
    try (Dashboard d = dashboard(g)) {
      top.get();
      x.set(10);
      assertThatThrownBy(top::get).isInstanceOf(EvaluationException.class);
      d.awaitTick();
      d.awaitTick();
      Map<String, Object> detail = MiniJson.object(d.model().detail(viaX.name()));
      assertThat(detail.get("why")).isEqualTo("source 'x' changed (revision " + g.revision() + ")");
      assertThat(detail.get("state")).isEqualTo("done");
      assertThat(detail.get("value")).isEqualTo("11");
      assertThat(MiniJson.object(d.model().detail(viaY.name())).get("why"))
          .isEqualTo("first computation: it had never run");
      Map<String, Object> failed = MiniJson.object(d.model().detail(checked.name()));
      assertThat(failed.get("state")).isEqualTo("failed");
      assertThat((String) failed.get("error")).contains("IllegalStateException: too big: 11");
      assertThat(list(failed.get("path"))).containsExactly(top.name(), checked.name());
      Map<String, Object> failures = obj(full(d).get("failures"));
      assertThat(failures.get("total")).isEqualTo(1.0);
      assertThat(obj(list(failures.get("list")).get(0)).get("root")).isEqualTo(true);
      assertThat(d.model().detail("nobody")).isNull();
      // the failure clears when the node succeeds again
      x.set(2);
      assertThat(top.get()).isEqualTo(5);
      assertThat(obj(full(d).get("failures")).get("total")).isEqualTo(0.0);
    }
  }

  @Test
  void aboveTwoThousandNodesTheViewSwitchesToFunctionGroups() throws Exception {
    Graph g = Graph.create();
    Fn1<Integer, Integer> a = g.fn1("A", v -> v + 1);
    Fn1<Integer, Integer> b = g.fn1("B", v -> v * 2);
    Source<Integer> x = g.source("x", 1);
    Node<Integer> n = x;
    for (int i = 0; i < 1999; i++) {
      n = (i % 2 == 0 ? a : b).call(n);
    }
    try (Dashboard d = dashboard(g)) {
      Map<String, Object> small = full(d);
      assertThat(small.get("mode")).isEqualTo("nodes");
      assertThat(list(small.get("nodes"))).hasSize(2000);
      assertThat(list(small.get("edges"))).hasSize(1999);
      Node<Integer> more = a.call(n);
      more.get();
      d.awaitTick();
      Map<String, Object> big = full(d);
      assertThat(big.get("mode")).isEqualTo("groups");
      assertThat(list(big.get("nodes"))).isEmpty();
      assertThat(list(big.get("groups"))).hasSize(3);
      // A -> B and B -> A between groups, and x -> A
      assertThat(list(big.get("groupEdges"))).hasSize(3);
      List<?> totals = list(big.get("totals"));
      assertThat(totals.get(2)).isEqualTo(2001.0);
      String members = d.model().members("A", 10);
      assertThat(list(MiniJson.object(members).get("nodes"))).hasSize(10);
    }
  }

  @Test
  void moduleBindingsAreShownWhenARegistryIsGiven() throws Exception {
    ModuleRegistry registry = ModuleRegistry.create();
    LazyModule m = LazyModule.named("app");
    Binding<String> greeting = m.bind("greeting", String.class, () -> "hello");
    m.bind("unused", String.class, () -> "never");
    registry.load(m);
    assertThat(greeting.get()).isEqualTo("hello");
    Graph g = Graph.create();
    try (Dashboard d = Dashboard.builder(g).modules(registry).printingTo(null).start()) {
      List<?> modules = list(full(d).get("modules"));
      assertThat(modules).extracting(o -> obj(o).get("name") + "=" + obj(o).get("state"))
          .containsExactlyInAnyOrder("greeting=resolved", "unused=pending");
    }
  }

  @Test
  void theReportIsOneFileWithEverythingInlined() throws Exception {
    Graph g = Graph.create();
    Fn1<Integer, Integer> inc = g.fn1("Inc", v -> v + 1);
    inc.call(1).get();
    try (Dashboard d = dashboard(g)) {
      String html = d.reportHtml();
      assertThat(html).contains("<script id=\"sloth-data\" type=\"application/json\">{\"type\":\"full\"")
          .contains("\"details\":{").doesNotContain("src=\"dash.js\"").doesNotContain("href=\"dash.css\"")
          .doesNotContainPattern("(src|href)=\"https?:").doesNotContain("url(");
      assertThat(html).contains(Assets.JS).contains(Assets.CSS);
    }
  }

  /**
   * The pump's {@code g.dump()} can read a node before its first run ends while the run's finish carries an earlier
   * time (an untimed run finishes at its lane's last time): the snapshot then shows the node as never run, and the
   * finish, older than the snapshot, does not change that. Its next run must still say which set made it run, not
   * that it had never run (seen once in CI, in {@link #nodeDetailSaysWhyANodeRanAndFailuresCarryTheirPath}), and
   * the picture shows it done, not waiting until the next snapshot.
   */
  @Test
  void aRunAfterASnapshotThatMissedTheFirstRunIsNotCalledAFirstComputation() {
    Graph g = Graph.create();
    Source<Integer> x = g.source("x", 1);
    Node<Integer> n = g.fn1("Inc", (Integer v) -> v + 1).call(x);
    Tap tap = new Tap();
    Model m = new Model(null);
    GraphSnapshot readBeforeTheRun = g.dump();
    g.addListener(tap);
    try {
      assertThat(n.get()).isEqualTo(2);
      m.absorb(readBeforeTheRun, System.nanoTime(), 0); // taken, by its time, after the run's finish
      m.drain(tap); // the first run: older than the snapshot
      assertThat(MiniJson.object(m.detail(n.name()))).containsEntry("why", "first computation: it had never run")
          .as("a finish says it ran, whatever the snapshot read before it").containsEntry("state", "done");
      x.set(10);
      assertThat(n.get()).isEqualTo(11);
      m.drain(tap); // the set and the second run, in one drain
    } finally {
      g.removeListener(tap);
    }
    assertThat(MiniJson.object(m.detail(n.name())))
        .containsEntry("why", "source 'x' changed (revision " + g.revision() + ")").containsEntry("runs", 2.0);
  }

  @Test
  void aReportTakenBetweenTheDrainAndThePushLosesNoLiveUpdate() {
    Graph g = Graph.create();
    Node<Integer> n = g.fn1("Inc", (Integer v) -> v + 1).call(1);
    Tap tap = new Tap();
    Model m = new Model(null);
    m.absorb(g.dump(), System.nanoTime(), 0);
    m.delta(); // the pages have the picture: nothing is waiting to be sent
    g.addListener(tap);
    try {
      assertThat(n.get()).isEqualTo(2);
    } finally {
      g.removeListener(tap);
    }
    m.drain(tap); // the pump's tick took in the run ...
    String report = m.full(true); // ... when a page (or writeReport) asked for the report, on another thread
    assertThat(MiniJson.object(report).get("totals")).isEqualTo(List.of(0.0, 0.0, 1.0, 0.0, 0.0));
    String delta = m.delta(); // ... and then the pump made this tick's message for the live pages
    assertThat(delta).as("the run's update still reaches the live pages").isNotNull();
    assertThat(list(MiniJson.object(delta).get("nodes"))).as("node 0 is now done")
        .containsExactly(List.of(0.0, (double) Model.DONE));
  }

  @Test
  void namesOfNodesThatAreGoneLeaveThePictureSoItDoesNotGrowWithEveryNameEverUsed() {
    Graph g = Graph.create();
    Fn1<Integer, Integer> inc = g.fn1("Inc", v -> v + 1);
    Source<Integer> kept = g.source("kept", 0);
    Node<Integer> keptInc = inc.call(kept);
    int sources = 400;
    int computed = Model.MAX_GONE_FNS + 100;
    try (Dashboard d = dashboard(g)) {
      for (int i = 0; i < sources; i++) {
        assertThat(inc.call(g.source("order-" + i, i)).get()).isEqualTo(i + 1); // a source is its own function
        if (i % 50 == 49) {
          d.awaitTick(); // seen by a snapshot
        }
      }
      for (int i = 0; i < computed; i++) {
        int v = i;
        assertThat(g.computed("load-" + i, () -> v).get()).isEqualTo(i); // so is a computed node, and it ran
      }
      d.awaitTick();
      assertThat(list(full(d).get("fns"))).as("every name seen so far").hasSizeGreaterThan(computed);
      for (int i = 0; i < 50 && g.dump().nodes().size() > 2; i++) {
        System.gc();
      }
      assertThat(g.dump().nodes()).as("only kept and Inc(kept) are left").hasSize(2);
      kept.set(1);
      assertThat(keptInc.get()).isEqualTo(2); // the task stream now shows this get(), not load-'s
      d.awaitTick();
      List<Object> fns = list(full(d).get("fns"));
      List<Object> names = fns.stream().map(f -> list(f).get(1)).toList();
      assertThat(names).as("the functions of the nodes left first").startsWith("kept", "Inc");
      assertThat(names).as("no source that is gone: they never ran").noneMatch(n -> n.toString().startsWith("order-"));
      assertThat(names).as("the functions left, and %s of those gone that ran", Model.MAX_GONE_FNS)
          .hasSize(2 + Model.MAX_GONE_FNS).filteredOn(n -> n.toString().startsWith("load-"))
          .hasSize(Model.MAX_GONE_FNS);
      assertThat(fns).extracting(f -> list(f).get(0)).as("numbered 0, 1, 2, ...")
          .isEqualTo(java.util.stream.IntStream.range(0, fns.size()).mapToObj(i -> (Object) (double) i).toList());
      assertThat(list(fns.get(1)).get(3)).as("Inc keeps its runs").isEqualTo((double) sources + 1);
      assertThat(MiniJson.object(d.model().detail(keptInc.name()))).containsEntry("state", "done")
          .containsEntry("fn", "Inc");
    }
  }

  @Test
  void lanesOfThreadsThatAreGoneAreForgottenSoTheyDoNotGrowWithEveryThreadEverSeen() throws Exception {
    Graph g = Graph.create();
    Source<Integer> x = g.source("x", 0);
    Node<Integer> y = g.fn1("Inc", (Integer v) -> v + 1).call(x);
    int threads = 3 * Model.MAX_LANES;
    String lastName = null;
    try (Dashboard d = dashboard(g)) {
      for (int i = 0; i < threads; i++) {
        int v = i + 1;
        lastName = "pool-1-thread-" + i; // as a cached pool names its threads, each a new name
        Thread t = new Thread(() -> {
          x.set(v);
          y.get();
        }, lastName);
        t.start();
        t.join(10_000);
        assertThat(t.isAlive()).as("thread %s's get() ended within 10 s", i).isFalse();
        if (i % 50 == 49) {
          d.awaitTick(); // the runs are drained and a snapshot is taken
        }
      }
      assertThat(y.state()).isEqualTo(dev.sloth.graph.NodeState.VALID);
      Map<String, Object> page = full(d);
      List<Object> lanes = list(page.get("lanes"));
      assertThat(lanes).as("lanes kept, of %s threads that ran a node", threads).hasSizeLessThanOrEqualTo(
          Model.MAX_LANES + 50).contains(lastName);
      for (Object b : list(page.get("bars"))) {
        assertThat(lanes.get(((Double) list(b).get(0)).intValue())).as("the bar's lane").isEqualTo(lastName);
      }
      List<?> events = list(MiniJson.object(d.traceJson()).get("traceEvents"));
      assertThat(events.stream().map(MiniJson::obj).filter(e -> e.get("name").equals("thread_name"))
          .map(e -> obj(e.get("args")).get("name"))).as("the trace of the last get() names its thread")
          .containsExactly(lastName);
    }
  }

  @Test
  void runCountersGoPastTwoToTheThirtyFirstWithoutTurningNegative() {
    Graph g = Graph.create();
    Source<Integer> x = g.source("x", 1);
    Node<Integer> n = g.fn1("Inc", (Integer v) -> v + 1).call(x);
    Tap tap = new Tap();
    Model m = new Model(null);
    m.absorb(g.dump(), System.nanoTime(), 0);
    g.addListener(tap);
    try {
      assertThat(n.get()).isEqualTo(2);
      m.drain(tap);
      m.fnNamed("Inc").runs = Integer.MAX_VALUE; // as after a long day of runs (a drain takes thousands a tick)
      m.recNamed(n.name()).runs = Integer.MAX_VALUE;
      x.set(2);
      assertThat(n.get()).isEqualTo(3);
      m.drain(tap);
    } finally {
      g.removeListener(tap);
    }
    Object inc = list(MiniJson.object(m.full(false)).get("fns")).stream()
        .filter(f -> list(f).get(1).equals("Inc")).findFirst().orElseThrow();
    assertThat(list(inc).get(3)).as("Inc's runs").isEqualTo(2_147_483_648.0);
    assertThat(MiniJson.object(m.detail(n.name()))).containsEntry("runs", 2_147_483_648.0);
  }

  /** A value whose text cannot be made: {@code g.dump()} renders every value with {@code toString()}. */
  private static final class NoText {
    private final boolean overflow;

    NoText(boolean overflow) {
      this.overflow = overflow;
    }

    @Override
    public String toString() {
      if (overflow) {
        return "again " + this; // recurses until the stack overflows
      }
      throw new IllegalStateException("NoText has no text");
    }
  }

  @Test
  void aValueWhoseToStringThrowsCostsTheSnapshotNotTheDashboardNorItsLivePages() throws Exception {
    Graph g = Graph.create();
    Node<Object> early = g.fn1("Early", (Integer v) -> (Object) new NoText(false)).call(1);
    assertThat(early.get()).isInstanceOf(NoText.class);
    try (Dashboard d = dashboard(g); Socket s = new Socket("127.0.0.1", d.port())) { // it starts all the same
      s.setSoTimeout(10_000); // a page that hears nothing for 10 s fails the test instead of hanging it
      s.getOutputStream().write(("GET /events HTTP/1.1\r\nHost: 127.0.0.1:" + d.port() + "\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
      Node<Integer> later = g.fn1("Later", (Integer v) -> v + 1).call(1);
      assertThat(later.get()).isEqualTo(2);
      d.awaitTick();
      assertThat(MiniJson.object(d.model().detail(later.name()))).as("events still move the picture")
          .containsEntry("state", "done");
      String line;
      do {
        line = in.readLine(); // a SocketTimeoutException here: the page heard nothing more
        assertThat(line).as("the event stream is open").isNotNull();
      } while (!(line.startsWith("data: ") && line.contains("\"Later\"")));
      // a value whose toString() overflows the stack does not end the pump either
      Node<Object> deep = g.fn1("Deep", (Integer v) -> (Object) new NoText(true)).call(2);
      assertThat(deep.get()).isInstanceOf(NoText.class);
      d.awaitTick();
      d.awaitTick(); // throws IllegalStateException after 10 s if the pump thread died
      Node<Integer> last = g.fn1("Last", (Integer v) -> v * 3).call(3);
      assertThat(last.get()).isEqualTo(9);
      d.awaitTick();
      assertThat(MiniJson.object(d.model().detail(last.name()))).containsEntry("state", "done");
    }
  }
}
