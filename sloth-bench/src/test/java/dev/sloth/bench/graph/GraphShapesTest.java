package dev.sloth.bench.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sloth.graph.Graph;
import dev.sloth.graph.Node;
import dev.sloth.graph.NodeState;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The benchmarked graphs have the shape and the value they claim, so the per-node numbers divide by the truth. */
class GraphShapesTest {

  @ParameterizedTest(name = "parallel={0}")
  @ValueSource(booleans = {false, true})
  void fanInIsWidthLeavesUnderOneSum(boolean parallel) {
    Graph g = GraphShapes.graph(parallel);
    Node<Integer> root = GraphShapes.fanIn(g, 300);

    assertThat(g.size()).isEqualTo(301);
    List<Node<?>> leaves = root.dependencies();
    assertThat(leaves).hasSize(300).allSatisfy(leaf -> assertThat(leaf.dependencies()).isEmpty());
    assertThat(leaves).allSatisfy(leaf -> assertThat(leaf.state()).isEqualTo(NodeState.NEW));

    assertThat(root.get()).isEqualTo(GraphShapes.fanInValue(300)).isEqualTo(300 * 299 * 599 / 6);
    assertThat(leaves).allSatisfy(leaf -> assertThat(leaf.state()).isEqualTo(NodeState.VALID));
  }

  @ParameterizedTest(name = "parallel={0}")
  @ValueSource(booleans = {false, true})
  void chainIsLengthNodesEachOnThePrevious(boolean parallel) {
    Graph g = GraphShapes.graph(parallel);
    Node<Integer> root = GraphShapes.chain(g, 250);

    assertThat(g.size()).isEqualTo(250);
    int depth = 1;
    for (Node<?> n = root; !n.dependencies().isEmpty(); n = n.dependencies().get(0)) {
      assertThat(n.dependencies()).hasSize(1);
      depth++;
    }
    assertThat(depth).isEqualTo(250);
    assertThat(root.get()).isEqualTo(250);
  }

  @ParameterizedTest(name = "length={0}")
  @ValueSource(ints = {0, -3})
  void chainWithoutNodesIsRefused(int length) {
    Graph g = GraphShapes.graph(false);
    assertThatThrownBy(() -> GraphShapes.chain(g, length))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a chain needs at least 1 node, was " + length);
  }
}
