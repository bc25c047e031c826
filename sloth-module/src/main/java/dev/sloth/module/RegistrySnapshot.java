package dev.sloth.module;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * An immutable picture of a registry at one moment: every binding of every loaded module with its state and timings,
 * and the dependencies recorded so far (an edge {@code from -> to} means {@code from}'s definition read {@code to}).
 * The shape is deliberately plain, nodes and edges named by {@code module.binding}, so that tools (a DOT writer, a
 * JGraphT adapter, a log line) need nothing else.
 *
 * <pre>{@code
 * RegistrySnapshot s = registry.snapshot();
 * for (RegistrySnapshot.BindingInfo b : s.bindings()) {
 *   System.out.println(b.qualifiedName() + " " + b.state() + " " + b.computeTime());
 * }
 * for (RegistrySnapshot.Dependency d : s.dependencies()) {
 *   System.out.println(d.from() + " -> " + d.to());
 * }
 * }</pre>
 *
 * @param bindings every binding of the loaded modules, modules in load order, bindings in declaration order
 * @param dependencies the recorded reads between bindings, in the same order by reader
 */
public record RegistrySnapshot(List<BindingInfo> bindings, List<Dependency> dependencies) {
  /** Copies both lists into immutable ones. */
  public RegistrySnapshot {
    bindings = List.copyOf(bindings);
    dependencies = List.copyOf(dependencies);
  }

  /**
   * The binding named {@code qualifiedName} ({@code module.binding}).
   *
   * @throws IllegalArgumentException if there is none
   * @param qualifiedName the binding's name, {@code module.binding}
   * @return the binding named {@code qualifiedName} ({@code module.binding})
   */
  public BindingInfo binding(String qualifiedName) {
    for (BindingInfo b : bindings) {
      if (b.qualifiedName().equals(qualifiedName)) {
        return b;
      }
    }
    throw new IllegalArgumentException("the snapshot has no binding '" + qualifiedName + "'");
  }

  /**
   * The bindings in state {@code state}.
   *
   * @param state the state asked for
   * @return the bindings in state {@code state}
   */
  public List<BindingInfo> inState(BindingState state) {
    return bindings.stream().filter(b -> b.state() == state).toList();
  }

  /**
   * The qualified names {@code qualifiedName}'s definition read, in the order recorded.
   *
   * @param qualifiedName the binding's name, {@code module.binding}
   * @return the qualified names {@code qualifiedName}'s definition read, in the order recorded
   */
  public List<String> dependenciesOf(String qualifiedName) {
    return dependencies.stream().filter(d -> d.from().equals(qualifiedName)).map(Dependency::to).toList();
  }

  /**
   * One binding at the moment of the snapshot.
   *
   * <pre>{@code
   * RegistrySnapshot.BindingInfo pool = registry.snapshot().binding("db.pool");
   * pool.state();         // RESOLVED
   * pool.computeTime();   // PT0.012S: its own definition, without the reads of db.config
   * }</pre>
   *
   * @param module the module's name
   * @param name the binding's name within the module
   * @param type the value's class name
   * @param state pending, resolving, resolved or failed
   * @param eager whether it resolves at load (declared so, or made so by the registry's policy)
   * @param definedAt where it was bound, or null
   * @param firstReadAt where it was first read, or null
   * @param computeTime its definition's own time, without reads of other bindings; null unless resolved
   * @param totalTime its definition's wall time, including reads of other bindings; null unless resolved
   * @param failure the first exception its definition threw, as text; null if it never failed
   */
  public record BindingInfo(String module, String name, String type, BindingState state, boolean eager,
      StackTraceElement definedAt, StackTraceElement firstReadAt, Duration computeTime, Duration totalTime,
      String failure) {
    /** Checks that {@code module}, {@code name}, {@code type} and {@code state} are not null. */
    public BindingInfo {
      Objects.requireNonNull(module, "module");
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(state, "state");
    }

    /**
     * {@code module.name}.
     *
     * @return {@code module.name}
     */
    public String qualifiedName() {
      return module + "." + name;
    }
  }

  /**
   * A recorded dependency: {@code from}'s definition read {@code to} (both qualified names).
   *
   * <pre>{@code
   * registry.snapshot().dependencies();   // [Dependency[from=db.pool, to=db.config], ...]
   * }</pre>
   *
   * @param from the reading binding
   * @param to the binding it read
   */
  public record Dependency(String from, String to) {
    /** Checks that both names are not null. */
    public Dependency {
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(to, "to");
    }
  }
}
