package dev.sloth.lazy;

import dev.sloth.graph.FnOptions;
import dev.sloth.graph.Graph;
import dev.sloth.graph.Source;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The lazy properties of one object: each computed on first access, each free to read the others and the object's
 * inputs, and each recomputed on its next access after something it read changed or was {@linkplain
 * LazyProperty#invalidate() invalidated}, with the invalidation cascading to the properties that read it, and to
 * nothing else. They are built on the engine's {@link Graph#computed}
 * nodes and {@link Source}s, so dependency tracking, thread safety and exactly-once computation are the engine's.
 *
 * <pre>{@code
 * final class DataPipeline {
 *   private final LazyProperties props = LazyProperties.create();
 *   final Source<List<String>> rawData;
 *   final LazyProperty<List<String>> cleaned;
 *   final LazyProperty<List<List<String>>> tokenized;
 *   final LazyProperty<List<String>> vocabulary;
 *
 *   DataPipeline(List<String> raw) {
 *     rawData = props.input("rawData", raw);
 *     cleaned = props.define("cleaned", () -> rawData.get().stream().map(s -> s.strip().toLowerCase()).toList());
 *     tokenized = props.define("tokenized", () -> cleaned.get().stream().map(s -> List.of(s.split(" "))).toList());
 *     vocabulary = props.define("vocabulary",
 *         () -> tokenized.get().stream().flatMap(List::stream).distinct().sorted().toList());
 *   }
 * }
 * pipeline.vocabulary.get();        // computes cleaned, tokenized, vocabulary
 * pipeline.cleaned.invalidate();    // forget cleaned, and what read it
 * pipeline.vocabulary.get();        // recomputes the three, nothing else
 * }</pre>
 *
 * <p>By default the properties evaluate on the thread that reads them (a sequential graph), like field access;
 * {@link #on(Graph)} shares a graph of your choice, parallel or not.
 */
public final class LazyProperties {
  private final Graph graph;

  private LazyProperties(Graph graph) {
    this.graph = graph;
  }

  /**
   * Properties on a graph of their own that evaluates on the reading thread.
   *
   * @return new properties on a sequential graph of their own
   */
  public static LazyProperties create() {
    return new LazyProperties(Graph.builder().sequential().build());
  }

  /**
   * Properties whose nodes live in {@code graph}, so they can read (and be read by) its other nodes.
   *
   * @param graph the graph their nodes live in; not null
   * @return new properties on {@code graph}
   */
  public static LazyProperties on(Graph graph) {
    return new LazyProperties(Objects.requireNonNull(graph, "graph"));
  }

  /**
   * An input of the object: setting it invalidates the properties that read it.
   *
   * @param <T> the type of the value
   * @param name the name of the node, shown in errors and snapshots
   * @param initial the initial value; may be null
   * @return the input, a source of the graph
   */
  public <T> Source<T> input(String name, T initial) {
    return graph.source(name, initial);
  }

  /**
   * A property computed by {@code body} on first access. Whatever the body reads ({@code get()} of inputs, other
   * properties, or graph nodes) becomes its dependency.
   *
   * @param <T> the type of the value
   * @param name the name of the node, shown in errors and snapshots
   * @param body computes the value; what it reads becomes its dependency; not null
   * @return the property; nothing has run yet
   */
  public <T> LazyProperty<T> define(String name, Supplier<? extends T> body) {
    Objects.requireNonNull(name, "the name of a lazy property is null");
    Objects.requireNonNull(body, () -> "the body of lazy property '" + name + "' is null");
    Source<Long> epoch = graph.source(name + "#epoch", 0L);
    // No early cutoff: a recomputed property counts as changed for its readers,
    // so invalidating one property recomputes everything that read it on their next access.
    return new LazyProperty<>(graph.computed(name, FnOptions.defaults().withoutCutoff(), () -> {
      epoch.get();
      return body.get();
    }), epoch);
  }

  /**
   * The graph the properties live in.
   *
   * @return the graph
   */
  public Graph graph() {
    return graph;
  }
}
