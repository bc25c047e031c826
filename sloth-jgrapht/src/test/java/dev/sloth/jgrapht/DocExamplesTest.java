package dev.sloth.jgrapht;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sloth.graph.Fn1;
import dev.sloth.graph.Fn2;
import dev.sloth.graph.Graph;
import dev.sloth.graph.GraphListener;
import dev.sloth.graph.GraphSnapshot;
import dev.sloth.graph.GraphSnapshot.Edge;
import dev.sloth.graph.GraphSnapshot.NodeInfo;
import dev.sloth.graph.Node;
import dev.sloth.graph.Source;
import dev.sloth.module.Binding;
import dev.sloth.module.LazyModule;
import dev.sloth.module.ModuleRegistry;
import dev.sloth.module.RegistrySnapshot;
import dev.sloth.module.RegistrySnapshot.BindingInfo;
import dev.sloth.module.RegistrySnapshot.Dependency;
import dev.sloth.viz.DrawResult;
import dev.sloth.viz.Drawer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jgrapht.graph.AsSubgraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JGraphT examples of docs/viz.md, as written there, with their claims checked (the drawing ones: sloth-viz). */
class DocExamplesTest {
  @TempDir
  Path dir;

  @Test
  void theJGraphTExamplesRun() {
    Graph g = Graph.create();
    Fn1<Integer, Integer> square = g.fn1("Square", v -> v * v);
    Fn2<Integer, Integer, Integer> mul = g.fn2("Mul", (p, q) -> p * q);
    Fn2<Integer, Integer, Integer> add = g.fn2("Add", (p, q) -> p + q);
    Source<Integer> x = g.source("x", 2);
    Source<Integer> y = g.source("y", 3);
    Node<Integer> a = square.call(x);
    Node<Integer> b = square.call(y);
    Node<Integer> c = mul.call(a, b);
    Node<Integer> d = add.call(a, b);

    c.get();

    org.jgrapht.Graph<NodeInfo, Edge> jg = SnapshotGraphs.toJGraphT(g.dump());
    NodeInfo dv = SnapshotGraphs.vertex(jg, d.name());
    Set<NodeInfo> needs = SnapshotGraphs.ancestors(jg, dv);
    org.jgrapht.Graph<NodeInfo, Edge> sub = new AsSubgraph<>(jg, needs);
    List<NodeInfo> order = SnapshotGraphs.topologicalOrder(jg);
    assertThat(needs).extracting(NodeInfo::name).containsExactlyInAnyOrder("Square#1", "Square#2", "x", "y");
    assertThat(sub.vertexSet()).hasSize(4);
    assertThat(order).extracting(NodeInfo::name).containsExactly("x", "y", "Square#1", "Square#2", "Mul#1", "Add#1");

    Map<String, Double> ms = new ConcurrentHashMap<>();
    g.addListener(new GraphListener() {
      @Override public void nodeFinished(Node<?> node, long nanos, boolean changed) {
        ms.put(node.name(), nanos / 1e6);
      }
    });
    d.get();
    CriticalPath p = SnapshotGraphs.criticalPath(SnapshotGraphs.toJGraphT(g.dump()),
        n -> ms.getOrDefault(n.name(), 0.0));
    assertThat(p.nodes()).extracting(NodeInfo::name).endsWith("Add#1");

    var part = new AsSubgraph<>(jg, SnapshotGraphs.ancestors(jg, dv));
    GraphSnapshot small = new GraphSnapshot(List.copyOf(part.vertexSet()), List.copyOf(part.edgeSet()));
    DrawResult smallResult = Drawer.defaults().draw(small, dir.resolve("d-needs.svg"));
    assertThat(smallResult.nodesDrawn()).isEqualTo(4);
  }

  @Test
  void theLazyModulesJGraphTExampleRuns() {
    ModuleRegistry registry = ModuleRegistry.builder().mode(ModuleRegistry.Mode.LAZY_AS_DECLARED).build();
    LazyModule db = LazyModule.named("db");
    Binding<String> config = db.bind("config", String.class, () -> "jdbc:h2:mem");
    Binding<String> pool = db.bind("pool", String.class, () -> "Pool(" + config.get() + ")");
    db.bind("reports", String.class, () -> "Reports");
    LazyModule web = LazyModule.named("web");
    Binding<String> handler = web.bind("handler", String.class, () -> "Handler[" + pool.get() + "]");
    registry.load(db);
    registry.load(web);
    handler.get();

    RegistrySnapshot s = registry.snapshot();
    org.jgrapht.Graph<BindingInfo, Dependency> jg = RegistryGraphs.toJGraphT(s);
    BindingInfo h = RegistryGraphs.vertex(jg, "web.handler");
    Set<BindingInfo> needs = RegistryGraphs.ancestors(jg, h);
    Set<BindingInfo> users = RegistryGraphs.descendants(jg, RegistryGraphs.vertex(jg, "db.config"));
    List<BindingInfo> order = RegistryGraphs.topologicalOrder(jg);
    assertThat(jg.vertexSet()).hasSize(4);
    assertThat(jg.edgeSet()).hasSize(2);
    assertThat(needs).extracting(BindingInfo::qualifiedName).containsExactly("db.pool", "db.config");
    assertThat(users).extracting(BindingInfo::qualifiedName).containsExactly("db.pool", "web.handler");
    assertThat(order).extracting(BindingInfo::qualifiedName)
        .containsExactly("db.config", "db.pool", "db.reports", "web.handler");
  }
}
