package dev.sloth.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Item 13: 64 threads asking for overlapping nodes at once; each node version runs exactly once. */
class ContentionTest {
  private static final int THREADS = 64;

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.sloth.graph.Modes#graphs")
  void overlappingRequestsRunEachNodeVersionExactlyOnce(String mode, Supplier<Graph> graphs) throws Exception {
    Graph g = graphs.get();
    Counter runs = new Counter();
    Source<Integer> seed = g.source("seed", 1);
    Fn2<Integer, Integer, Integer> mix = g.fn2("Mix", (x, i) -> { runs.hit("Mix" + i); return x * 31 + i; });
    Fn2<Integer, Integer, Integer> add = g.fn2("Add", (x, y) -> { runs.hit("Add" + x + "/" + y); return x + y; });
    // A layered DAG: 40 mixes of a seed value, then pairwise sums down to one root; threads ask for different layers.
    List<Node<Integer>> layer = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      layer.add(mix.call(seed, i));
    }
    List<Node<Integer>> all = new ArrayList<>(layer);
    while (layer.size() > 1) {
      List<Node<Integer>> next = new ArrayList<>();
      for (int i = 0; i + 1 < layer.size(); i += 2) {
        next.add(add.call(layer.get(i), layer.get(i + 1)));
      }
      if (layer.size() % 2 == 1) {
        next.add(layer.get(layer.size() - 1));
      }
      layer = next;
      all.addAll(next);
    }
    int distinctNodes = (int) all.stream().distinct().count(); // odd layers carry a node over
    Node<Integer> root = layer.get(0);
    Node<Integer> computed = g.computed("computed", () -> root.get() + all.get(3).get());

    for (int round = 1; round <= 3; round++) {
      runs.reset();
      seed.set(round * 1000);
      CyclicBarrier start = new CyclicBarrier(THREADS);
      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      try {
        List<Future<Integer>> results = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
          Node<Integer> target = t % 4 == 0 ? computed : all.get((t * 7) % all.size());
          results.add(pool.submit(() -> {
            start.await(20, TimeUnit.SECONDS);
            return target.get();
          }));
        }
        for (Future<Integer> r : results) {
          r.get(60, TimeUnit.SECONDS);
        }
      } finally {
        pool.shutdownNow();
      }
      assertThat(runs.maxPerName()).as("round %d: no node ran twice", round).isEqualTo(1);
      assertThat(runs.total()).as("round %d: every node ran (the root needs them all)", round)
          .isEqualTo(distinctNodes);
      assertThat(computed.get()).isEqualTo(root.get() + all.get(3).get());
    }
  }
}
