package dev.sloth.bench.graph;

import dev.sloth.graph.Fn1;
import dev.sloth.graph.Fn2;
import dev.sloth.graph.Graph;
import dev.sloth.graph.Node;
import java.util.Locale;

/**
 * The slow example, timed per mode (best of 3 runs, each in a fresh graph): {@code Mul(Square(2), Square(3))} where every function takes 100 ms. On
 * the calling thread that is 300 ms; in parallel the two Squares overlap, so 200 ms. A wall-clock number for the docs, not a benchmark: the point is the overlap, which 100 ms of sleeping makes plain.
 *
 * <pre>{@code
 * java -cp sloth-bench/target/benchmarks.jar dev.sloth.bench.graph.SlowExampleDemo
 * }</pre>
 *
 * Prints {@code SLOW <mode> <milliseconds> <value>} per mode.
 */
public final class SlowExampleDemo {
  private static final long WORK_MILLIS = 100;
  private static final int RUNS = 3;

  private SlowExampleDemo() {}

  public static void main(String[] args) {
    for (boolean parallel : new boolean[] {false, true}) {
      long best = Long.MAX_VALUE;
      for (int run = 0; run < RUNS; run++) {
        best = Math.min(best, runOnce(parallel));
      }
      System.out.printf(Locale.ROOT, "SLOW %s %d 36%n", parallel ? "parallel" : "sequential", best);
    }
  }

  /** Records the example in a fresh graph, gets it, and returns how many milliseconds the get() took. */
  private static long runOnce(boolean parallel) {
    Graph g = GraphShapes.graph(parallel);
    Fn1<Integer, Integer> square = g.fn1("Square", x -> work(x * x));
    Fn2<Integer, Integer, Integer> mul = g.fn2("Mul", (x, y) -> work(x * y));
    Node<Integer> c = mul.call(square.call(2), square.call(3));
    long t0 = System.nanoTime();
    int value = c.get();
    long millis = (System.nanoTime() - t0) / 1_000_000;
    if (value != 36) {
      throw new IllegalStateException("Mul(Square(2), Square(3)) computed " + value + ", expected 36");
    }
    return millis;
  }

  /** Stands for 100 ms of work (a remote call, a query) and returns {@code result}. */
  private static int work(int result) {
    try {
      Thread.sleep(WORK_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while working", e);
    }
    return result;
  }
}
