package dev.sloth.jgrapht;

import static dev.sloth.viz.testing.ExampleModules.info;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sloth.module.BindingState;
import dev.sloth.module.RegistrySnapshot;
import dev.sloth.module.RegistrySnapshot.BindingInfo;
import dev.sloth.module.RegistrySnapshot.Dependency;
import dev.sloth.viz.testing.ExampleModules;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.jgrapht.Graph;
import org.junit.jupiter.api.Test;

class RegistryGraphsTest {

  @Test
  void theRecordedReadsBecomeEdgesFromTheBindingReadToItsReader() {
    ExampleModules m = new ExampleModules();
    m.handler.get();
    assertThat(m.runs).hasValue(3);
    RegistrySnapshot s = m.registry.snapshot();
    Graph<BindingInfo, Dependency> g = RegistryGraphs.toJGraphT(s);

    assertThat(g.vertexSet()).extracting(BindingInfo::qualifiedName)
        .containsExactly("db.config", "db.pool", "db.reports", "web.handler");
    assertThat(g.vertexSet()).containsExactlyElementsOf(s.bindings()); // the snapshot's own records
    assertThat(g.edgeSet()).containsExactlyInAnyOrder(new Dependency("db.pool", "db.config"),
        new Dependency("web.handler", "db.pool"));
    Dependency poolReadConfig = new Dependency("db.pool", "db.config");
    assertThat(g.getEdgeSource(poolReadConfig).qualifiedName()).isEqualTo("db.config");
    assertThat(g.getEdgeTarget(poolReadConfig).qualifiedName()).isEqualTo("db.pool");

    BindingInfo handler = RegistryGraphs.vertex(g, "web.handler");
    assertThat(RegistryGraphs.ancestors(g, handler)).extracting(BindingInfo::qualifiedName)
        .containsExactly("db.pool", "db.config");
    assertThat(RegistryGraphs.descendants(g, RegistryGraphs.vertex(g, "db.config")))
        .extracting(BindingInfo::qualifiedName).containsExactly("db.pool", "web.handler");
    assertThat(RegistryGraphs.ancestors(g, RegistryGraphs.vertex(g, "db.reports"))).isEmpty();
    assertThat(RegistryGraphs.topologicalOrder(g)).extracting(BindingInfo::qualifiedName)
        .containsExactly("db.config", "db.pool", "db.reports", "web.handler");
    assertThat(RegistryGraphs.vertex(g, "db.reports").state()).isEqualTo(BindingState.PENDING);
    assertThat(m.runs).hasValue(3); // snapshotting and converting ran no definition
  }

  @Test
  void theGraphIsUnmodifiable() {
    Graph<BindingInfo, Dependency> g = RegistryGraphs.toJGraphT(new ExampleModules().registry.snapshot());
    assertThat(g.edgeSet()).isEmpty(); // nothing read yet: nothing recorded
    assertThatThrownBy(() -> g.addVertex(info("x", "y", BindingState.PENDING, false, 0)))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void badSnapshotsAndForeignVerticesAreNamed() {
    BindingInfo a = info("m", "a", BindingState.RESOLVED, false, 1);
    assertThatThrownBy(() -> RegistryGraphs.toJGraphT(new RegistrySnapshot(List.of(a, a), List.of())))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("two bindings named 'm.a'");
    assertThatThrownBy(() -> RegistryGraphs.toJGraphT(new RegistrySnapshot(List.of(a),
        List.of(new Dependency("m.a", "m.ghost")))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'m.ghost'")
        .hasMessageContaining("not among its bindings");
    Graph<BindingInfo, Dependency> g = RegistryGraphs.toJGraphT(new RegistrySnapshot(List.of(a), List.of()));
    assertThatThrownBy(() -> RegistryGraphs.vertex(g, "m.b")).hasMessageContaining("no binding named 'm.b'")
        .hasMessageContaining("[m.a]");
    BindingInfo stale = info("m", "a", BindingState.PENDING, false, 0);
    assertThatThrownBy(() -> RegistryGraphs.ancestors(g, stale)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'m.a' (PENDING) is not a vertex");
  }

  @Test
  void aCycleOfReadsHasNoOrderAndTheErrorNamesIt() {
    BindingInfo a = info("loop", "a", BindingState.FAILED, false, 0);
    BindingInfo b = info("loop", "b", BindingState.FAILED, false, 0);
    BindingInfo c = info("loop", "c", BindingState.PENDING, false, 0);
    Graph<BindingInfo, Dependency> g = RegistryGraphs.toJGraphT(new RegistrySnapshot(List.of(a, b, c),
        List.of(new Dependency("loop.a", "loop.b"), new Dependency("loop.b", "loop.a"),
            new Dependency("loop.c", "loop.a"))));
    assertThatThrownBy(() -> RegistryGraphs.topologicalOrder(g)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("definitions that read each other")
        .hasMessageContaining("vertices on cycles: [loop.a, loop.b]"); // not loop.c, which only reads the cycle
    assertThat(RegistryGraphs.ancestors(g, a)).containsExactly(b); // walks stop at the start
  }

  /** Random acyclic reads (each binding reads only earlier ones) against the simple model of the dependency lists. */
  @Property(tries = 200)
  void orderAndAncestorsAgreeWithTheRecordedReads(@ForAll("snapshots") RegistrySnapshot s) {
    Graph<BindingInfo, Dependency> g = RegistryGraphs.toJGraphT(s);
    assertThat(g.vertexSet()).hasSize(s.bindings().size());
    assertThat(g.edgeSet()).hasSize(new HashSet<>(s.dependencies()).size());
    List<String> order = RegistryGraphs.topologicalOrder(g).stream().map(BindingInfo::qualifiedName).toList();
    for (Dependency d : s.dependencies()) {
      assertThat(order.indexOf(d.to())).as(d.toString()).isLessThan(order.indexOf(d.from()));
    }
    for (BindingInfo b : s.bindings()) {
      Set<String> closure = new HashSet<>();
      List<String> todo = new ArrayList<>(s.dependenciesOf(b.qualifiedName()));
      while (!todo.isEmpty()) {
        String next = todo.remove(todo.size() - 1);
        if (closure.add(next)) {
          todo.addAll(s.dependenciesOf(next));
        }
      }
      assertThat(RegistryGraphs.ancestors(g, b)).extracting(BindingInfo::qualifiedName)
          .containsExactlyInAnyOrderElementsOf(closure);
    }
  }

  @Provide
  Arbitrary<RegistrySnapshot> snapshots() {
    return Arbitraries.integers().between(1, 12).flatMap(n -> Arbitraries.integers().between(0, n - 1)
        .tuple2().list().ofMaxSize(3 * n).map(pairs -> {
          List<BindingInfo> bindings = new ArrayList<>();
          for (int i = 0; i < n; i++) {
            bindings.add(info("m" + i % 3, "b" + i, BindingState.RESOLVED, false, i));
          }
          List<Dependency> deps = new ArrayList<>();
          for (var p : pairs) {
            int from = Math.max(p.get1(), p.get2());
            int to = Math.min(p.get1(), p.get2());
            if (from != to) {
              deps.add(new Dependency(bindings.get(from).qualifiedName(), bindings.get(to).qualifiedName()));
            }
          }
          return new RegistrySnapshot(bindings, deps);
        }));
  }
}
