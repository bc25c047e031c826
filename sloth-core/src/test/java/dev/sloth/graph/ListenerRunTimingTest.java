package dev.sloth.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link GraphListener#runTiming()}: the engine times runs as much as its listeners ask and no more, and reports
 * every run either way.
 */
class ListenerRunTimingTest {
  static final int NODES = 400;

  /** Records every start and finish, with the times it was given. */
  static class Recorder implements GraphListener {
    final RunTiming timing;
    final Map<Node<?>, Long> startOf = new HashMap<>();
    int finished;
    int timed;
    int untimed;
    final List<String> badPairs = new ArrayList<>();
    final Map<String, Integer> timedPerNode = new HashMap<>();

    Recorder(RunTiming timing) {
      this.timing = timing;
    }

    @Override
    public RunTiming runTiming() {
      return timing;
    }

    @Override
    public void nodeStartedAt(Node<?> node, long startNanos) {
      startOf.put(node, startNanos);
    }

    @Override
    public void nodeFinished(Node<?> node, long nanos, boolean changed) {
      finished++;
      long start = startOf.remove(node);
      if ((start == UNTIMED) != (nanos == UNTIMED)) {
        badPairs.add(node.name() + ": start " + start + ", nanos " + nanos);
      }
      if (nanos == UNTIMED) {
        untimed++;
      } else {
        timed++;
        timedPerNode.merge(node.name(), 1, Integer::sum);
        if (nanos < 0) {
          badPairs.add(node.name() + ": negative run time " + nanos);
        }
      }
    }
  }

  /** A source, {@value #NODES} {@code Add(x, i)} nodes (of {@code spin} ns each) and their sum. */
  static final class Wide {
    final Graph g = Graph.builder().sequential().build();
    final Source<Integer> x = g.source("x", 0);
    final long[] spin = {0};
    final Node<Integer> sum;
    int next;

    Wide() {
      Fn2<Integer, Integer, Integer> add = g.fn2("Add", (a, b) -> {
        long until = System.nanoTime() + spin[0];
        while (spin[0] > 0 && System.nanoTime() < until) {
          Thread.onSpinWait();
        }
        return a + b;
      });
      List<Node<Integer>> parts = new ArrayList<>();
      for (int i = 0; i < NODES; i++) {
        parts.add(add.call(x, i));
      }
      sum = g.fnN("Sum", Integer.class, vs -> vs.stream().mapToInt(Integer::intValue).sum()).call(parts);
    }

    /** Registers a {@link Recorder} asking {@code timing} and gets the sum once. */
    Recorder heardBy(GraphListener.RunTiming timing) {
      Recorder r = new Recorder(timing);
      g.addListener(r);
      sum.get();
      return r;
    }

    /** Sets x {@code rounds} times, getting the sum each time: {@code NODES + 1} runs per round. */
    void rounds(int rounds) {
      for (int r = 0; r < rounds; r++) {
        x.set(++next);
        sum.get();
      }
    }
  }

  @Test
  void byDefaultEveryRunIsTimed() {
    Wide w = new Wide();
    Recorder every = w.heardBy(GraphListener.RunTiming.EVERY_RUN);
    w.rounds(8);
    assertThat(every.finished).isEqualTo(9 * (NODES + 1));
    assertThat(every.untimed).isZero();
    assertThat(every.badPairs).isEmpty();
    assertThat(new GraphListener() {}.runTiming()).isEqualTo(GraphListener.RunTiming.EVERY_RUN);
  }

  @Test
  void sampledTimesAboutOneInSixteenShortRunsYetReportsEveryRunAndTimesEveryNodeSometimes() {
    Wide w = new Wide();
    // Add's first run is timed and shows the function is short: its later runs are sampled
    Recorder sampled = w.heardBy(GraphListener.RunTiming.SAMPLED);
    assertThat(sampled.timedPerNode).containsEntry("Sum#1", 1).hasSizeBetween(2, NODES / 8);
    assertThat(sampled.untimed).isPositive();
    int rounds = 64;
    int timedBefore = sampled.timed;
    sampled.timedPerNode.clear();
    w.rounds(rounds);
    int runs = rounds * (NODES + 1);
    assertThat(sampled.finished).isEqualTo(runs + NODES + 1); // every run reported
    assertThat(sampled.badPairs).isEmpty(); // a run is timed at both ends or neither
    int timed = sampled.timed - timedBefore;
    assertThat(timed).isBetween(runs / 32, runs / 8); // about one in 16
    for (int i = 0; i < NODES; i++) {
      String name = "Add#" + (i + 1);
      assertThat(sampled.timedPerNode.getOrDefault(name, 0)).as(name + " timed in 64 rounds").isBetween(1, 12);
    }
  }

  @Test
  void sampledTimesEveryRunOfAFunctionOnceATimedRunOfItIsLong() {
    Wide w = new Wide();
    Recorder sampled = w.heardBy(GraphListener.RunTiming.SAMPLED);
    w.rounds(4);
    assertThat(sampled.untimed).isPositive(); // short: sampled
    w.spin[0] = 2 * GraphListener.SHORT_RUN_NANOS; // each Add now runs 20 us
    w.rounds(1); // the first timed Add of this round shows it; the Adds after it are timed
    int timedBefore = sampled.timed;
    int untimedBefore = sampled.untimed;
    w.rounds(2);
    assertThat(sampled.untimed - untimedBefore).as("untimed runs once Add is known to be long")
        .isLessThanOrEqualTo(2); // Sum, which stays short, may be left out
    assertThat(sampled.timed - timedBefore).isGreaterThanOrEqualTo(2 * NODES);
    assertThat(sampled.badPairs).isEmpty();
    w.spin[0] = 0;
    w.rounds(2); // short again: sampled again from the first timed short run on
    int untimedShortAgain = sampled.untimed;
    w.rounds(4);
    assertThat(sampled.untimed - untimedShortAgain).isGreaterThan(4 * NODES / 2);
  }

  @Test
  void noneTimesNothingButReportsEveryRun() {
    Wide w = new Wide();
    Recorder none = w.heardBy(GraphListener.RunTiming.NONE);
    w.rounds(3);
    assertThat(none.finished).isEqualTo(4 * (NODES + 1));
    assertThat(none.timed).isZero();
    assertThat(none.badPairs).isEmpty();
  }

  @Test
  void theListenerAskingMostDecidesForAllAndRemovingItLowersTheTimingAgain() {
    Wide w = new Wide();
    Recorder sampled = new Recorder(GraphListener.RunTiming.SAMPLED);
    Recorder every = new Recorder(GraphListener.RunTiming.EVERY_RUN);
    w.g.addListener(sampled);
    w.g.addListener(every);
    w.sum.get();
    w.rounds(4);
    assertThat(sampled.untimed).isZero();
    assertThat(every.untimed).isZero();
    assertThat(w.g.removeListener(every)).isTrue();
    w.rounds(4);
    assertThat(sampled.untimed).isGreaterThan(4 * NODES / 2);
    assertThat(sampled.badPairs).isEmpty();
  }

  @Test
  void aListenerWhoseRunTimingThrowsOrIsNullIsRegisteredAndGetsEveryRunTimed() {
    Wide w = new Wide();
    Recorder throwing = new Recorder(null) {
      @Override
      public RunTiming runTiming() {
        throw new IllegalStateException("boom");
      }
    };
    Recorder isNull = new Recorder(null);
    Recorder none = new Recorder(GraphListener.RunTiming.NONE);
    w.g.addListener(none);
    w.g.addListener(throwing);
    w.sum.get();
    w.rounds(4);
    assertThat(throwing.finished).isEqualTo(5 * (NODES + 1));
    assertThat(throwing.untimed).isZero();
    assertThat(w.g.removeListener(throwing)).isTrue();
    w.g.addListener(isNull);
    w.rounds(4);
    assertThat(isNull.finished).isEqualTo(4 * (NODES + 1));
    assertThat(isNull.untimed).isZero();
    assertThat(none.untimed).isZero(); // it asked for less, and got what the others asked
  }
}
