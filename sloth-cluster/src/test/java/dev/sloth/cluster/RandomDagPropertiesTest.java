package dev.sloth.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sloth.graph.Graph;
import dev.sloth.graph.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Random DAGs on a 3-member embedded cluster give the values the local (sequential) engine and a plain model
 * compute, and each distinct node's
 * result is stored exactly once, also when some nodes are requested (and so fetched) before the others.
 */
class RandomDagPropertiesTest {
  static TestCluster cluster;

  @BeforeContainer
  static void start() {
    cluster = new TestCluster(3, TestApp.FUNCTIONS);
  }

  @AfterContainer
  static void stop() {
    cluster.close();
  }

  /** Node i: a constant leaf, or Add/Square/Sum over nodes before it. */
  record Spec(int kind, int value, List<Integer> inputs) {}

  @Provide
  Arbitrary<List<Spec>> dags() {
    Arbitrary<Spec> spec = Combinators.combine(
            Arbitraries.integers().between(0, 3),
            Arbitraries.integers().between(-5, 5),
            Arbitraries.integers().between(0, 1_000).list().ofMinSize(1).ofMaxSize(4))
        .as(Spec::new);
    return spec.list().ofMinSize(1).ofMaxSize(25);
  }

  @Property(tries = 12)
  void randomDagsGiveTheLocalEnginesValuesAndStoreEachResultOnce(@ForAll("dags") List<Spec> specs) {
    Graph graph = Graph.create();
    Cluster driver = Cluster.builder(cluster.driver, graph, TestApp.FUNCTIONS)
        .namespace("p" + UUID.randomUUID()).build();
    List<RemoteNode<Integer>> nodes = new ArrayList<>();
    List<Integer> model = new ArrayList<>();
    // The local engine, sequential, on the same shapes: what the cluster must agree with.
    Graph local = Graph.builder().sequential().build();
    var lAdd = local.<Integer, Integer, Integer>fn2("Add", (x, y) -> x + y);
    var lSquare = local.<Integer, Integer>fn1("Square", x -> x * x);
    var lSum = local.<Integer, Integer>fnN("Sum", Integer.class, xs -> xs.stream().mapToInt(Integer::intValue).sum());
    List<Node<Integer>> locals = new ArrayList<>();
    java.util.Set<String> distinct = new java.util.HashSet<>();
    for (int i = 0; i < specs.size(); i++) {
      Spec s = specs.get(i);
      int a = i == 0 ? -1 : s.inputs().get(0) % i;
      int b = i == 0 ? -1 : s.inputs().get(s.inputs().size() - 1) % i;
      int kind = i == 0 ? 0 : s.kind();
      RemoteNode<Integer> n;
      int v;
      switch (kind) {
        case 0 -> {
          n = driver.call(TestApp.ADD, s.value(), 1);
          locals.add(lAdd.call(s.value(), 1));
          v = s.value() + 1;
        }
        case 1 -> {
          n = driver.call(TestApp.SQUARE, nodes.get(a));
          locals.add(lSquare.call(locals.get(a)));
          v = model.get(a) * model.get(a);
        }
        case 2 -> {
          n = driver.call(TestApp.ADD, nodes.get(a), nodes.get(b));
          locals.add(lAdd.call(locals.get(a), locals.get(b)));
          v = model.get(a) + model.get(b);
        }
        default -> {
          List<Object> args = new ArrayList<>();
          List<Object> largs = new ArrayList<>();
          int sum = 0;
          for (int in : s.inputs()) {
            args.add(nodes.get(in % i));
            largs.add(locals.get(in % i));
            sum += model.get(in % i);
          }
          args.add(s.value()); // a plain value among the references
          largs.add(s.value());
          sum += s.value();
          n = driver.call(TestApp.SUM, args.toArray());
          locals.add(lSum.call(largs));
          v = sum;
        }
      }
      nodes.add(n);
      model.add(v);
      distinct.add(n.name()); // equal calls are one node in the engine, so one name
    }
    long storesBefore = cluster.stores();
    // Ask for a prefix first, then everything: the second pass must reuse what the first computed.
    int half = nodes.size() / 2;
    for (int i = 0; i < half; i++) {
      assertThat(nodes.get(i).get()).as("node %d", i).isEqualTo(model.get(i));
    }
    List<Node<Integer>> values = nodes.stream().map(RemoteNode::value).toList();
    for (int i = 0; i < nodes.size(); i++) {
      assertThat(values.get(i).get()).as("node %d", i).isEqualTo(model.get(i)).isEqualTo(locals.get(i).get());
    }
    assertThat(cluster.stores() - storesBefore).isEqualTo(distinct.size());
    assertThat(driver.stats().nodesStored()).isEqualTo(distinct.size());
    driver.destroyResults();
    driver.close();
  }
}
