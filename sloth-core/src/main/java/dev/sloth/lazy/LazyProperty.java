package dev.sloth.lazy;

import dev.sloth.graph.Node;
import dev.sloth.graph.NodeState;
import dev.sloth.graph.Source;
import java.util.function.Supplier;

/**
 * One lazy property, made by {@link LazyProperties#define}: computed on first {@link #get()}, cached, recomputed
 * after what it read changed or after {@link #invalidate()}.
 *
 * <pre>{@code
 * LazyProperty<Integer> size = props.define("size", () -> items.get().size());
 * size.get();          // computes
 * size.get();          // cached
 * size.invalidate();   // next get() computes again, and so do the properties that read it
 * }</pre>
 *
 * @param <T> the type of the value
 */
public final class LazyProperty<T> implements Supplier<T> {
  private final Node<T> node;
  private final Source<Long> epoch;

  LazyProperty(Node<T> node, Source<Long> epoch) {
    this.node = node;
    this.epoch = epoch;
  }

  /**
   * The value, computed (with what it reads) if it is not current.
   *
   * @throws dev.sloth.graph.EvaluationException if the body, or a property or node it reads, threw (the cause is
   *     that exception; failures are not cached) or the properties read each other in a cycle (caused by a
   *     {@link dev.sloth.graph.CycleException})
   */
  @Override
  public T get() {
    return node.get();
  }

  /**
   * Forgets the value: the next {@link #get()} computes it again, and every
   * property that read it recomputes on its next access. Properties that did not read it are untouched.
   */
  public void invalidate() {
    epoch.update(e -> e + 1);
  }

  /**
   * Whether the value is computed and current, so that {@link #get()} would run nothing.
   *
   * @return whether the value is computed and current, so that {@link #get()} would run nothing
   */
  public boolean isEvaluated() {
    return node.state() == NodeState.VALID;
  }

  /**
   * The property's name.
   *
   * @return the property's name
   */
  public String name() {
    return node.name();
  }

  /**
   * The engine node behind the property, for drawing or for other nodes to read.
   *
   * @return the engine node behind the property, for drawing or for other nodes to read
   */
  public Node<T> node() {
    return node;
  }

  /** The name and whether it is evaluated; never computes. */
  @Override
  public String toString() {
    return "LazyProperty[" + name() + (isEvaluated() ? ", evaluated]" : ", not evaluated]");
  }
}
