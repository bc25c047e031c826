package dev.sloth.graph;

import java.util.ArrayList;
import java.util.List;

/**
 * What a node holds instead of a value when its last run failed: either its function threw ({@code ofRead} false),
 * or a node it read failed and the function let that propagate ({@code ofRead} true, {@code cause} the
 * {@link EvaluationException} of the read), in which case the failures reported are the read node's.
 */
record Failure(Throwable cause, boolean ofRead) {

  /** The failures to report for {@code node}, reached by {@code pathToNode} (ending with the node's name). */
  List<NodeFailure> report(String node, List<String> pathToNode) {
    if (ofRead && cause instanceof EvaluationException x) {
      List<NodeFailure> out = new ArrayList<>();
      for (NodeFailure f : x.failures()) {
        List<String> path = new ArrayList<>(pathToNode);
        path.addAll(f.path());
        out.add(new NodeFailure(f.node(), path, f.cause()));
      }
      return out;
    }
    return List.of(new NodeFailure(node, pathToNode, cause));
  }
}
