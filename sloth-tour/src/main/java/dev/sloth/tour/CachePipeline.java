package dev.sloth.tour;

import dev.sloth.cache.DiskCache;
import dev.sloth.graph.Fn1;
import dev.sloth.graph.FnOptions;
import dev.sloth.graph.Graph;
import dev.sloth.graph.Node;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * The program the tour's cache section runs in child JVMs: six slow loads, a score of each, and a total, with a
 * persistent cache in the directory given. {@code CachePipeline <dir> <last input>} prints what ran and how long the
 * {@code get()} took, and why the total ran (or did not).
 *
 * <pre>{@code
 * java -cp ... dev.sloth.tour.CachePipeline /tmp/sloth-cache 6   # first run: every load runs
 * java -cp ... dev.sloth.tour.CachePipeline /tmp/sloth-cache 7   # a new JVM: only what input 7 changed runs
 * }</pre>
 */
public final class CachePipeline {
  static final Set<String> RAN = new ConcurrentSkipListSet<>();

  private CachePipeline() {}

  public static void main(String[] args) throws Exception {
    try (DiskCache cache = DiskCache.builder(Path.of(args[0])).build()) {
      Graph g = Graph.builder().persistentCache(cache).build();
      Fn1<Integer, String> load = g.fn1("Load", FnOptions.defaults().blocking(), (Integer id) -> {
        RAN.add("Load(" + id + ")");
        Thread.sleep(60); // a slow read from somewhere else
        return "record-" + id;
      });
      Fn1<String, Integer> score = g.fn1("Score", (String record) -> {
        RAN.add("Score(" + record + ")");
        long end = System.nanoTime() + 20_000_000; // 20 ms of arithmetic
        int h = record.hashCode();
        while (System.nanoTime() < end) {
          h = h * 31 + 7;
        }
        return record.length() * 10 + (h == 42 ? 1 : 0);
      });
      List<Node<Integer>> scores = new ArrayList<>();
      for (int id = 1; id <= 5; id++) {
        scores.add(score.call(load.call(id)));
      }
      Node<String> last = load.call(Integer.parseInt(args[1]));
      scores.add(score.call(last));
      Node<Integer> total = g.fnN("Total", Integer.class, (List<Integer> all) -> {
        RAN.add("Total");
        return all.stream().mapToInt(Integer::intValue).sum();
      }).call(scores);
      long t0 = System.nanoTime();
      int value = total.get();
      double ms = (System.nanoTime() - t0) / 1e6;
      Set<String> ran = new TreeSet<>(RAN);
      System.out.printf("total = %d, get() took %.1f ms, %d functions ran: %s%n", value, ms, ran.size(),
          ran.isEmpty() ? "none" : String.join(" ", ran));
      System.out.println("explain(last load): " + cache.explain(last));
      System.out.println("explain(total):     " + cache.explain(total));
    }
  }
}
