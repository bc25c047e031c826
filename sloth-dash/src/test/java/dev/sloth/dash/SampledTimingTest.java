package dev.sloth.dash;

import static dev.sloth.dash.MiniJson.list;
import static dev.sloth.dash.MiniJson.obj;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sloth.graph.Fn2;
import dev.sloth.graph.Graph;
import dev.sloth.graph.GraphListener;
import dev.sloth.graph.Node;
import dev.sloth.graph.Source;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The dashboard asks the engine for {@link GraphListener.RunTiming#SAMPLED} timing: short runs are timed one in
 * 16, the rest come untimed. Every view stays honest: counts exact, a bar and a trace event per run, untimed runs
 * marked estimated and given their function's mean timed run, long runs always timed exactly.
 */
class SampledTimingTest {
  static final int SHORT = 200;
  static final int ROUNDS = 10;

  @Test
  void theTapAsksForSampledTimingAndPlacesAnUntimedRunAtItsLanesLastTime() {
    Tap tap = new Tap();
    assertThat(tap.runTiming()).isEqualTo(GraphListener.RunTiming.SAMPLED);
    Graph g = Graph.create();
    Source<Integer> x = g.source("x", 1);
    Source<Integer> y = g.source("y", 2);
    tap.nodeStartedAt(x, 1_000);
    tap.nodeFinished(x, 500, true); // timed: ends at 1,500, the lane's last time
    tap.nodeStartedAt(y, GraphListener.UNTIMED);
    List<Long> runningSince = new ArrayList<>();
    tap.runningTo((kind, node, arg, cause, time, lane) -> runningSince.add(time));
    assertThat(runningSince).as("an untimed run shows running since the lane's last time").containsExactly(1_500L);
    tap.nodeFinished(y, GraphListener.UNTIMED, true);
    List<Tap.Event> out = new ArrayList<>();
    assertThat(tap.drainTo(out)).isZero();
    assertThat(out).extracting(Tap.Event::kind).containsExactly(Tap.FINISHED, Tap.FINISHED);
    assertThat(out).extracting(Tap.Event::time).containsExactly(1_500L, 1_500L);
    assertThat(out).extracting(Tap.Event::arg).containsExactly(500L, GraphListener.UNTIMED);
  }

  @Test
  void countsBarsAndTraceEventsCoverEveryRunUntimedOnesAreMarkedAndLongOnesAreTimedExactly() {
    Graph g = Graph.builder().sequential().build();
    Source<Integer> x = g.source("x", 0);
    Fn2<Integer, Integer, Integer> add = g.fn2("Add", (a, b) -> a + b);
    Fn2<Integer, Integer, Integer> slow = g.fn2("Slow", (a, b) -> spin(2_000_000, a + b)); // 2 ms
    List<Node<Integer>> parts = new ArrayList<>();
    for (int i = 0; i < SHORT; i++) {
      parts.add(add.call(x, i));
    }
    Node<Integer> slowNode = slow.call(x, -1);
    parts.add(slowNode);
    Node<Integer> sum = g.fnN("Sum", Integer.class, vs -> vs.stream().mapToInt(Integer::intValue).sum())
        .call(parts);
    try (Dashboard d = Dashboard.builder(g).printingTo(null).start()) {
      for (int r = 0; r < ROUNDS; r++) {
        x.set(r + 1);
        sum.get();
      }
      d.awaitTick();
      Map<String, Object> full = MiniJson.object(d.model().full(false));

      // exact counts, whatever was timed
      int nodes = SHORT + 3; // x, the Adds, Slow, Sum
      assertThat(list(full.get("totals"))).containsExactly(0.0, 0.0, (double) nodes, 0.0, 0.0);
      List<Object> addRow = fnRow(full, "Add");
      assertThat((Double) addRow.get(3)).as("Add's runs, each counted").isEqualTo(ROUNDS * SHORT);
      double addEstimated = (Double) addRow.get(6);
      assertThat(addEstimated).as("Add's untimed runs (about 15 in 16)")
          .isBetween(ROUNDS * SHORT * 0.7, ROUNDS * SHORT * 0.99);
      assertThat((Double) fnRow(full, "Slow").get(6)).as("a 2 ms function is timed every run").isZero();

      // node detail: a long run is exact; an untimed run says it is estimated
      Map<String, Object> slowDetail = MiniJson.object(d.model().detail(slowNode.name()));
      assertThat(slowDetail).containsEntry("lastEstimated", false);
      assertThat((Double) slowDetail.get("lastMs")).isGreaterThanOrEqualTo(2.0);
      long estimatedDetails = parts.subList(0, SHORT).stream()
          .map(n -> MiniJson.object(d.model().detail(n.name())))
          .filter(m -> Boolean.TRUE.equals(m.get("lastEstimated"))).count();
      assertThat(estimatedDetails).isBetween(1L, (long) SHORT - 1);

      // the task stream: Add's bars of the last get() hold all its runs, some estimated
      double addRuns = 0;
      double addBarsEstimated = 0;
      int addIndex = ((Double) addRow.get(0)).intValue();
      for (Object o : list(full.get("bars"))) {
        List<Object> bar = list(o);
        if (((Double) bar.get(4)).intValue() == addIndex) {
          addRuns += (Double) bar.get(6);
          addBarsEstimated += (Double) bar.get(7);
        }
      }
      assertThat(addRuns).as("a bar per run (merged ones count theirs)").isEqualTo(SHORT);
      assertThat(addBarsEstimated).isBetween(1.0, SHORT - 1.0);

      // the trace of the last get(): one event per run; untimed ones marked, at the mean of the timed ones
      Map<String, Object> trace = MiniJson.object(d.traceJson());
      List<Map<String, Object>> runs = list(trace.get("traceEvents")).stream().map(MiniJson::obj)
          .filter(e -> e.get("ph").equals("X")).toList();
      assertThat(runs).hasSize(SHORT + 2);
      List<Map<String, Object>> estimated = runs.stream().filter(e -> Boolean.TRUE.equals(args(e).get("estimated")))
          .toList();
      assertThat(estimated).isNotEmpty().allSatisfy(e -> assertThat(args(e).get("function")).isIn("Add", "Sum"));
      assertThat(obj(trace.get("otherData")).get("runsEstimated")).isEqualTo((double) estimated.size());
      for (Map<String, Object> e : estimated) {
        assertThat((Double) e.get("dur")).as("an untimed run lasts its function's mean timed run: short, not 0")
            .isGreaterThan(0.0).isLessThan(1_000.0);
      }
      Map<String, Object> slowRun = runs.stream().filter(e -> e.get("name").equals(slowNode.name())).findFirst()
          .orElseThrow();
      assertThat(args(slowRun)).containsEntry("estimated", false);
      assertThat((Double) slowRun.get("dur")).isGreaterThanOrEqualTo(2_000.0);
    }
  }

  private static List<Object> fnRow(Map<String, Object> full, String name) {
    return list(full.get("fns")).stream().map(MiniJson::list).filter(f -> f.get(1).equals(name)).findFirst()
        .orElseThrow();
  }

  private static int spin(long nanos, int value) {
    long until = System.nanoTime() + nanos;
    while (System.nanoTime() < until) {
      Thread.onSpinWait();
    }
    return value;
  }

  private static Map<String, Object> args(Map<String, Object> e) {
    return obj(e.get("args"));
  }
}
