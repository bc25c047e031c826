package dev.sloth.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Node ids of a graph that has made more than 2^31 and 2^32 nodes over its life (a long-running process making a
 * million nodes a second gets there within the hour): ids keep growing and never repeat, so a snapshot still lists
 * every live node once, in creation order, with its own edges. The counter is moved on by {@link
 * Graph#skipNodeIdsTo} instead of making four billion nodes. With {@code int} ids they wrapped to negative numbers
 * after 2^31, and after 2^32 a new node could get the id of an older one still alive, or 0, which the snapshot's
 * id table takes for an empty slot.
 */
class NodeIdRangeTest {

  private static long id(Node<?> n) {
    return ((AbstractNode<?>) n).id();
  }

  @Test
  void idsPastTheIntRangeKeepGrowingAndSnapshotsKeepEveryNodeApart() {
    Graph g = Graph.builder().sequential().build();
    Source<Integer> x = g.source("x", 1);
    Fn1<Integer, Integer> inc = g.fn1("Inc", v -> v + 1);
    Fn2<Integer, Integer, Integer> add = g.fn2("Add", Integer::sum);
    Node<Integer> early = inc.call(x);

    List<Node<Integer>> made = new ArrayList<>(List.of(x, early));
    Map<Node<Integer>, List<Node<Integer>>> argumentsOf = new HashMap<>();
    argumentsOf.put(early, List.of(x));
    g.skipNodeIdsTo(Integer.MAX_VALUE - 3L); // across 2^31: an int counter turns negative here
    Node<Integer> n = early;
    for (int i = 0; i < 8; i++) {
      Node<Integer> next = inc.call(n);
      argumentsOf.put(next, List.of(n));
      made.add(next);
      n = next;
    }
    assertThat(id(n)).isGreaterThan(Integer.MAX_VALUE);

    // exactly 2^32 + early's id: an int id would be early's own (and 2^32 itself would be 0, "no node")
    g.skipNodeIdsTo((1L << 32) + id(early) - 1);
    Node<Integer> twin = add.call(early, n);
    assertThat(id(twin)).isEqualTo((1L << 32) + id(early));
    argumentsOf.put(twin, List.of(early, n));
    made.add(twin);
    g.skipNodeIdsTo((1L << 33) - 1); // the next id's low 32 bits are all zero
    Node<Integer> top = add.call(twin, x);
    assertThat(id(top)).isEqualTo(1L << 33);
    argumentsOf.put(top, List.of(twin, x));
    made.add(top);

    for (int i = 1; i < made.size(); i++) {
      assertThat(id(made.get(i))).as("node %d, %s", i, made.get(i)).isGreaterThan(id(made.get(i - 1)));
    }
    assertThat(top.get()).isEqualTo((1 + 1) + (1 + 1 + 8) + 1);

    GraphSnapshot s = g.dump();
    assertThat(s.nodes()).extracting(GraphSnapshot.NodeInfo::id)
        .containsExactlyElementsOf(made.stream().map(NodeIdRangeTest::id).toList()); // each once, in id order
    assertThat(s.nodes()).extracting(GraphSnapshot.NodeInfo::name)
        .containsExactlyElementsOf(made.stream().map(Node::name).toList());
    assertThat(s.nodes()).allSatisfy(info -> assertThat(info.state()).isEqualTo(NodeState.VALID));
    List<GraphSnapshot.Edge> expected = new ArrayList<>();
    for (Node<Integer> m : made) {
      for (Node<Integer> a : argumentsOf.getOrDefault(m, List.of())) {
        expected.add(new GraphSnapshot.Edge(id(a), id(m), false));
      }
    }
    assertThat(s.edges()).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(s.node(twin.name())).get().extracting(GraphSnapshot.NodeInfo::id).isEqualTo(id(twin));
  }

  /**
   * Ids more than 2^63 / n apart (an old node kept alive while a process makes millions of nodes a second for days;
   * here the counter is moved on) take the snapshot's comparator sort instead of its packed keys: the same order.
   */
  @Test
  void idsTooFarApartForPackedKeysAreStillListedInOrder() {
    Graph g = Graph.builder().sequential().build();
    Fn1<Integer, Integer> inc = g.fn1("Inc", v -> v + 1);
    List<Node<Integer>> made = new ArrayList<>();
    Node<Integer> n = inc.call(0);
    made.add(n);
    for (long to : new long[] {1L << 40, 1L << 61, (1L << 62) + 5, Long.MAX_VALUE - 10}) {
      g.skipNodeIdsTo(to);
      n = inc.call(n);
      made.add(n);
    }
    assertThat(id(n)).isEqualTo(Long.MAX_VALUE - 9);
    assertThat(n.get()).isEqualTo(5);
    GraphSnapshot s = g.dump();
    assertThat(s.nodes()).extracting(GraphSnapshot.NodeInfo::name)
        .containsExactlyElementsOf(made.stream().map(Node::name).toList());
    assertThat(s.edges()).hasSize(4).allSatisfy(e -> assertThat(e.from()).isLessThan(e.to()));
  }

  @Test
  void aSharingFunctionsBlockOfIdsIsNotUsedOnceTheCounterMovedPastIt() {
    Graph g = Graph.builder().sequential().build();
    Fn1<Integer, Integer> f = g.fn1("F", v -> v);
    long first = id(f.call(0));
    g.skipNodeIdsTo(5_000_000_000L);
    long second = id(f.call(1));
    assertThat(second).isEqualTo(5_000_000_001L);
    assertThat(id(f.call(2))).isEqualTo(5_000_000_002L); // the segment's new block follows on
    assertThat(first).isLessThan(second);
    assertThat(id(f.call(0))).isEqualTo(first); // the same call: the same (shared) node
  }
}
