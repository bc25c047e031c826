package dev.sloth.graph;

import java.util.List;
import java.util.Objects;

/**
 * One failed node of an evaluation: its name, the path of node names from the requested node down to it, and what
 * its function threw.
 *
 * <pre>{@code
 * catch (EvaluationException e) {
 *   for (NodeFailure f : e.failures()) log(f.node() + " failed via " + f.path() + ": " + f.cause());
 * }
 * }</pre>
 *
 * @param node the name of the node whose function threw
 * @param path node names from the requested node (first) to the failed one (last)
 * @param cause what the function threw
 */
public record NodeFailure(String node, List<String> path, Throwable cause) {
  public NodeFailure {
    Objects.requireNonNull(node, "node");
    path = List.copyOf(path);
    Objects.requireNonNull(cause, "cause");
  }

  /** The path as text, {@code Add#4 -> Square#1} ("Add#4 needs Square#1"): the requested node first. */
  public String pathText() {
    return String.join(" -> ", path);
  }

  @Override
  public String toString() {
    return "'" + node + "' threw " + cause + " (path: " + pathText() + ")";
  }
}
