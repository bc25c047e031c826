package dev.sloth.graph;

/**
 * What a {@link Node} holds right now.
 *
 * <pre>{@code
 * if (node.state() == NodeState.VALID) { ... }   // get() would run nothing
 * }</pre>
 */
public enum NodeState {
  /** Never computed yet. */
  NEW,
  /** Computed, and nothing it depends on has changed since: {@code get()} runs nothing. */
  VALID,
  /** Computed, but something it depends on has changed since: {@code get()} re-checks it and may recompute. */
  STALE,
  /** Being computed right now. */
  RUNNING,
  /** Its function threw the last time it ran. */
  FAILED
}
