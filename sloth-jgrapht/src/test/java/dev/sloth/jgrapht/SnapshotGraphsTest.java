package dev.sloth.jgrapht;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sloth.graph.GraphSnapshot;
import dev.sloth.graph.GraphSnapshot.Edge;
import dev.sloth.graph.GraphSnapshot.Kind;
import dev.sloth.graph.GraphSnapshot.NodeInfo;
import dev.sloth.graph.NodeState;
import dev.sloth.viz.testing.ExampleGraph;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.jgrapht.Graph;
import org.jgrapht.graph.AsSubgraph;
import org.junit.jupiter.api.Test;

class SnapshotGraphsTest {

  @Test
  void dumpOfTheExampleBecomesAJGraphTGraphWithTheSameNodesAndEdges() {
    ExampleGraph s = new ExampleGraph();
    Graph<NodeInfo, Edge> g = SnapshotGraphs.toJGraphT(s.g.dump());

    assertThat(g.vertexSet()).extracting(NodeInfo::name)
        .containsExactlyInAnyOrder("x", "y", s.a.name(), s.b.name(), s.c.name(), s.d.name());
    assertThat(g.edgeSet()).hasSize(6);
    NodeInfo d = SnapshotGraphs.vertex(g, s.d.name());
    assertThat(SnapshotGraphs.ancestors(g, d)).extracting(NodeInfo::name)
        .containsExactlyInAnyOrder("x", "y", s.a.name(), s.b.name());
    assertThat(SnapshotGraphs.descendants(g, SnapshotGraphs.vertex(g, "x"))).extracting(NodeInfo::name)
        .containsExactlyInAnyOrder(s.a.name(), s.c.name(), s.d.name());
    // a subgraph of d's ancestors, with JGraphT's own classes
    Graph<NodeInfo, Edge> sub = new AsSubgraph<>(g, SnapshotGraphs.ancestors(g, d));
    assertThat(sub.edgeSet()).hasSize(2);
    assertThat(s.runs).hasValue(0); // dumping and converting ran nothing
  }

  @Test
  void controlFlowAfterCGetHoldsOnlyWhatDStillNeeds() {
    ExampleGraph s = new ExampleGraph();
    assertThat(SnapshotGraphs.toJGraphT(s.d.controlFlow()).vertexSet()).extracting(NodeInfo::name)
        .containsExactlyInAnyOrder(s.a.name(), s.b.name(), s.d.name());
    s.c.get();
    Graph<NodeInfo, Edge> cf = SnapshotGraphs.toJGraphT(s.d.controlFlow());
    assertThat(cf.vertexSet()).extracting(NodeInfo::name).containsExactly(s.d.name());
    assertThat(cf.edgeSet()).isEmpty();
  }

  @Test
  void topologicalOrderPutsDependenciesFirstAndBreaksTiesById() {
    ExampleGraph s = new ExampleGraph();
    List<String> order = SnapshotGraphs.topologicalOrder(SnapshotGraphs.toJGraphT(s.g.dump())).stream()
        .map(NodeInfo::name).toList();
    assertThat(order).containsExactly("x", "y", s.a.name(), s.b.name(), s.c.name(), s.d.name());
  }

  @Test
  void theGraphIsUnmodifiable() {
    Graph<NodeInfo, Edge> g = SnapshotGraphs.toJGraphT(new ExampleGraph().g.dump());
    NodeInfo extra = new NodeInfo(99, "extra", "extra", Kind.SOURCE, NodeState.VALID, false, null);
    assertThatThrownBy(() -> g.addVertex(extra)).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void criticalPathFollowsTheHeavierBranch() {
    ExampleGraph s = new ExampleGraph();
    Graph<NodeInfo, Edge> g = SnapshotGraphs.toJGraphT(s.g.dump());
    Map<String, Double> ms = Map.of("x", 0.0, "y", 0.0, s.a.name(), 5.0, s.b.name(), 50.0, s.c.name(), 1.0,
        s.d.name(), 7.0);
    CriticalPath p = SnapshotGraphs.criticalPath(g, n -> ms.get(n.name()));
    assertThat(p.nodes()).extracting(NodeInfo::name).containsExactly("y", s.b.name(), s.d.name());
    assertThat(p.length()).isEqualTo(57.0);
    assertThat(SnapshotGraphs.criticalPath(SnapshotGraphs.toJGraphT(new GraphSnapshot(List.of(), List.of())),
        n -> 1).nodes()).isEmpty();
  }

  @Test
  void badInputIsNamed() {
    Graph<NodeInfo, Edge> g = SnapshotGraphs.toJGraphT(new ExampleGraph().g.dump());
    NodeInfo stranger = new NodeInfo(42, "stranger", "f", Kind.CALL, NodeState.NEW, false, null);
    assertThatThrownBy(() -> SnapshotGraphs.ancestors(g, stranger))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'stranger' (id 42) is not a vertex");
    assertThatThrownBy(() -> SnapshotGraphs.vertex(g, "nope"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no node named 'nope'")
        .hasMessageContaining("x");
    assertThatThrownBy(() -> SnapshotGraphs.criticalPath(g, n -> n.name().equals("y") ? -1 : 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("weight of node 'y' is -1.0");
    assertThatThrownBy(() -> SnapshotGraphs.criticalPath(g, n -> Double.NaN))
        .hasMessageContaining("expected a finite number >= 0");
    assertThatThrownBy(() -> SnapshotGraphs.toJGraphT(new GraphSnapshot(List.of(node(1)), List.of(edge(1, 7)))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("names node id 7");
    assertThatThrownBy(() -> SnapshotGraphs.toJGraphT(new GraphSnapshot(List.of(node(1), node(1)), List.of())))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("two nodes with id 1");
  }

  @Test
  void aCycleHasNoTopologicalOrderAndTheMessageNamesItsNodes() {
    GraphSnapshot cyclic = new GraphSnapshot(List.of(node(1), node(2), node(3), node(4)),
        List.of(edge(1, 2), edge(2, 3), edge(3, 2), edge(3, 4)));
    assertThatThrownBy(() -> SnapshotGraphs.topologicalOrder(SnapshotGraphs.toJGraphT(cyclic)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has a cycle")
        .hasMessageContaining("vertices on cycles: [n2, n3]") // not n1 before it, nor n4 after it
        .hasMessageNotContaining("n1").hasMessageNotContaining("n4");
  }

  @Test
  void aNameTwoNodesShareFindsTheFirstAsTheSnapshotDoes() {
    dev.sloth.graph.Graph g = dev.sloth.graph.Graph.create();
    g.source("x#2", 0);
    g.source("x", 1);
    g.source("x", 2); // named x#2 as well
    GraphSnapshot s = g.dump();
    assertThat(s.nodes()).extracting(NodeInfo::name).containsExactly("x#2", "x", "x#2");
    NodeInfo first = SnapshotGraphs.vertex(SnapshotGraphs.toJGraphT(s), "x#2");
    assertThat(first).isEqualTo(s.node("x#2").orElseThrow()).isEqualTo(s.nodes().get(0));
  }

  @Test
  void aNodeThatReadItselfLeavesACycleAndTheMessageDoesNotBlameDisagreeingRuns() {
    dev.sloth.graph.Graph g = dev.sloth.graph.Graph.create();
    List<dev.sloth.graph.Node<Integer>> self = new ArrayList<>();
    self.add(g.computed("self", () -> self.get(0).get()));
    assertThatThrownBy(self.get(0)::get).hasMessageContaining("dependency cycle");
    GraphSnapshot s = g.dump();
    assertThat(s.edges()).as("the failed read is recorded").hasSize(1);
    assertThatThrownBy(() -> SnapshotGraphs.topologicalOrder(SnapshotGraphs.toJGraphT(s)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("vertices on cycles: [self]")
        .hasMessageContaining("a read that failed with a CycleException");
  }

  // ----------------------------------------------------------------------------------- properties vs. a model

  @Property(tries = 200)
  void ancestorsEqualTheDependencyClosure(@ForAll("dags") GraphSnapshot s) {
    Graph<NodeInfo, Edge> g = SnapshotGraphs.toJGraphT(s);
    assertThat(g.vertexSet()).hasSize(s.nodes().size());
    assertThat(g.edgeSet()).hasSize(s.edges().size());
    for (NodeInfo n : s.nodes()) {
      Set<Long> expected = closure(s, n.id());
      assertThat(SnapshotGraphs.ancestors(g, n)).extracting(NodeInfo::id).containsExactlyInAnyOrderElementsOf(expected);
    }
  }

  @Property(tries = 200)
  void topologicalOrderRespectsEveryEdge(@ForAll("dags") GraphSnapshot s) {
    List<NodeInfo> order = SnapshotGraphs.topologicalOrder(SnapshotGraphs.toJGraphT(s));
    assertThat(order).containsExactlyInAnyOrderElementsOf(s.nodes());
    Map<Long, Integer> position = new HashMap<>();
    for (int i = 0; i < order.size(); i++) {
      position.put(order.get(i).id(), i);
    }
    for (Edge e : s.edges()) {
      assertThat(position.get(e.from())).as("%s", e).isLessThan(position.get(e.to()));
    }
  }

  @Property(tries = 200)
  void criticalPathByCountIsTheLongestChain(@ForAll("dags") GraphSnapshot s) {
    CriticalPath p = SnapshotGraphs.criticalPath(SnapshotGraphs.toJGraphT(s), n -> 1);
    Map<Long, Integer> longest = new HashMap<>(); // longest chain ending at each id; ids grow along edges
    int best = 0;
    for (NodeInfo n : s.nodes()) {
      int l = 1 + s.edges().stream().filter(e -> e.to() == n.id()).mapToInt(e -> longest.get(e.from())).max()
          .orElse(0);
      longest.put(n.id(), l);
      best = Math.max(best, l);
    }
    assertThat(p.length()).isEqualTo(best);
    assertThat(p.nodes()).hasSize(best);
    Set<String> edges = s.edges().stream().map(e -> e.from() + ">" + e.to()).collect(Collectors.toSet());
    for (int i = 1; i < p.nodes().size(); i++) {
      assertThat(edges).contains(p.nodes().get(i - 1).id() + ">" + p.nodes().get(i).id());
    }
  }

  /** Random DAGs: edges only from a lower id to a higher one, at most one per pair. */
  @Provide
  Arbitrary<GraphSnapshot> dags() {
    return Arbitraries.integers().between(0, 25).flatMap(n -> Arbitraries.integers().between(0, 1000).list()
        .ofSize(n * 2).map(seeds -> {
          List<NodeInfo> nodes = new ArrayList<>();
          for (int i = 0; i < n; i++) {
            nodes.add(node(i));
          }
          Set<String> seen = new HashSet<>();
          List<Edge> edges = new ArrayList<>();
          for (int i = 0; i + 1 < seeds.size() && n > 1; i += 2) {
            int p = seeds.get(i) % n;
            int q = seeds.get(i + 1) % n;
            if (p != q && seen.add(Math.min(p, q) + ">" + Math.max(p, q))) {
              edges.add(new Edge(Math.min(p, q), Math.max(p, q), seeds.get(i) % 3 == 0));
            }
          }
          return new GraphSnapshot(nodes, edges);
        }));
  }

  private static Set<Long> closure(GraphSnapshot s, long id) {
    Set<Long> result = new HashSet<>();
    boolean grew = true;
    while (grew) {
      grew = false;
      for (Edge e : s.edges()) {
        if ((e.to() == id || result.contains(e.to())) && result.add(e.from())) {
          grew = true;
        }
      }
    }
    return result;
  }

  static NodeInfo node(int id) {
    return new NodeInfo(id, "n" + id, "f", Kind.CALL, NodeState.VALID, false, null);
  }

  static Edge edge(int from, int to) {
    return new Edge(from, to, false);
  }
}
