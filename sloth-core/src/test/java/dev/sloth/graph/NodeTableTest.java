package dev.sloth.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.ref.ReferenceQueue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * The graph's node table ({@link NodeTable}) against a map: a sharing call finds the live node of an equal call
 * and nothing else, whatever the collisions, growths and removals (backward-shift deletion) before it.
 */
class NodeTableTest {
  private static final ReferenceQueue<AbstractNode<?>> QUEUE = new ReferenceQueue<>();

  private static WrappedFunction function(Graph g) {
    return ((WrappedFn) g.fn1("F", (Integer x) -> x)).fn;
  }

  /**
   * Random shares and removals of 64 keys whose hashes collide in groups of 8 (long probe runs, wrapped runs after
   * growth): the table returns the model's node for a key it holds, a new node otherwise, and counts what it holds.
   */
  @Property(tries = 200)
  void sharesAndRemovalsMatchAMap(@ForAll long seed) {
    sharesAndRemovals(seed, 8);
  }

  /**
   * The same with many distinct hashes (pairs of keys collide, 32 hashes in the function's one segment): a
   * backward shift moves references of other hashes into the hole, and the hashes kept beside the references must
   * move with them, or a later probe skips the moved reference and records a second node for its call.
   */
  @Property(tries = 200)
  void sharesAndRemovalsOfManyHashesMatchAMap(@ForAll long seed) {
    sharesAndRemovals(seed, -2);
  }

  /** {@code groups > 0}: hash {@code key % groups}; else hash {@code key / -groups}. */
  private static void sharesAndRemovals(long seed, int groups) {
    Graph g = Graph.builder().sequential().build();
    WrappedFunction fn = function(g);
    NodeTable table = new NodeTable();
    Map<Integer, AbstractNode<?>> model = new HashMap<>();
    Random random = new Random(seed);
    for (int step = 0; step < 400; step++) {
      int key = random.nextInt(64);
      AbstractNode<?> held = model.get(key);
      if (held != null && random.nextInt(3) == 0) {
        table.remove(held.ref);
        model.remove(key);
        continue;
      }
      Object[] args = {key};
      AbstractNode<?> n = table.shared(fn, args, groups > 0 ? key % groups : key / -groups, QUEUE);
      if (held != null) {
        assertThat(n).as("key %d at step %d", key, step).isSameAs(held);
        assertThat(n.arguments()).isNotSameAs(args);
      } else {
        assertThat(n.arguments()).as("a new node for key %d at step %d", key, step).isSameAs(args);
        model.put(key, n);
      }
    }
    assertThat(table.liveCount()).isEqualTo(model.size());
    assertThat(table.liveNodes()).containsExactlyInAnyOrderElementsOf(model.values());
  }

  /** Removing a reference twice, or one that was never added, changes nothing. */
  @Test
  void removingAnAbsentReferenceChangesNothing() {
    Graph g = Graph.builder().sequential().build();
    WrappedFunction fn = function(g);
    NodeTable table = new NodeTable();
    AbstractNode<?> a = table.shared(fn, new Object[] {1}, 7, QUEUE);
    AbstractNode<?> b = table.shared(fn, new Object[] {2}, 7, QUEUE);
    table.remove(a.ref);
    table.remove(a.ref);
    table.remove(new Registry.NodeRef(new CallNode<>(fn, new Object[] {3}), QUEUE, fn, 7));
    assertThat(table.liveNodes()).containsExactly(b);
    assertThat(table.shared(fn, new Object[] {2}, 7, QUEUE)).isSameAs(b);
  }

  /** Threads making the same calls at once, started together by a barrier, all get one node per call. */
  @Test
  void concurrentEqualCallsGetOneNode() throws Exception {
    Graph g = Graph.builder().sequential().build();
    WrappedFunction fn = function(g);
    NodeTable table = new NodeTable();
    int threads = 4;
    int calls = 2_000;
    CyclicBarrier start = new CyclicBarrier(threads);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<AbstractNode<?>[]>> got = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        got.add(pool.submit(() -> {
          start.await();
          AbstractNode<?>[] out = new AbstractNode<?>[calls];
          for (int i = 0; i < calls; i++) {
            out[i] = table.shared(fn, new Object[] {i}, Integer.hashCode(i), QUEUE);
          }
          return out;
        }));
      }
      AbstractNode<?>[] first = got.get(0).get();
      for (Future<AbstractNode<?>[]> f : got) {
        assertThat(f.get()).containsExactly(first);
      }
      assertThat(table.liveCount()).isEqualTo(calls);
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Eight consecutive hashes (from a multiple of eight) land in eight consecutive slots of one segment, so that
   * recording a run of calls touches the lines of one slot; unrelated runs land far apart.
   */
  @Test
  void runsOfConsecutiveHashesShareASegmentAndAdjacentSlots() {
    int runs = 0;
    java.util.Set<Integer> segmentsSeen = new java.util.HashSet<>();
    for (int base = -80_000; base < 80_000; base += 8 * 37) {
      int first = NodeTable.spread(base);
      for (int i = 1; i < 8; i++) {
        assertThat(NodeTable.spread(base + i)).as("hash %d", base + i).isEqualTo(first + i);
      }
      segmentsSeen.add(first >>> 28);
      runs++;
    }
    assertThat(runs).isGreaterThan(400);
    assertThat(segmentsSeen).as("runs spread over all segments").hasSize(NodeTable.SEGMENTS);
  }

  /**
   * A node hashes by its id, and nodes made one after the other have consecutive ids: so do their calls' hashes
   * (a chain {@code Inc(Inc(...))}), which the table then places side by side.
   */
  @Test
  void consecutiveNodesHashConsecutively() {
    Graph g = Graph.builder().sequential().build();
    Fn1<Integer, Integer> inc = g.fn1("Inc", x -> x + 1);
    Node<Integer> previous = inc.call(0);
    for (int i = 0; i < 100; i++) {
      Node<Integer> next = inc.call(previous);
      assertThat(next.hashCode()).isEqualTo(((AbstractNode<?>) next).id()).isEqualTo(previous.hashCode() + 1);
      previous = next;
    }
  }
}
