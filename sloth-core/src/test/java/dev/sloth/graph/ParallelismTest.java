package dev.sloth.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Items 8 and 9: automatic parallelism, and blocking functions on virtual threads. */
class ParallelismTest {

  /** Awaits the barrier: returns only if {@code parties} callers are inside at the same time. */
  private static int meet(CyclicBarrier barrier, int v) {
    try {
      barrier.await(20, TimeUnit.SECONDS);
      return v;
    } catch (Exception e) {
      throw new IllegalStateException("the other party never arrived: not run in parallel", e);
    }
  }

  @Test
  void independentAncestorsRunAtTheSameTime() {
    Graph g = Graph.create();
    CyclicBarrier bothSquares = new CyclicBarrier(2);
    Fn1<Integer, Integer> square = g.fn1("Square", x -> meet(bothSquares, x * x));
    Fn2<Integer, Integer, Integer> mul = g.fn2("Mul", (x, y) -> x * y);

    Node<Integer> c = mul.call(square.call(2), square.call(3));

    assertThat(c.get()).isEqualTo(36);
  }

  @Test
  void aSequentialGraphRunsEverythingOnTheCallingThread() {
    Graph g = Graph.builder().sequential().build();
    Set<Thread> threads = ConcurrentHashMap.newKeySet();
    Fn1<Integer, Integer> square = g.fn1("Square", x -> { threads.add(Thread.currentThread()); return x * x; });
    Fn1<Integer, Integer> slow = g.fn1("Slow", FnOptions.defaults().blocking(),
        x -> { threads.add(Thread.currentThread()); return x; });
    FnN<Integer, Integer> sum = g.fnN("Sum", Integer.class, xs -> {
      threads.add(Thread.currentThread());
      return xs.stream().mapToInt(Integer::intValue).sum();
    });
    List<Node<Integer>> parts = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      parts.add(slow.call(square.call(i)));
    }

    assertThat(sum.call(parts).get()).isEqualTo(40425);
    assertThat(threads).containsExactly(Thread.currentThread());
  }

  @Test
  void aThousandBlockingNodesWaitAtOnceOnVirtualThreads() {
    Graph g = Graph.create();
    int n = 1000;
    CountDownLatch allStarted = new CountDownLatch(n);
    Set<Boolean> virtual = ConcurrentHashMap.newKeySet();
    Fn1<Integer, Integer> io = g.fn1("Io", FnOptions.defaults().blocking(), x -> {
      virtual.add(Thread.currentThread().isVirtual());
      allStarted.countDown();
      try {
        // Returns only once all 1000 are waiting at the same time: impossible on two cores unless they block
        // without holding a platform thread.
        if (!allStarted.await(30, TimeUnit.SECONDS)) {
          throw new IllegalStateException("only " + (n - allStarted.getCount()) + " of " + n + " ran at once");
        }
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
      return x;
    });
    FnN<Integer, Integer> sum = g.fnN("Sum", Integer.class, xs -> xs.stream().mapToInt(Integer::intValue).sum());
    List<Node<Integer>> calls = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      calls.add(io.call(i));
    }

    assertThat(sum.call(calls).get()).isEqualTo(n * (n - 1) / 2);
    assertThat(virtual).containsExactly(true);
  }

  @Test
  void aGraphCanRunOnTheCallersExecutor() {
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2, r -> {
      Thread t = new Thread(r, "my-pool");
      t.setDaemon(true);
      return t;
    });
    try {
      Graph g = Graph.builder().executor(pool).build();
      CyclicBarrier both = new CyclicBarrier(2);
      Set<String> names = ConcurrentHashMap.newKeySet();
      Fn1<Integer, Integer> f = g.fn1("F", x -> { names.add(Thread.currentThread().getName()); return meet(both, x); });
      Fn2<Integer, Integer, Integer> add = g.fn2("Add", Integer::sum);

      assertThat(add.call(f.call(1), f.call(2)).get()).isEqualTo(3);
      assertThat(names).contains("my-pool").noneMatch(s -> s.startsWith("sloth-"));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  @org.junit.jupiter.api.Timeout(30)
  void readsInsideFunctionsCannotStarveAFixedPool() {
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2, r -> {
      Thread t = new Thread(r, "tiny-pool");
      t.setDaemon(true);
      return t;
    });
    try {
      Graph g = Graph.builder().executor(pool).build();
      Fn1<Integer, Integer> leaf = g.fn1("Leaf", x -> x + 1);
      FnN<Integer, Integer> sum = g.fnN("Sum", Integer.class, xs -> xs.stream().mapToInt(Integer::intValue).sum());
      // Eight computed nodes, each reading its own fan-in while holding one of the pool's two threads.
      List<Node<Integer>> readers = new ArrayList<>();
      for (int r = 0; r < 8; r++) {
        List<Node<Integer>> leaves = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
          leaves.add(leaf.call(r * 100 + i));
        }
        Node<Integer> fanIn = sum.call(leaves);
        readers.add(g.computed("reader" + r, () -> fanIn.get() * 2));
      }
      Node<Integer> total = sum.call(readers);

      int expected = 0;
      for (int r = 0; r < 8; r++) {
        for (int i = 0; i < 20; i++) {
          expected += 2 * (r * 100 + i + 1);
        }
      }
      assertThat(total.get()).isEqualTo(expected);
    } finally {
      pool.shutdownNow();
    }
  }
}
