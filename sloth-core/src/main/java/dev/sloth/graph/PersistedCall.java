package dev.sloth.graph;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** The engine's side of a {@link PersistentCache.Call}: one run of {@code node}'s function under claim {@code c}. */
final class PersistedCall implements PersistentCache.Call {
  private final CallNode<?> node;
  private final Computation c;
  private final Object[] values;

  private PersistedCall(CallNode<?> node, Computation c, Object[] values) {
    this.node = node;
    this.c = c;
    this.values = values;
  }

  /** A run the graph's {@link FunctionRunner} took: the stage of its result. */
  record Elsewhere(java.util.concurrent.CompletionStage<?> stage) {}

  /**
   * Runs {@code node}'s function: elsewhere if the graph's runner takes it (an {@link Elsewhere}), else through the
   * graph's persistent cache, or directly if it has none. {@code mayRunElsewhere} is false for a run the plan makes
   * itself (see {@code Evaluation.plan}), which found no runner an instant before and must run here.
   */
  static Object invoke(CallNode<?> node, Computation c, Object[] values, boolean mayRunElsewhere) throws Exception {
    FunctionRunner runner = mayRunElsewhere ? node.fn.graph.functionRunner() : null;
    if (runner != null) {
      java.util.concurrent.CompletionStage<?> away = runner.runElsewhere(new PersistedCall(node, c, values));
      if (away != null) {
        return new Elsewhere(away);
      }
    }
    PersistentCache cache = node.fn.graph.persistentCache();
    return cache == null ? node.fn.invoker.invoke(values) : cache.run(new PersistedCall(node, c, values));
  }

  @Override public Node<?> node() { return node; }
  @Override
  public String functionName() {
    // A computed node's function is named as its node (Now#2 for the second live "Now"); the name asked for is kept
    // on its table reference.
    return node.fn.computed && node.ref instanceof Registry.NamedRef named ? named.given : node.fn.name;
  }
  @Override public Object function() { return node.fn.userFunction; }
  @Override public FnOptions options() { return node.fn.options; }
  @Override public boolean isComputed() { return node.fn.computed; }
  @Override public boolean isAsynchronous() { return node.fn.async; }
  @Override public List<Object> arguments() { return Collections.unmodifiableList(Arrays.asList(values.clone())); }
  @Override public Object proceed() throws Exception { return node.fn.invoker.invoke(values); }

  @Override
  public List<Node<?>> reads() {
    AbstractNode<?>[] r = c.readsArray(false); // no side effect: the run is not over yet
    return r == null ? List.of() : List.of(r);
  }
}
