package dev.sloth.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * Wide plans on parallel graphs: the ready leaves run in chunks, one pool task each, and a chunk batches its
 * decrements of one dependent's pending count ({@code Evaluation.Debt}).
 */
class WideFanInTest {

  /**
   * A chunk that owes decrements of one sum and then reaches a leaf of another must pay first: here that leaf waits
   * until the first sum has run, which it could never do while the chunk owed it its last arguments.
   */
  @Test
  void aChunkPaysWhatItOwesBeforeRunningALeafOfAnotherDependent() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      Graph g = Graph.builder().executor(pool).build();
      CountDownLatch sumOfARan = new CountDownLatch(1);
      Fn1<Integer, Integer> a = g.fn1("A", x -> x);
      FnN<Integer, Integer> sumA = g.fnN("SumA", Integer.class, xs -> {
        sumOfARan.countDown();
        return xs.stream().mapToInt(Integer::intValue).sum();
      });
      Fn1<Integer, Integer> b = g.fn1("B", x -> {
        try {
          if (!sumOfARan.await(20, TimeUnit.SECONDS)) {
            throw new AssertionError("SumA never ran while a leaf of SumB waited for it");
          }
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
        return x;
      });
      FnN<Integer, Integer> sumB = g.fnN("SumB", Integer.class, xs -> xs.get(0));
      Fn2<Integer, Integer, Integer> both = g.fn2("Both", Integer::sum);
      List<Node<Integer>> leaves = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        leaves.add(a.call(i));
      }
      // The plan takes the second argument's leaves first: the ready list is A's 200 leaves, then B's one, so the
      // last chunk holds A's last leaves, then B.
      Node<Integer> root = both.call(sumB.call(List.of(b.call(7))), sumA.call(leaves));

      assertThat(root.get(java.time.Duration.ofSeconds(30))).isEqualTo(7 + 199 * 200 / 2);
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * An Error thrown by one leaf of a wide fan-in in a chunk fails the sum (blamed on that leaf), without hanging the
   * get() on the chunk's debt, and the other leaves' values stay cached.
   */
  @Test
  void anErrorInOneLeafOfAChunkFailsTheSumAndBlamesThatLeaf() {
    Graph g = Graph.create();
    AtomicIntegerArray runs = new AtomicIntegerArray(200);
    Fn1<Integer, Integer> leaf = g.fn1("Leaf", i -> {
      runs.incrementAndGet(i);
      if (i == 150) {
        throw new AssertionError("leaf 150 broke");
      }
      return i;
    });
    FnN<Integer, Integer> sum = g.fnN("Sum", Integer.class, xs -> xs.stream().mapToInt(Integer::intValue).sum());
    List<Node<Integer>> leaves = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      leaves.add(leaf.call(i));
    }
    Node<Integer> total = sum.call(leaves);

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> total.get(java.time.Duration.ofSeconds(30)))
        .isInstanceOf(EvaluationException.class).hasMessageContaining("'" + leaves.get(150).name() + "'")
        .hasMessageContaining("leaf 150 broke");
    assertThat(leaves.get(149).get()).isEqualTo(149);
    for (int i = 0; i < 200; i++) {
      assertThat(runs.get(i)).as("runs of leaf %d", i).isEqualTo(1);
    }
    assertThat(g.isRunningFunctions()).isFalse();
  }

  /** The engine's own pools name their workers one by one (thread dumps told them apart by name alone). */
  @Test
  void workersOfTheEnginesPoolHaveDistinctNames() throws Exception {
    Graph g = Graph.builder().parallelism(3).build();
    java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(3);
    java.util.Set<String> names = java.util.concurrent.ConcurrentHashMap.newKeySet();
    Fn1<Integer, Integer> meet = g.fn1("Meet", x -> {
      names.add(Thread.currentThread().getName());
      try {
        together.await(20, TimeUnit.SECONDS); // three runs at once: three threads
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
      return x;
    });
    FnN<Integer, Integer> sum = g.fnN("Sum", Integer.class, xs -> xs.stream().mapToInt(Integer::intValue).sum());

    assertThat(sum.call(List.of(meet.call(1), meet.call(2), meet.call(3))).get()).isEqualTo(6);
    // The caller runs one leaf itself, two workers the others: three names, two of them the pool's.
    assertThat(names).hasSize(3).contains(Thread.currentThread().getName())
        .filteredOn(n -> n.startsWith("sloth-cpu-p3-")).hasSize(2);
  }

  /**
   * Fan-ins sharing leaves (so leaves with several dependents, chunks owing one sum then another) on a parallel graph
   * give what a direct computation gives, after random changes of the sources, and run each leaf at most once per
   * {@code get()}. On a sequential graph, the same for the values a wide sum's first run takes from its plan, which
   * gathers them from leaves current since an earlier get ({@code Evaluation.Entry.Collecting#gathered}).
   */
  @Property(tries = 60)
  void sharedWideFanInsMatchADirectComputation(@ForAll @IntRange(min = 65, max = 600) int width,
      @ForAll @IntRange(min = 1, max = 6) int sums, @ForAll boolean sequential, @ForAll long seed) {
    Random r = new Random(seed);
    Graph g = sequential ? Graph.builder().sequential().build() : Graph.create();
    int sourceCount = 1 + r.nextInt(5);
    List<Source<Integer>> sources = new ArrayList<>();
    int[] values = new int[sourceCount];
    for (int s = 0; s < sourceCount; s++) {
      values[s] = r.nextInt(10);
      sources.add(g.source("s" + s, values[s]));
    }
    AtomicIntegerArray runs = new AtomicIntegerArray(width);
    Fn2<Integer, Integer, Integer> leaf = g.fn2("Leaf", (v, i) -> {
      runs.incrementAndGet(i);
      return v * 31 + i;
    });
    FnN<Integer, Integer> sum = g.fnN("Sum", Integer.class, xs -> xs.stream().mapToInt(Integer::intValue).sum());
    FnN<Integer, Integer> total = g.fnN("Total", Integer.class, xs -> xs.stream().mapToInt(Integer::intValue).sum());
    List<Node<Integer>> leaves = new ArrayList<>();
    int[] sourceOf = new int[width];
    for (int i = 0; i < width; i++) {
      sourceOf[i] = r.nextInt(sourceCount);
      leaves.add(leaf.call(sources.get(sourceOf[i]), i));
    }
    List<int[]> members = new ArrayList<>();
    List<Node<Integer>> sumNodes = new ArrayList<>();
    for (int k = 0; k < sums; k++) {
      List<Node<Integer>> args = new ArrayList<>();
      List<Integer> idx = new ArrayList<>();
      for (int i = 0; i < width; i++) {
        if (r.nextInt(sums) == 0 || r.nextInt(3) == 0) {
          args.add(leaves.get(i));
          idx.add(i);
        }
      }
      if (args.isEmpty()) {
        args.add(leaves.get(0));
        idx.add(0);
      }
      sumNodes.add(sum.call(args));
      members.add(idx.stream().mapToInt(Integer::intValue).toArray());
    }
    Node<Integer> root = total.call(sumNodes);

    for (int op = 0; op < 12; op++) {
      if (op > 0 && r.nextInt(3) > 0) {
        int s = r.nextInt(sourceCount);
        values[s] = r.nextInt(10);
        sources.get(s).set(values[s]);
      }
      for (int i = 0; i < width; i++) {
        runs.set(i, 0);
      }
      int target = r.nextInt(sums + 1);
      int expected = 0;
      for (int k = 0; k < sums; k++) {
        if (target == sums || target == k) {
          int s = 0;
          for (int i : members.get(k)) {
            s += values[sourceOf[i]] * 31 + i;
          }
          expected += s;
        }
      }
      Node<Integer> asked = target == sums ? root : sumNodes.get(target);
      assertThat(asked.get()).as("op %d: %s", op, asked.name()).isEqualTo(expected);
      for (int i = 0; i < width; i++) {
        assertThat(runs.get(i)).as("op %d: runs of leaf %d", op, i).isLessThanOrEqualTo(1);
      }
    }
  }
}
