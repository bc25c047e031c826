package dev.sloth.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * Node ids and names as a sharing function's nodes get them from their table segment ({@link NodeTable}: ids from
 * blocks, sequence numbers under the segment's monitor) against a simple model: on one thread ids grow in creation
 * order whatever functions, sources and non-sharing calls are mixed, names are numbered 1, 2, 3 per function, ids
 * are unique across threads, a node made after another one was handed over has a larger id, and blocks waste few ids.
 */
class NodeNumberingTest {

  /** At least {@code count} sharing functions, whose nodes live in at least two different table segments. */
  private static List<Fn1<Integer, Integer>> functions(Graph g, int count) {
    List<Fn1<Integer, Integer>> fns = new ArrayList<>();
    Set<Integer> segments = new HashSet<>();
    for (int i = 0; fns.size() < count || segments.size() < 2; i++) {
      int k = i;
      Fn1<Integer, Integer> f = g.fn1("F" + i, (Integer x) -> x + k);
      fns.add(f);
      segments.add(((WrappedFn) f).fn.tableSegment);
    }
    return fns;
  }

  /** The first of {@code fns} whose nodes live in another table segment than {@code f}'s. */
  private static Fn1<Integer, Integer> inAnotherSegment(List<Fn1<Integer, Integer>> fns, Fn1<Integer, Integer> f) {
    int segment = ((WrappedFn) f).fn.tableSegment;
    return fns.stream().filter(x -> ((WrappedFn) x).fn.tableSegment != segment).findFirst().orElseThrow();
  }

  private static long id(Node<?> n) {
    return ((AbstractNode<?>) n).id();
  }

  /**
   * A random mix of calls of several sharing functions (in different segments), repeated calls (shared: no new
   * node), non-sharing calls, sources and computed nodes: every new node's id is larger than all before it, and
   * each function's nodes are named {@code F#1}, {@code F#2}, ... in the order they were made.
   */
  @Property(tries = 100)
  void onOneThreadIdsFollowCreationOrderAndNamesCountPerFunction(@ForAll long seed,
      @ForAll @IntRange(min = 1, max = 600) int calls) {
    Graph g = Graph.builder().sequential().build();
    List<Fn1<Integer, Integer>> fns = functions(g, 3);
    Fn1<Integer, Integer> unshared = g.fn1("Unshared", FnOptions.defaults().withoutSharing(), (Integer x) -> x);
    Random random = new Random(seed);
    Map<String, Integer> made = new HashMap<>();
    Map<String, Node<?>> byCall = new HashMap<>();
    long lastId = 0;
    for (int c = 0; c < calls; c++) {
      int kind = random.nextInt(10);
      Node<?> n;
      String fnName;
      boolean isNew;
      if (kind < 7) {
        Fn1<Integer, Integer> f = fns.get(random.nextInt(fns.size()));
        int arg = random.nextInt(40);
        String call = f.name() + "(" + arg + ")";
        n = f.call(arg);
        fnName = f.name();
        Node<?> before = byCall.putIfAbsent(call, n);
        isNew = before == null;
        if (!isNew) {
          assertThat(n).as("a repeated call %s is shared", call).isSameAs(before);
        }
      } else if (kind < 8) {
        n = unshared.call(random.nextInt(40));
        fnName = "Unshared";
        isNew = true;
      } else if (kind < 9) {
        n = g.source("s", c);
        fnName = null;
        isNew = true;
      } else {
        int v = c;
        n = g.computed("c", () -> v);
        fnName = null;
        isNew = true;
      }
      if (!isNew) {
        continue;
      }
      assertThat(id(n)).as("the id of call %d, %s", c, n.name()).isGreaterThan(lastId);
      lastId = id(n);
      if (fnName != null) {
        int k = made.merge(fnName, 1, Integer::sum);
        assertThat(n.name()).isEqualTo(fnName + "#" + k);
      }
    }
  }

  /**
   * Four threads, started together at a barrier, each make 2,000 calls of the same two sharing functions (distinct
   * arguments per thread, so all are new nodes): every id is unique, each thread's ids grow, and each function's
   * sequence numbers are exactly 1 to 4,000.
   */
  @Test
  void concurrentBuildersGetUniqueIdsAndDenseNumbers() throws Exception {
    Graph g = Graph.create();
    List<Fn1<Integer, Integer>> fns = functions(g, 2);
    int threads = 4;
    int perThread = 2_000;
    CyclicBarrier start = new CyclicBarrier(threads);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<List<Node<Integer>>>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int base = t * perThread;
        futures.add(pool.submit(() -> {
          start.await(10, TimeUnit.SECONDS);
          List<Node<Integer>> out = new ArrayList<>();
          for (int i = 0; i < perThread; i++) {
            out.add(fns.get(i % fns.size()).call(base + i));
          }
          return out;
        }));
      }
      Set<Long> ids = new HashSet<>();
      Map<String, Set<String>> names = new HashMap<>();
      for (Future<List<Node<Integer>>> f : futures) {
        long last = 0;
        for (Node<Integer> n : f.get(30, TimeUnit.SECONDS)) {
          assertThat(id(n)).as("ids grow on each thread").isGreaterThan(last);
          last = id(n);
          assertThat(ids.add(id(n))).as("id %d is unique", id(n)).isTrue();
          names.computeIfAbsent(n.name().substring(0, n.name().indexOf('#')), k -> new HashSet<>()).add(n.name());
        }
      }
      assertThat(ids).hasSize(threads * perThread);
      for (Fn1<Integer, Integer> fn : fns.subList(0, 2)) {
        Set<String> expected = new HashSet<>();
        for (int k = 1; k <= threads * perThread / 2; k++) {
          expected.add(fn.name() + "#" + k);
        }
        assertThat(names.get(fn.name())).isEqualTo(expected);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * A node handed from one thread to another, which calls a function of another segment on it, then hands the new
   * node back: each dependent's id is larger than its argument's, though each thread's segment still has ids left in
   * its block (it was overtaken by the other's reservation).
   */
  @Test
  void aDependentMadeAfterAHandOverHasTheLargerId() throws Exception {
    Graph g = Graph.create();
    List<Fn1<Integer, Integer>> fns = functions(g, 2);
    Fn1<Integer, Integer> f = fns.get(0);
    Fn1<Integer, Integer> h = inAnotherSegment(fns, f);
    SynchronousQueue<Node<Integer>> toOther = new SynchronousQueue<>();
    SynchronousQueue<Node<Integer>> back = new SynchronousQueue<>();
    ExecutorService other = Executors.newSingleThreadExecutor();
    try {
      Future<?> echo = other.submit(() -> {
        for (int i = 0; i < 200; i++) {
          Node<Integer> x = toOther.poll(10, TimeUnit.SECONDS);
          for (int j = 0; j < 5; j++) {
            h.call(10_000 * i + j); // fill this segment's block
          }
          back.put(h.call(x));
        }
        return null;
      });
      Node<Integer> x = f.call(-1);
      for (int i = 0; i < 200; i++) {
        for (int j = 0; j < 5; j++) {
          f.call(-10_000 * i - j - 2);
        }
        Node<Integer> mine = f.call(x);
        assertThat(id(mine)).as("round %d: f(x) after x came back", i).isGreaterThan(id(x));
        toOther.put(mine);
        Node<Integer> theirs = back.poll(10, TimeUnit.SECONDS);
        assertThat(theirs).isNotNull();
        assertThat(id(theirs)).as("round %d: h(f(x)) made on the other thread", i).isGreaterThan(id(mine));
        x = theirs;
      }
      echo.get(30, TimeUnit.SECONDS);
    } finally {
      other.shutdownNow();
    }
  }

  /**
   * Blocks do not run the graph's ids ahead of its nodes: one function's 10,000 calls use at most one block more
   * than they made; two functions of different segments called in turn use fewer than three ids a node.
   */
  @Test
  void blocksWasteFewIds() {
    Graph one = Graph.builder().sequential().build();
    Fn1<Integer, Integer> f = one.fn1("F", (Integer x) -> x);
    long lastId = 0;
    for (int i = 0; i < 10_000; i++) {
      lastId = id(f.call(i));
    }
    assertThat(lastId).isEqualTo(10_000); // consecutive: the block is never overtaken
    assertThat(one.lastNodeId()).isLessThan(10_000 + NodeTable.MAX_ID_BLOCK);

    Graph two = Graph.builder().sequential().build();
    List<Fn1<Integer, Integer>> fns = functions(two, 2);
    Fn1<Integer, Integer> a = fns.get(0);
    Fn1<Integer, Integer> b = inAnotherSegment(fns, a);
    for (int i = 0; i < 5_000; i++) {
      a.call(i);
      b.call(i);
    }
    assertThat(two.lastNodeId()).isLessThan(3 * 10_000);
  }
}
