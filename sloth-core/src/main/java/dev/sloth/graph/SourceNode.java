package dev.sloth.graph;

import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/** A settable input. Always current; a change bumps the graph's revision and records it in {@code changedAt}. */
final class SourceNode<T> extends AbstractNode<T> implements Source<T> {
  private static final Object[] NO_ARGUMENTS = new Object[0];

  private final Graph graph;
  private final String name;

  SourceNode(Graph graph, String name, T initial) {
    super(graph);
    this.graph = graph;
    this.name = name;
    this.value = initial;
    this.changedAt = 0;
    this.verifiedAt = Long.MAX_VALUE;
  }

  @Override
  public void set(T newValue) {
    checkNotInsideFunction();
    synchronized (graph.setLock()) {
      assign(newValue);
    }
  }

  @Override
  public void update(UnaryOperator<T> f) {
    Objects.requireNonNull(f, "f");
    checkNotInsideFunction();
    synchronized (graph.setLock()) {
      assign(f.apply(current()));
    }
  }

  /**
   * Writes the value and its change revision, then publishes the new revision (volatile): an evaluation that reads
   * the new revision sees both. Called with the graph's set lock held, so revisions are bumped one at a time.
   */
  private void assign(T newValue) {
    if (Objects.equals(value, newValue)) {
      return;
    }
    long next = graph.revision() + 1;
    value = newValue;
    changedAt = next;
    graph.publishRevision(next);
    graph.events().invalidated(this, next);
  }

  @SuppressWarnings("unchecked")
  private T current() {
    return (T) value;
  }

  private void checkNotInsideFunction() {
    Computation running = Computation.current();
    if (running != null) {
      throw new IllegalStateException("source '" + name + "' cannot be set from inside the running function of '"
          + running.node.name() + "': functions must not have side effects on the graph; set sources from outside");
    }
  }

  @Override
  @SuppressWarnings("unchecked")
  public T get() {
    Computation reader = Computation.current();
    if (reader != null) {
      return reader.read(this);
    }
    graph.revision(); // volatile read: see the value published with the latest revision
    return (T) value;
  }

  @Override
  public Source<T> executor(java.util.concurrent.Executor executor) {
    throw new UnsupportedOperationException("source '" + name + "' runs no function, so it takes no executor");
  }

  @Override
  Object[] arguments() {
    return NO_ARGUMENTS;
  }

  @Override
  AbstractNode<?>[] reads() {
    return null;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public NodeState state() {
    return NodeState.VALID;
  }

  @Override
  public List<Node<?>> dependencies() {
    return List.of();
  }

  @Override
  public Graph graph() {
    return graph;
  }
}
