package dev.sloth.progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sloth.graph.EvaluationException;
import dev.sloth.graph.Fn1;
import dev.sloth.graph.Graph;
import dev.sloth.graph.Node;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.ref.WeakReference;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressListenerTest {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

  private String output() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  /** The bar's last rendering: what the console shows when the get is over. */
  private String lastFrame() {
    List<String> lines = output().lines().toList();
    return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
  }

  private static Node<Integer> chain(Graph g, Fn1<Integer, Integer> f, int length) {
    Node<Integer> n = g.source("start", 0);
    for (int i = 0; i < length; i++) {
      n = f.call(n);
    }
    return n;
  }

  @Test
  void withNoDelayTheBarCountsEveryNodeAndEndsComplete() {
    Graph g = Graph.builder().sequential().build();
    Node<Integer> last = chain(g, g.fn1("Step", v -> v + 1), 5);
    g.addListener(ProgressListener.to(out).showingAfter(Duration.ZERO));

    assertThat(last.get()).isEqualTo(5);

    assertThat(lastFrame()).startsWith("get " + last.name()).contains("100%", "5/5", "done");
    assertThat(output()).doesNotContain("\u2588", "\r"); // ASCII lines, not Unicode redrawn in place
    assertThat(output().lines()).doesNotHaveDuplicates();
  }

  @Test
  void aQuickGetShowsNothing() {
    Graph g = Graph.builder().sequential().build();
    Node<Integer> last = chain(g, g.fn1("Step", v -> v + 1), 5);
    g.addListener(ProgressListener.to(out).showingAfter(Duration.ofHours(1)));

    assertThat(last.get()).isEqualTo(5);

    assertThat(output()).isEmpty();
  }

  @Test
  void theBarAppearsOnceTheGetHasRunLongerThanTheDelay() {
    AtomicLong now = new AtomicLong();
    ProgressListener progress = ProgressListener.to(out).showingAfter(Duration.ofSeconds(1)).withClock(now::get);
    Graph g = Graph.builder().sequential().build();
    List<Boolean> showingWhenStarted = new ArrayList<>();
    Fn1<Integer, Integer> step = g.fn1("Step", v -> {
      showingWhenStarted.add(progress.isShowing());
      if (v == 2) {
        now.addAndGet(TimeUnit.SECONDS.toNanos(2)); // the third node takes "two seconds"
      }
      return v + 1;
    });
    Node<Integer> last = chain(g, step, 6);
    g.addListener(progress);

    last.get();

    // hidden during the first "second", shown from the moment the third node finished
    assertThat(showingWhenStarted).containsExactly(false, false, false, true, true, true);
    assertThat(progress.isShowing()).isFalse();
    assertThat(lastFrame()).contains("6/6", "done");
  }

  @Test
  void readsInsideRunningNodesAddToTheTotal() {
    Graph g = Graph.builder().sequential().build();
    Node<Integer> inner = chain(g, g.fn1("Inner", v -> v + 1), 3);
    Node<Integer> outer = g.computed("outer", () -> inner.get() * 10);
    g.addListener(ProgressListener.to(out).showingAfter(Duration.ZERO));

    assertThat(outer.get()).isEqualTo(30);

    assertThat(lastFrame()).startsWith("get outer").contains("4/4");
  }

  @Test
  void aFailedGetEndsTheBarAsFailed() {
    Graph g = Graph.builder().sequential().build();
    Fn1<Integer, Integer> step = g.fn1("Step", v -> {
      if (v == 2) {
        throw new IllegalStateException("boom");
      }
      return v + 1;
    });
    Node<Integer> last = chain(g, step, 5);
    g.addListener(ProgressListener.to(out).showingAfter(Duration.ZERO));

    assertThatThrownBy(last::get).isInstanceOf(EvaluationException.class);

    assertThat(lastFrame()).contains("3/5", "failed"); // two ran, the third failed, the rest never ran
  }

  @Test
  void concurrentGetsShareOneBarThatEndsWhenTheLastFinishes() throws Exception {
    Graph g = Graph.create();
    Fn1<Integer, Integer> step = g.fn1("Step", v -> v + 1);
    List<Node<Integer>> roots = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      roots.add(chain(g, step, 20 + i)); // sharing: chains overlap in their common prefix
    }
    ProgressListener progress = ProgressListener.to(out).showingAfter(Duration.ZERO)
        .refreshingEvery(Duration.ofMillis(5));
    g.addListener(progress);
    CyclicBarrier start = new CyclicBarrier(64);
    ExecutorService pool = Executors.newFixedThreadPool(64);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (Node<Integer> r : roots) {
        results.add(pool.submit(() -> {
          start.await();
          return r.get();
        }));
      }
      for (int i = 0; i < 64; i++) {
        assertThat(results.get(i).get(30, TimeUnit.SECONDS)).isEqualTo(20 + i);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(progress.isShowing()).as("every episode closed its bar").isFalse();
    assertThat(lastFrame()).matches(".*\\b(\\d+)/\\1\\b.*done$");
  }

  @Test
  void aQuickGetLeavesNoTimerBehindHoldingTheListener() throws Exception {
    Graph g = Graph.builder().sequential().build();
    Node<Integer> last = chain(g, g.fn1("Step", v -> v + 1), 3);
    ProgressListener progress = ProgressListener.to(out).showingAfter(Duration.ofHours(1));
    WeakReference<ProgressListener> ref = new WeakReference<>(progress);
    g.addListener(progress);
    assertThat(last.get()).isEqualTo(3);
    g.removeListener(progress);
    progress = null;

    // the get is over: its wake-up timer must not keep the listener (one timer per get, for the whole delay)
    for (int i = 0; i < 100 && ref.get() != null; i++) {
      System.gc();
      byte[] garbage = new byte[1 << 20];
      assertThat(garbage).hasSize(1 << 20);
    }
    assertThat(ref.get()).as("listener collected once its quick get ended and it was removed").isNull();
    assertThat(output()).isEmpty();
  }

  @Test
  void aSingleLongNodeThatSendsNothingIsShownByTheTimer() {
    ProgressListener progress = ProgressListener.to(out).showingAfter(Duration.ofMillis(50));
    Graph g = Graph.builder().sequential().build();
    Node<Boolean> slow = g.computed("slow", () -> {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (!progress.isShowing() && System.nanoTime() < deadline) {
        Thread.onSpinWait(); // no event comes from here: only the timer can bring the bar up
      }
      return progress.isShowing();
    });
    g.addListener(progress);
    assertThat(slow.get()).as("the bar was up while the node ran").isTrue();
    assertThat(progress.isShowing()).isFalse();
    assertThat(lastFrame()).contains("1/1", "done");
  }

  @Test
  void aDelayTooLongForNanosecondsMeansNever() {
    ProgressListener never = ProgressListener.to(out).showingAfter(ChronoUnit.FOREVER.getDuration());
    Graph g = Graph.builder().sequential().build();
    Node<Integer> last = chain(g, g.fn1("Step", v -> v + 1), 3);
    g.addListener(never);
    assertThat(last.get()).isEqualTo(3);
    assertThat(output()).isEmpty();
    assertThat(never.toString()).startsWith("ProgressListener[delay=PT");
  }

  @Test
  void aListenerRemovedInTheMiddleOfAGetIsClosedAndItsBarStops() {
    ProgressListener progress = ProgressListener.to(out).showingAfter(Duration.ZERO)
        .refreshingEvery(Duration.ofMillis(1));
    Graph g = Graph.builder().sequential().build();
    Node<Integer> last = chain(g, g.fn1("Step", v -> {
      if (v == 2) {
        g.removeListener(progress); // the bar is up: no evaluationFinished will ever reach it
      }
      return v + 1;
    }), 5);
    g.addListener(progress);
    assertThat(last.get()).isEqualTo(5);
    assertThat(progress.isShowing()).as("removed mid-get, it cannot know the get ended").isTrue();
    int before = output().lines().toList().size();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (output().lines().toList().size() == before && System.nanoTime() < deadline) {
      Thread.onSpinWait(); // the orphaned bar still redraws (its elapsed time changes every second)
    }
    assertThat(output().lines().toList()).as("the orphaned bar kept printing").hasSizeGreaterThan(before);

    progress.close();

    assertThat(progress.isShowing()).isFalse();
    assertThat(lastFrame()).contains("stopped");
    int lines = output().lines().toList().size();
    progress.close(); // twice is harmless
    assertThat(output().lines().toList()).as("nothing printed after close").hasSize(lines);
    assertThat(last.get()).isEqualTo(5);
  }

  @Test
  void badArgumentsAreNamed() {
    assertThatThrownBy(() -> ProgressListener.to(out).showingAfter(Duration.ofMillis(-1)))
        .hasMessageContaining("delay is PT-0.001S");
    assertThatThrownBy(() -> ProgressListener.to(out).refreshingEvery(Duration.ZERO))
        .hasMessageContaining("at least 1 ms");
  }
}
