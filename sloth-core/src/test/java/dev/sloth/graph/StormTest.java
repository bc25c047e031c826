package dev.sloth.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 9's storm: 64 threads on a random DAG with dynamic reads and throwing functions, setting sources (alone and
 * in atomic updates), reading with and without timeouts, through getAsync (cancelled half the time) and getAll,
 * while another thread interrupts them every fraction of a millisecond. Afterwards no node is left claimed, every
 * value equals a from-scratch recomputation, and the only failures seen were the expected ones: the functions' own
 * (reported for the node that threw), timeouts, and cancellations of the interrupted callers.
 */
class StormTest {
  private static final int THREADS = 64;
  private static final long STORM_NANOS = TimeUnit.MILLISECONDS.toNanos(1500);

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.sloth.graph.Modes#graphs")
  void afterAStormEveryValueIsRightAndOnlyExpectedFailuresOccurred(String mode, Supplier<Graph> graphs)
      throws Exception {
    Random seeds = new Random(mode.hashCode());
    EngineModelProperties.Spec spec = EngineModelProperties.randomSpec(60, new Random(seeds.nextLong()));
    Graph g = graphs.get();
    List<Source<Integer>> sources = new ArrayList<>();
    for (int s = 0; s < spec.sources(); s++) {
      sources.add(g.source("s" + s, s));
    }
    List<Node<Integer>> nodes = EngineModelProperties.build(g, spec, sources, new HashMap<>());
    ConcurrentLinkedQueue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
    AtomicInteger ok = new AtomicInteger();
    AtomicInteger cancelled = new AtomicInteger();
    java.util.Set<String> joined = java.util.concurrent.ConcurrentHashMap.newKeySet(); // workers that took part
    AtomicBoolean stop = new AtomicBoolean();
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      long seed = seeds.nextLong();
      workers.add(Thread.ofPlatform().name("storm-" + t).start(() -> {
        Random r = new Random(seed);
        // Uninterruptibly: the interrupter may start before this thread has left the latch, and an interrupted
        // await throws even once the latch is open, which ended the worker before its storm began.
        Latches.awaitUninterruptibly(start);
        joined.add(Thread.currentThread().getName());
        while (!stop.get()) {
          try {
            operate(g, sources, nodes, r);
            ok.incrementAndGet();
          } catch (CancellationException | TimeoutException expected) {
            cancelled.incrementAndGet();
          } catch (EvaluationException e) {
            for (NodeFailure f : e.failures()) {
              if (!(f.cause() instanceof IllegalStateException ise && ise.getMessage().contains(" fails for "))) {
                unexpected.add(e);
              }
            }
          } catch (Throwable t2) {
            unexpected.add(t2);
          }
          Thread.interrupted(); // an interrupt that came between operations is for the next one only
        }
      }));
    }
    Thread interrupter = Thread.ofPlatform().name("storm-interrupter").start(() -> {
      Random r = new Random(7);
      SnapshotTest.await(start);
      while (!stop.get()) {
        workers.get(r.nextInt(THREADS)).interrupt();
        LockSupport.parkNanos(100_000 + r.nextInt(400_000));
      }
    });
    start.countDown();
    // The storm's length, not an ordering. parkNanos may return at once: an earlier unpark of this thread (an
    // evaluation waking its requester after it stopped waiting, which LockSupport allows) leaves a permit behind.
    long stormEnd = System.nanoTime() + STORM_NANOS;
    for (long left; (left = stormEnd - System.nanoTime()) > 0; ) {
      LockSupport.parkNanos(left);
    }
    stop.set(true);
    interrupter.join(20_000);
    for (Thread w : workers) {
      w.join(20_000);
      assertThat(w.isAlive()).as("%s still running: a get() hangs", w.getName()).isFalse();
    }

    assertThat(joined).as("workers that took part in the storm").hasSize(THREADS);
    assertThat(unexpected).as("failures other than the expected ones").isEmpty();
    assertThat(ok.get()).as("operations that completed").isPositive();
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    for (Node<Integer> n : nodes) {
      while (n.state() == NodeState.RUNNING && System.nanoTime() < end) {
        Thread.onSpinWait(); // a function that a cancelled caller left running finishes
      }
      assertThat(n.state()).as("%s after the storm", n.name()).isNotEqualTo(NodeState.RUNNING);
    }
    int[] values = new int[sources.size()];
    for (int s = 0; s < values.length; s++) {
      values[s] = sources.get(s).get();
    }
    for (int i = 0; i < nodes.size(); i++) {
      Object actual;
      try {
        actual = nodes.get(i).get();
      } catch (EvaluationException e) {
        actual = "failed";
      }
      assertThat(actual).as("n%d after the storm", i).isEqualTo(EngineModelProperties.scratch(spec, values, i,
          new HashMap<>()));
    }
  }

  private static void operate(Graph g, List<Source<Integer>> sources, List<Node<Integer>> nodes, Random r)
      throws Exception {
    Node<Integer> target = nodes.get(r.nextInt(nodes.size()));
    switch (r.nextInt(9)) {
      case 0, 1 -> sources.get(r.nextInt(sources.size())).set(r.nextInt(6));
      case 2 -> g.update(tx -> {
        tx.set(sources.get(0), r.nextInt(6));
        tx.set(sources.get(sources.size() - 1), r.nextInt(6));
      });
      case 3, 4 -> target.get();
      case 5 -> target.get(Duration.ofNanos(20_000 + r.nextInt(1_000_000)));
      case 6 -> {
        CompletableFuture<Integer> f = target.getAsync();
        if (r.nextBoolean()) {
          f.cancel(true);
        } else {
          try {
            f.get(2, TimeUnit.MILLISECONDS);
          } catch (java.util.concurrent.ExecutionException e) {
            throw (Exception) e.getCause();
          } catch (InterruptedException e) {
            throw new CancellationException("interrupted");
          }
        }
      }
      default -> Node.getAll(List.of(target, nodes.get(r.nextInt(nodes.size())), sources.get(0)));
    }
  }
}
