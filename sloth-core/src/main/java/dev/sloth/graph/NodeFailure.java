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
  /**
   * Creates a failure; the path is copied.
   *
   * @throws NullPointerException if {@code node}, {@code path}, an element of {@code path}, or {@code cause} is null
   */
  public NodeFailure {
    Objects.requireNonNull(node, "node");
    path = List.copyOf(path);
    Objects.requireNonNull(cause, "cause");
  }

  /** Paths longer than this are shortened in {@link #toString()} and messages; {@link #path()} stays whole. */
  static final int SHOWN_PATH = 20;

  /**
   * The whole path as text, {@code Add#4 -> Square#1} ("Add#4 needs Square#1"): the requested node first.
   *
   * @return the path, the requested node first and the failed node last
   */
  public String pathText() {
    return String.join(" -> ", path);
  }

  /**
   * The path as text for messages: whole up to 20 nodes; longer, its first and last 5 nodes and the count of those
   * left out between them: {@code Top -> A#1 -> A#2 -> A#3 -> A#4 -> (1990 more) -> A#1995 -> ... -> Parse#3 [2000
   * nodes]}.
   *
   * @return the path as text, at most 20 node names long
   */
  public String shortPathText() {
    if (path.size() <= SHOWN_PATH) {
      return pathText();
    }
    int ends = 5;
    return String.join(" -> ", path.subList(0, ends)) + " -> (" + (path.size() - 2 * ends) + " more) -> "
        + String.join(" -> ", path.subList(path.size() - ends, path.size())) + " [" + path.size() + " nodes]";
  }

  @Override
  public String toString() {
    return "'" + node + "' threw " + ValueText.ofThrowable(cause) + " (path: " + shortPathText() + ")";
  }
}
