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
    sharesAndRemovals(seed, key -> key % 8);
  }

  /**
   * The same with many distinct hashes (pairs of keys collide, 32 hashes in the function's one segment): a
   * backward shift moves references of other hashes into the hole, and the hashes kept beside the references must
   * move with them, or a later probe skips the moved reference and records a second node for its call.
   */
  @Property(tries = 200)
  void sharesAndRemovalsOfManyHashesMatchAMap(@ForAll long seed) {
    sharesAndRemovals(seed, key -> key / 2);
  }

  /**
   * The same with one hash for all 64 keys: they fill their lane (a table of 128 slots has 16 a lane) and go on in
   * the next lanes, so that a removal shifts references back across the end of a lane into an earlier one.
   */
  @Property(tries = 200)
  void sharesAndRemovalsOfOneHashMatchAMap(@ForAll long seed) {
    sharesAndRemovals(seed, key -> 40);
  }

  /** The same with hashes that agree in their low bits (multiples of 8, pairs of keys colliding). */
  @Property(tries = 200)
  void sharesAndRemovalsOfHashesInOneLaneMatchAMap(@ForAll long seed) {
    sharesAndRemovals(seed, key -> key / 2 * 8);
  }

  private static void sharesAndRemovals(long seed, java.util.function.IntUnaryOperator hashOf) {
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
      AbstractNode<?> n = table.shared(fn, args, hashOf.applyAsInt(key), QUEUE);
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
   * Eight consecutive hashes (from a multiple of eight) fill the eight slots of one block of one segment, so that
   * recording a run of calls touches the lines of one slot; unrelated runs land far apart, and the lane a run starts
   * in varies (so that hashes agreeing in their low bits do not all probe one lane).
   */
  @Test
  void runsOfConsecutiveHashesShareASegmentAndABlock() {
    int runs = 0;
    java.util.Set<Integer> segmentsSeen = new java.util.HashSet<>();
    java.util.Set<Integer> firstLanes = new java.util.HashSet<>();
    for (int base = -80_000; base < 80_000; base += 8 * 37) {
      int block = NodeTable.spread(base) >>> 3;
      java.util.Set<Integer> lanes = new java.util.HashSet<>();
      for (int i = 0; i < 8; i++) {
        int spread = NodeTable.spread(base + i);
        assertThat(spread >>> 3).as("block of hash %d", base + i).isEqualTo(block);
        lanes.add(spread & 7);
      }
      assertThat(lanes).as("lanes of the run from %d", base).hasSize(8);
      firstLanes.add(NodeTable.spread(base) & 7);
      segmentsSeen.add(block >>> 25);
      runs++;
    }
    assertThat(runs).isGreaterThan(400);
    assertThat(segmentsSeen).as("runs spread over all segments").hasSize(NodeTable.SEGMENTS);
    assertThat(firstLanes).as("lanes runs start in").hasSize(8);
  }

  /**
   * A build's calls hash consecutively (a fan-in's leaves {@code F(0)} to {@code F(19_999)}, say), and so do runs of
   * them that collide: a look-up passes few slots before it finds its call's, or an empty one (each slot passed is a
   * hash compared; with runs probed slot by slot, each key of a colliding run scanned the whole run ahead of it,
   * about 8 slots a call at this size).
   */
  @Test
  void consecutiveHashesProbeFewSlots() {
    for (int size : new int[] {1_000, 20_000, 100_000}) {
      assertThat(displacementAfter(size, i -> i)).as("%d consecutive hashes", size).isLessThan(1.5);
    }
  }

  /**
   * Hashes that agree in their low bits (calls on multiples of 8 to 65,536, whose low bits the runs of consecutive
   * hashes keep unmixed; 20,000 of them still distinct) and random ones do not cluster either.
   */
  @Test
  void skewedAndRandomHashesProbeFewSlots() {
    Random random = new Random(42);
    for (int stride : new int[] {8, 64, 1024, 1 << 16}) {
      assertThat(displacementAfter(20_000, i -> i * stride)).as("hashes of stride %d", stride).isLessThan(1.5);
    }
    assertThat(displacementAfter(20_000, i -> random.nextInt())).as("random hashes").isLessThan(1.5);
  }

  private static double displacementAfter(int calls, java.util.function.IntUnaryOperator hash) {
    Graph g = Graph.builder().sequential().build();
    WrappedFunction fn = function(g);
    NodeTable table = new NodeTable();
    for (int i = 0; i < calls; i++) {
      table.shared(fn, new Object[] {i}, hash.applyAsInt(i), QUEUE);
    }
    assertThat(table.entries()).isEqualTo(calls);
    return table.meanDisplacement();
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
