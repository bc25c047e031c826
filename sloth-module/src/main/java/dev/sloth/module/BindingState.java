package dev.sloth.module;

/**
 * Where a {@link Binding} is in its life.
 *
 * <pre>{@code
 * if (pool.state() == BindingState.PENDING) log("the pool has not been built yet");
 * }</pre>
 */
public enum BindingState {
  /** Its definition has not completed yet (never run, or only a binding it read failed). */
  PENDING,
  /** Its definition is running right now, on some thread. */
  RESOLVING,
  /** Its definition completed; reads return the value and run nothing. */
  RESOLVED,
  /** Its definition threw the last time it ran; the next read runs it again (unless the registry caches failures). */
  FAILED
}
