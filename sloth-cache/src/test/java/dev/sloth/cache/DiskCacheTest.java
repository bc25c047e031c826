package dev.sloth.cache;

import static dev.sloth.cache.Fns.computed;
import static dev.sloth.cache.Fns.fn1;
import static dev.sloth.cache.Fns.fn2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sloth.graph.EvaluationException;
import dev.sloth.graph.Fn1;
import dev.sloth.graph.Fn2;
import dev.sloth.graph.FnOptions;
import dev.sloth.graph.Graph;
import dev.sloth.graph.Node;
import dev.sloth.graph.Source;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cache in one JVM: each "run" is a new graph over a new {@link DiskCache} on the same directory, which is what a
 * new JVM sees (the child-JVM tests prove the same across processes). Functions count their runs in static
 * counters (a captured counter would be part of the function's key).
 */
class DiskCacheTest {
  static final Map<String, AtomicInteger> RUNS = new java.util.concurrent.ConcurrentHashMap<>();
  static volatile boolean failNext;

  @TempDir Path dir;

  record Point(int x, int y) {}

  @BeforeEach
  void reset() {
    RUNS.clear();
    failNext = false;
  }

  static void ran(String fn) {
    RUNS.computeIfAbsent(fn, k -> new AtomicInteger()).incrementAndGet();
  }

  static int runs(String fn) {
    AtomicInteger n = RUNS.get(fn);
    return n == null ? 0 : n.get();
  }

  private DiskCache cache() {
    return DiskCache.builder(dir).defaultRule(PersistRule.forced()).register(Point.class).build();
  }

  private static Graph graph(DiskCache cache) {
    return Graph.builder().persistentCache(cache).build();
  }

  static int sq(int x) {
    ran("Sq");
    return x * x;
  }

  @Test
  void aSecondRunOnTheSameDirectoryRunsNothingAndReturnsEqualValues() {
    List<Object> first = pipeline(cache());
    assertThat(runs("Sq")).isEqualTo(2);
    assertThat(runs("Add")).isEqualTo(1);
    RUNS.clear();
    DiskCache second = cache();
    List<Object> again = pipeline(second);
    assertThat(again).isEqualTo(first);
    assertThat(RUNS).isEmpty();
    assertThat(second.stats("Sq")).isEqualTo(new FunctionStats("Sq", 2, 0, 0, 0));
    assertThat(second.stats("Add").hits()).isEqualTo(1);
  }

  private static List<Object> pipeline(DiskCache cache) {
    Graph g = graph(cache);
    Fn1<Integer, Integer> sq = fn1(g, "Sq", DiskCacheTest::sq);
    Fn2<Integer, Integer, Integer> add = fn2(g, "Add", (a, b) -> {
      ran("Add");
      return a + b;
    });
    Node<Integer> total = add.call(sq.call(3), sq.call(4));
    return List.of(total.get());
  }

  @Test
  void aRecomputedEqualValueUpstreamLeavesItsDependentsRecalled() {
    for (int x : new int[] {2, -2}) {
      Graph g = graph(cache());
      Source<Integer> in = g.source("in", x);
      Fn1<Integer, Integer> abs = fn1(g, "Abs", v -> {
        ran("Abs");
        return Math.abs(v);
      });
      Fn1<Integer, Integer> slow = fn1(g, "Slow", v -> {
        ran("Slow");
        return v * 10;
      });
      assertThat(slow.call(abs.call(in)).get()).isEqualTo(20);
    }
    assertThat(runs("Abs")).isEqualTo(2); // its argument changed
    assertThat(runs("Slow")).isEqualTo(1); // its argument's value did not: cutoff across runs
  }

  @Test
  void explainNamesTheArgumentThatChanged() {
    DiskCache c1 = cache();
    Graph g1 = graph(c1);
    Node<Integer> a = fn1(g1, "Sq", DiskCacheTest::sq).call(5);
    a.get();
    assertThat(c1.explain(a)).contains("ran").contains("no result was stored for it before");
    DiskCache c2 = cache();
    Graph g2 = graph(c2);
    Node<Integer> b = fn1(g2, "Sq", DiskCacheTest::sq).call(6);
    b.get();
    assertThat(c2.explain(b)).isEqualTo("'Sq#1' ran: argument 1 changed");
    DiskCache c3 = cache();
    Node<Integer> c = fn1(graph(c3), "Sq", DiskCacheTest::sq).call(6);
    c.get();
    assertThat(c3.explain(c)).isEqualTo("'Sq#1' was recalled from the cache");
  }

  @Test
  void aConditionalReadThatFlipsRunsOnlyTheBodyAndTheNewBranch() {
    String[] explained = new String[3];
    boolean[] flags = {true, true, false};
    for (int run = 0; run < 3; run++) {
      DiskCache c = cache();
      Graph g = graph(c);
      Source<Boolean> flag = g.source("flag", flags[run]);
      Node<Integer> a = fn1(g, "A", (Integer v) -> {
        ran("A");
        return v + 100;
      }).call(1);
      Node<Integer> b = fn1(g, "B", (Integer v) -> {
        ran("B");
        return v + 200;
      }).call(2);
      Node<Integer> z = computed(g, "Z", () -> {
        ran("Z");
        return flag.get() ? a.get() : b.get();
      });
      assertThat(z.get()).isEqualTo(flags[run] ? 101 : 202);
      explained[run] = c.explain(z);
      if (run == 0) {
        assertThat(List.of(runs("Z"), runs("A"), runs("B"))).containsExactly(1, 1, 0);
      } else if (run == 1) {
        assertThat(List.of(runs("Z"), runs("A"), runs("B"))).containsExactly(1, 1, 0); // nothing ran
      }
    }
    assertThat(List.of(runs("Z"), runs("A"), runs("B"))).containsExactly(2, 1, 1);
    assertThat(explained[1]).isEqualTo("'Z' was recalled from the cache");
    assertThat(explained[2]).isEqualTo("'Z' ran: read 1 ('flag') changed");
  }

  @Test
  void failuresAreNeverStored() {
    failNext = true;
    Graph g1 = graph(cache());
    Node<Integer> n1 = fn1(g1, "Flaky", (Integer v) -> {
      ran("Flaky");
      if (failNext) {
        throw new IllegalStateException("boom");
      }
      return v;
    }).call(1);
    assertThatThrownBy(n1::get).isInstanceOf(EvaluationException.class).hasMessageContaining("boom");
    failNext = false;
    Graph g2 = graph(cache());
    Node<Integer> n2 = fn1(g2, "Flaky", (Integer v) -> {
      ran("Flaky");
      if (failNext) {
        throw new IllegalStateException("boom");
      }
      return v;
    }).call(1);
    assertThat(n2.get()).isEqualTo(1);
    assertThat(runs("Flaky")).isEqualTo(2);
  }

  @Test
  void notPersistedFunctionsAndCheapOnesRunEveryTime() {
    long unstoredFirst = 0;
    for (int run = 0; run < 2; run++) {
      DiskCache c = DiskCache.builder(dir).rule("Now", PersistRule.notPersisted())
          .rule("TinyForced", PersistRule.forced()).build();
      Graph g = graph(c);
      Node<Integer> now = fn1(g, "Now", (Integer v) -> {
        ran("Now");
        return v;
      }).call(1);
      Fn1<Integer, Integer> tiny = fn1(g, "Tiny", (Integer v) -> {
        ran("Tiny");
        return v + 1;
      });
      Node<Integer> forced = fn1(g, "TinyForced", (Integer v) -> {
        ran("TinyForced");
        return v + 2;
      }).call(1);
      assertThat(List.of(now.get(), forced.get())).containsExactly(1, 3);
      int before = runs("Tiny");
      Node<Integer> last = null;
      for (int i = 0; i < 300; i++) {
        last = tiny.call(i);
        assertThat(last.get()).isEqualTo(i + 1);
      }
      assertThat(c.explain(now)).isEqualTo("'Now#1' ran: not persisted: its rule is notPersisted()");
      if (run == 0) {
        // a few early calls may run slower than a load (a cold JVM), the warm ones are far below it
        unstoredFirst = c.stats("Tiny").unstored();
        assertThat(unstoredFirst).isGreaterThan(200);
        assertThat(c.explain(last)).contains("not stored: it ran in").contains("PersistRule.forced()");
      } else {
        assertThat(runs("Tiny") - before).as("the unstored ones ran again, the stored ones did not")
            .isEqualTo(unstoredFirst);
      }
    }
    assertThat(List.of(runs("Now"), runs("TinyForced"))).containsExactly(2, 1);
  }

  @Test
  void anUnsupportedValueIsAClearErrorNamingTheNodeUnlessTheRuleSkipsIt() {
    Graph g = graph(cache());
    Node<Object> odd = fn1(g, "Odd", (Integer v) -> (Object) new StringBuilder("x" + v)).call(1);
    assertThatThrownBy(odd::get).isInstanceOf(EvaluationException.class)
        .hasMessageContaining("the result of 'Odd#1' cannot be persisted")
        .hasMessageContaining("java.lang.StringBuilder");
    DiskCache skipping = DiskCache.builder(dir).rule("Odd", PersistRule.forced().skippingUnsupported()).build();
    Node<Object> ok = fn1(graph(skipping), "Odd", (Integer v) -> (Object) new StringBuilder("x" + v)).call(1);
    assertThat(ok.get().toString()).isEqualTo("x1");
    assertThat(skipping.stats("Odd").unstored()).isEqualTo(1);
  }

  @Test
  void registeredRecordsAndJdkValuesComeBackEqual() {
    Object[] results = new Object[2];
    for (int run = 0; run < 2; run++) {
      Graph g = graph(cache());
      Node<Object> n = fn1(g, "Mixed", (Integer v) -> {
        ran("Mixed");
        return (Object) List.of(new Point(v, -v), Map.of("k", java.util.Optional.of(v)), new int[] {v, v + 1});
      }).call(7);
      results[run] = n.get();
    }
    assertThat(runs("Mixed")).isEqualTo(1);
    assertThat(results[1]).usingRecursiveComparison().isEqualTo(results[0]);
    assertThat(((List<?>) results[1]).get(0)).isEqualTo(new Point(7, -7));
  }

  @Test
  void asynchronousMultiOutputBlockingAndInPlaceFunctionsArePersisted() {
    for (int run = 0; run < 2; run++) {
      Graph g = graph(cache());
      Node<Integer> async = Fns.fnAsync1(g, "Async", (Integer v) -> {
        ran("Async");
        return CompletableFuture.supplyAsync(() -> v * 3);
      }).call(2);
      var multi = Fns.fnMulti1(g, "Multi", (Integer v) -> {
        ran("Multi");
        return List.of(v, -v);
      });
      Node<Integer> second = multi.call(5).get(1, Integer.class);
      Node<Integer> blocking = fn1(g, "Blocking", FnOptions.defaults().blocking(), (Integer v) -> {
        ran("Blocking");
        return v + 1;
      }).call(9);
      Node<List<Integer>> inPlace = fn1(g, "Append", FnOptions.defaults().mutating(0), (ArrayList<Integer> l) -> {
        ran("Append");
        l.add(4);
        return (List<Integer>) l;
      }).call(new ArrayList<>(List.of(1, 2)));
      assertThat(async.get()).isEqualTo(6);
      assertThat(second.get()).isEqualTo(-5);
      assertThat(blocking.get()).isEqualTo(10);
      assertThat(inPlace.get()).containsExactly(1, 2, 4);
    }
    assertThat(List.of(runs("Async"), runs("Multi"), runs("Blocking"), runs("Append"))).containsExactly(1, 1, 1, 1);
  }

  @Test
  void everyLookupIsAFlightRecorderEventAHitOrAMissWithItsReason() throws Exception {
    Path jfr = dir.resolve("cache.jfr");
    try (jdk.jfr.Recording r = new jdk.jfr.Recording()) {
      r.enable("dev.sloth.cache.Hit");
      r.enable("dev.sloth.cache.Miss");
      r.start();
      for (int run = 0; run < 2; run++) {
        fn1(graph(cache()), "Sq", DiskCacheTest::sq).call(9).get();
      }
      r.stop();
      r.dump(jfr);
    }
    List<String> events = new ArrayList<>();
    for (jdk.jfr.consumer.RecordedEvent e : jdk.jfr.consumer.RecordingFile.readAllEvents(jfr)) {
      if (!e.getEventType().getName().startsWith("dev.sloth.cache.") || !"Sq".equals(e.getString("function"))) {
        continue; // the engine's own NodeRun events, and other test classes running in this JVM
      }
      events.add(e.getEventType().getName() + " " + e.getString("node")
          + (e.hasField("reason") ? " " + e.getString("reason") : ""));
    }
    assertThat(events).containsExactly("dev.sloth.cache.Miss Sq#1 no result was stored for it before",
        "dev.sloth.cache.Hit Sq#1");
  }

  @Test
  void aFunctionCapturingAValueThatCannotBeFingerprintedRunsUnpersistedWithAReason() {
    StringBuilder log = new StringBuilder();
    for (int run = 0; run < 2; run++) {
      DiskCache c = cache();
      Node<Integer> n = fn1(graph(c), "Logs", (Integer v) -> {
        ran("Logs");
        log.append(v);
        return v;
      }).call(1);
      assertThat(n.get()).isEqualTo(1);
      assertThat(c.explain(n)).startsWith("'Logs#1' ran: not persisted: captured value 1 is a java.lang.StringBuilder");
      assertThat(c.stats("Logs")).isEqualTo(new FunctionStats("Logs", 0, 1, 0, 1));
    }
    assertThat(runs("Logs")).isEqualTo(2);
    assertThat(log).hasToString("11");
  }
}
