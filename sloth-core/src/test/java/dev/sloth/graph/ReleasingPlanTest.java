package dev.sloth.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A parallel plan hands out its fresh leaves in batches while it is still being made ({@code Evaluation#plan},
 * "releasing"; batches of {@code Evaluation#RELEASE_BATCH}, lowered here): the pool runs them meanwhile, no
 * dependent runs before the plan has counted all its arguments, a leaf handed out takes no more dependents (a
 * dependent that finds it out gets a second entry for it), and a failure met through both entries is reported once.
 * The graphs' executors here are the tests' own, so that what runs during the plan is decided, not raced.
 */
class ReleasingPlanTest {
  private ExecutorService caller;

  @BeforeEach
  void setUp() {
    caller = Executors.newSingleThreadExecutor();
  }

  @AfterEach
  void tearDown() {
    Evaluation.releaseBatch = Evaluation.RELEASE_BATCH;
    caller.shutdownNow();
  }

  /** The sum of {@code leaf} called on 0 to {@code n - 1}. */
  private static Node<Integer> sumOf(Graph g, Fn1<Integer, Integer> leaf, int n) {
    FnN<Integer, Integer> sum = g.fnN("Sum", Integer.class, xs -> xs.stream().mapToInt(Integer::intValue).sum());
    List<Node<Integer>> leaves = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      leaves.add(leaf.call(i));
    }
    return sum.call(leaves);
  }

  /** {@code node.get()} on a thread of its own, so that a hang fails the test instead of blocking it. */
  private <T> T getWithin(Node<T> node, Duration limit) throws Exception {
    try {
      return CompletableFuture.supplyAsync(node::get, caller).get(limit.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("get() of '" + node.name() + "' did not return within " + limit, e);
    }
  }

  @Test
  void leavesHandedOutDuringThePlanRunWhileItGoesOnAndTheirDependentWaitsForAllOfThem() throws Exception {
    Evaluation.releaseBatch = 4;
    // Each hand-out runs at once, on the planning thread, in the middle of the plan.
    Graph g = Graph.builder().executor(Runnable::run).build();
    AtomicInteger runs = new AtomicInteger();
    AtomicInteger duringPlan = new AtomicInteger();
    Fn1<Integer, Integer> square = g.fn1("Square", x -> {
      runs.incrementAndGet();
      Evaluation.Entry self = (Evaluation.Entry) Computation.current();
      if (self.dependent(0).pending > Evaluation.GUARD / 2) {
        duringPlan.incrementAndGet(); // its dependent's count still holds the plan's guard
      }
      return x * x;
    });

    // Without the guard the sum's count, written after its leaves had resolved, would never reach zero.
    assertThat(getWithin(sumOf(g, square, 10), Duration.ofSeconds(20))).isEqualTo(285);
    assertThat(duringPlan).as("two full batches of four, handed out while the plan went on").hasValue(8);
    assertThat(runs).hasValue(10);
  }

  /**
   * root(P1(L, A), P2(L, B)): the plan visits P2 first and hands out L and B, then finds L out when it visits P1,
   * and makes P1 a second entry for L. The executor holds the first four hand-outs until all four are made, so L is
   * out and not resolved when P1 finds it.
   */
  private static final class HoldFirst implements java.util.concurrent.Executor {
    private final int held;
    private final List<Runnable> tasks = new ArrayList<>();

    HoldFirst(int held) {
      this.held = held;
    }

    @Override
    public synchronized void execute(Runnable task) {
      if (tasks.size() < held) {
        tasks.add(task);
        if (tasks.size() == held) {
          List<Runnable> all = List.copyOf(tasks);
          Thread.ofPlatform().start(() -> all.forEach(Runnable::run));
        }
      } else {
        Thread.ofPlatform().start(task);
      }
    }

    synchronized int received() {
      return tasks.size();
    }
  }

  @Test
  void aLeafAlreadyHandedOutGetsASecondEntryAndStillRunsOnce() throws Exception {
    Evaluation.releaseBatch = 1;
    HoldFirst pool = new HoldFirst(4);
    Graph g = Graph.builder().executor(pool).build();
    AtomicInteger leafRuns = new AtomicInteger();
    Fn1<Integer, Integer> leaf = g.fn1("Leaf", x -> {
      leafRuns.incrementAndGet();
      return x;
    });
    Fn2<Integer, Integer, Integer> add = g.fn2("Add", Integer::sum);
    Node<Integer> shared = leaf.call(100);
    Node<Integer> root = add.call(add.call(shared, leaf.call(1)), add.call(shared, leaf.call(2)));

    assertThat(getWithin(root, Duration.ofSeconds(20))).isEqualTo(203);
    assertThat(pool.received()).as("L, B, L's second entry, A: each handed out alone").isEqualTo(4);
    assertThat(leafRuns).as("the two entries of L share its claim: one run").hasValue(3);
    assertThat(shared.get()).isEqualTo(100);
    assertThat(leafRuns).hasValue(3);
  }

  @Test
  void aFailedLeafMetThroughTwoEntriesIsReportedOnceAndFailsBothDependents() throws Exception {
    Evaluation.releaseBatch = 1;
    Graph g = Graph.builder().executor(new HoldFirst(4)).build();
    AtomicInteger leafRuns = new AtomicInteger();
    Fn1<Integer, Integer> leaf = g.fn1("Leaf", x -> {
      leafRuns.incrementAndGet();
      if (x == 100) {
        throw new IllegalStateException("bad leaf");
      }
      return x;
    });
    AtomicInteger addRuns = new AtomicInteger();
    Fn2<Integer, Integer, Integer> add = g.fn2("Add", (a, b) -> {
      addRuns.incrementAndGet();
      return a + b;
    });
    Node<Integer> shared = leaf.call(100);
    Node<Integer> one = leaf.call(1);
    Node<Integer> root = add.call(add.call(shared, one), add.call(shared, leaf.call(2)));

    ExecutionException thrown = org.assertj.core.api.Assertions.catchThrowableOfType(ExecutionException.class,
        () -> CompletableFuture.supplyAsync(root::get, caller).get(20, TimeUnit.SECONDS));
    assertThat(thrown.getCause()).isInstanceOf(EvaluationException.class);
    EvaluationException e = (EvaluationException) thrown.getCause();
    assertThat(e.failures()).singleElement().satisfies(f -> {
      assertThat(f.node()).isEqualTo("Leaf#1");
      assertThat(f.cause()).hasMessage("bad leaf");
    });
    assertThat(leafRuns).hasValue(3);
    assertThat(addRuns).as("no node above the failure runs").hasValue(0);
    assertThat(one.get()).isEqualTo(1); // a sibling's value was kept
    assertThat(leafRuns).hasValue(3);
  }

  @Test
  void aGetWithATimeoutGivesUpOnLeavesHandedOutAndALaterGetFinishesTheWork() throws Exception {
    Evaluation.releaseBatch = 2;
    Graph g = Graph.builder().parallelism(2).build();
    CountDownLatch open = new CountDownLatch(1);
    AtomicInteger runs = new AtomicInteger();
    Fn1<Integer, Integer> slow = g.fn1("Slow", x -> {
      runs.incrementAndGet();
      if (x == 0) {
        awaitOpen(open);
      }
      return x;
    });
    Node<Integer> total = sumOf(g, slow, 8);

    assertThatThrownBy(() -> total.get(Duration.ofMillis(200))).isInstanceOf(TimeoutException.class);
    open.countDown();
    assertThat(getWithin(total, Duration.ofSeconds(20))).isEqualTo(28);
    assertThat(runs).as("each leaf ran once: the one that waited finished and was cached").hasValue(8);
  }

  @Test
  void anInterruptedCallerGivesUpOnLeavesHandedOutAndALaterGetFinishesTheWork() throws Exception {
    Evaluation.releaseBatch = 2;
    Graph g = Graph.builder().parallelism(2).build();
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch open = new CountDownLatch(1);
    AtomicInteger runs = new AtomicInteger();
    Fn1<Integer, Integer> slow = g.fn1("Slow", x -> {
      runs.incrementAndGet();
      if (x == 0) {
        started.countDown();
        awaitOpen(open);
      }
      return x;
    });
    Node<Integer> total = sumOf(g, slow, 8);
    java.util.concurrent.atomic.AtomicReference<Throwable> got = new java.util.concurrent.atomic.AtomicReference<>();
    Thread a = Thread.ofPlatform().start(() -> {
      try {
        got.set(new AssertionError("get() returned " + total.get()));
      } catch (Throwable t) {
        got.set(t);
      }
    });
    assertThat(started.await(20, TimeUnit.SECONDS)).as("leaf 0 ran on the pool").isTrue();
    a.interrupt();
    a.join(20_000);

    assertThat(a.isAlive()).as("the interrupted caller returned").isFalse();
    assertThat(got.get()).isInstanceOf(java.util.concurrent.CancellationException.class);
    open.countDown();
    assertThat(getWithin(total, Duration.ofSeconds(20))).isEqualTo(28);
    assertThat(runs).as("leaf 0 finished and was cached; each leaf ran once").hasValue(8);
  }

  @Test
  void withAListenerThePlanIsToldWholeBeforeAnyNodeRuns() throws Exception {
    Evaluation.releaseBatch = 1;
    Graph g = Graph.builder().executor(Runnable::run).build();
    List<String> events = java.util.Collections.synchronizedList(new ArrayList<>());
    g.addListener(new GraphListener() {
      @Override
      public void evaluationStarted(Node<?> root, int planned) {
        events.add("planned " + planned);
      }

      @Override
      public void nodeStarted(Node<?> node) {
        events.add("started " + node.name());
      }
    });
    Fn1<Integer, Integer> square = g.fn1("Square", x -> x * x);
    FnN<Integer, Integer> sum = g.fnN("Sum", Integer.class, xs -> xs.stream().mapToInt(Integer::intValue).sum());

    assertThat(getWithin(sum.call(List.of(square.call(1), square.call(2), square.call(3))), Duration.ofSeconds(20)))
        .isEqualTo(14);
    assertThat(events).first().isEqualTo("planned 4"); // a listener switches releasing off
    assertThat(events).hasSize(5);
  }

  /** Waits for the test to open {@code open}; a leaf's function, so it fails rather than hang. */
  private static void awaitOpen(CountDownLatch open) {
    try {
      if (!open.await(20, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the test never opened the latch");
      }
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(ie);
    }
  }
}
