package dev.sloth.module;

import dev.sloth.graph.FnOptions;
import dev.sloth.graph.Graph;
import dev.sloth.graph.Node;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A named group of {@link Binding}s, each defined by code that runs only when the binding is first read, plus
 * at-load hooks: the code that must run when the module loads (registering listeners, starting schedulers, running
 * migrations). Define a module by subclassing, with bindings as fields, or build one with {@link #named}; then
 * {@linkplain ModuleRegistry#load load} it into a registry.
 *
 * <pre>{@code
 * final class Db extends LazyModule {
 *   final Binding<Config> config = bind("config", Config.class, Config::load);
 *   final Binding<Pool> pool = bind("pool", Pool.class, () -> new Pool(config.get()));
 *   final Binding<Metrics> metrics = bindEager("metrics", Metrics.class, Metrics::new);   // built at load
 *
 *   Db() {
 *     super("db");
 *     atLoad(() -> Scheduler.every(Duration.ofMinutes(1), () -> pool.get().evictIdle()));
 *   }
 * }
 * Db db = registry.load(new Db());   // builds the metrics, runs the hook; the config and pool wait for a read
 * }</pre>
 *
 * <p>Bindings and hooks are declared before the module is loaded; afterwards the module is fixed. Module names are
 * dot-separated words ({@code app.db}); binding names are single words, so {@code module.binding} names each binding
 * uniquely in a registry.
 */
public class LazyModule {

  private final String name;
  private final Map<String, Binding<?>> bindings = new LinkedHashMap<>();
  private final List<Hook> hooks = new ArrayList<>();
  /** Set once, when loaded; bindings and hooks are fixed from then on. Guarded by this for writes. */
  private volatile ModuleRegistry registry;
  private volatile Node<Object> load;

  /**
   * A module named {@code name}, for subclasses that declare their bindings as fields.
   *
   * @throws IllegalArgumentException if the name is not dot-separated words
   * @param name the name, used in messages and snapshots
   */
  protected LazyModule(String name) {
    Objects.requireNonNull(name, "the name of a module is null");
    if (!isWords(name, true)) {
      throw new IllegalArgumentException("module name '" + name + "' is not valid: expected dot-separated words of "
          + "letters, digits, '_', '$' or '-', each starting with a letter, '_' or '$' (like 'app.db')");
    }
    this.name = name;
  }

  /**
   * A module named {@code name} whose bindings and hooks are added from the outside.
   *
   * @param name the name, used in messages and snapshots
   * @return a module named {@code name} whose bindings and hooks are added from the outside
   */
  public static LazyModule named(String name) {
    return new LazyModule(name);
  }

  /**
   * Declares a lazy binding: {@code definition} runs when the binding is first read (or at load, if the registry's
   * mode or filter makes it eager).
   *
   * @throws IllegalArgumentException if the name is not a word or is already bound in this module, or if {@code
   *     type} is primitive
   * @throws IllegalStateException if the module is already loaded
   * @param <T> the type of the elements
   * @param name the name, used in messages and snapshots
   * @param type the type the value is checked against
   * @param definition the code that computes the binding, run on its first read
   * @return the binding's typed handle
   */
  public final <T> Binding<T> bind(String name, Class<T> type, Supplier<? extends T> definition) {
    return add(name, type, type, definition, false);
  }

  /**
   * Declares a lazy binding of a generic type, which a {@link Class} cannot say:
   *
   * <pre>{@code
   * Binding<List<String>> hosts = bind("hosts", new TypeToken<List<String>>() {}, () -> List.of("a", "b"));
   * }</pre>
   *
   * The definition's value is checked against the token's raw type ({@code List}); otherwise as {@link
   * #bind(String, Class, Supplier)}.
   *
   * @param <T> the type of the elements
   * @param name the name, used in messages and snapshots
   * @param type the type the value is checked against
   * @param definition the code that computes the binding, run on its first read
   * @return the binding's typed handle
   */
  public final <T> Binding<T> bind(String name, TypeToken<T> type, Supplier<? extends T> definition) {
    return add(name, type == null ? null : type.rawType(), type == null ? null : type.type(), definition, false);
  }

  /**
   * Declares an eager binding: {@code definition} runs when the module loads, whatever the registry's policy.
   *
   * @param <T> the type of the elements
   * @param name the name, used in messages and snapshots
   * @param type the type the value is checked against
   * @param definition the code that computes the binding, run when the module loads
   * @return the binding's typed handle
   */
  public final <T> Binding<T> bindEager(String name, Class<T> type, Supplier<? extends T> definition) {
    return add(name, type, type, definition, true);
  }

  /**
   * Declares an eager binding of a generic type; see {@link #bind(String, TypeToken, Supplier)}.
   *
   * @param <T> the type of the elements
   * @param name the name, used in messages and snapshots
   * @param type the type the value is checked against
   * @param definition the code that computes the binding, run when the module loads
   * @return the binding's typed handle
   */
  public final <T> Binding<T> bindEager(String name, TypeToken<T> type, Supplier<? extends T> definition) {
    return add(name, type == null ? null : type.rawType(), type == null ? null : type.type(), definition, true);
  }

  /**
   * Declares code that runs when the module loads, exactly once per successful load, after the eager bindings are
   * resolved; hooks run in the order declared. A hook may read (force) any binding. If it throws, loading fails and
   * may be tried again.
   *
   * @throws IllegalStateException if the module is already loaded
   * @param hook the code to run at load
   * @return this module, to declare more
   */
  public final LazyModule atLoad(Runnable hook) {
    if (hook == null) {
      throw new NullPointerException("the at-load hook given to module '" + name + "' is null");
    }
    Locations.Site where = Locations.capture();
    synchronized (this) {
      if (registry != null) {
        throw loaded("add an at-load hook");
      }
      hooks.add(new Hook(hook, where));
    }
    return this;
  }

  /**
   * The module's name.
   *
   * @return the module's name
   */
  public final String name() {
    return name;
  }

  /**
   * The bindings in the order they were declared.
   *
   * @return the bindings in the order they were declared
   */
  public final synchronized List<Binding<?>> bindings() {
    return List.copyOf(bindings.values());
  }

  /**
   * The binding named {@code name}, whose values are {@code type}s.
   *
   * @throws IllegalArgumentException if there is no such binding, or its type is not a {@code type}
   * @param <T> the type of the elements
   * @param name the name, used in messages and snapshots
   * @param type the type the value is checked against
   * @return the binding named {@code name}, whose values are {@code type}s
   */
  @SuppressWarnings("unchecked")
  public final <T> Binding<T> binding(String name, Class<T> type) {
    Objects.requireNonNull(type, "type");
    Binding<?> b = existing(name);
    if (!type.isAssignableFrom(b.type())) {
      throw new IllegalArgumentException("binding '" + b.qualifiedName() + "' holds a "
          + b.genericType().getTypeName() + ", not a " + type.getName());
    }
    return (Binding<T>) b;
  }

  /**
   * The binding named {@code name}, whose type is exactly {@code type}'s:
   * {@code module.binding("hosts", new TypeToken<List<String>>() {})}.
   *
   * @throws IllegalArgumentException if there is no such binding, or its type is another
   * @param <T> the type of the elements
   * @param name the name, used in messages and snapshots
   * @param type the type the value is checked against
   * @return the binding named {@code name}, whose type is exactly {@code type}'s: {@code module.binding("hosts", new
   *     TypeToken<List<String>>() {})}
   */
  @SuppressWarnings("unchecked")
  public final <T> Binding<T> binding(String name, TypeToken<T> type) {
    Objects.requireNonNull(type, "type");
    Binding<?> b = existing(name);
    if (!type.type().equals(b.genericType())) {
      throw new IllegalArgumentException("binding '" + b.qualifiedName() + "' holds a "
          + b.genericType().getTypeName() + ", not a " + type);
    }
    return (Binding<T>) b;
  }

  private Binding<?> existing(String name) {
    Binding<?> b;
    synchronized (this) {
      b = bindings.get(name);
    }
    if (b == null) {
      throw new IllegalArgumentException("module '" + this.name + "' has no binding named '" + name + "'; it has "
          + bindings().stream().map(Binding::name).toList());
    }
    return b;
  }

  /**
   * Whether the module has been loaded into a registry and its eager bindings and hooks completed.
   *
   * @return whether the module has been loaded into a registry and its eager bindings and hooks completed
   */
  public final boolean isLoaded() {
    Node<Object> n = load;
    return n != null && n.state() == dev.sloth.graph.NodeState.VALID;
  }

  @Override
  public String toString() {
    return "LazyModule[" + name + ", " + bindings().size() + " bindings" + (isLoaded() ? ", loaded]" : "]");
  }

  // ------------------------------------------------------------------------------------------- machinery

  private <T> Binding<T> add(String name, Class<? super T> type, java.lang.reflect.Type genericType,
      Supplier<? extends T> definition, boolean eager) {
    // Plain checks rather than Objects.requireNonNull(x, () -> message): no lambda, no message built unless thrown.
    if (name == null) {
      throw new NullPointerException("a binding name given to module '" + this.name + "' is null");
    }
    if (!isWords(name, false)) {
      throw new IllegalArgumentException("binding name '" + name + "' in module '" + this.name + "' is not valid: "
          + "expected one word of letters, digits, '_', '$' or '-', starting with a letter, '_' or '$' (no dots: "
          + "they separate the module from the binding, as in '" + this.name + ".pool')");
    }
    if (type == null) {
      throw new NullPointerException("the type of binding '" + this.name + "." + name + "' is null");
    }
    if (type.isPrimitive()) {
      throw new IllegalArgumentException("the type of binding '" + this.name + "." + name + "' is the primitive "
          + type + "; use its wrapper class (a binding holds an object)");
    }
    if (definition == null) {
      throw new NullPointerException("the definition of binding '" + this.name + "." + name + "' is null");
    }
    Locations.Site where = Locations.capture();
    synchronized (this) {
      if (registry != null) {
        throw loaded("bind '" + name + "'");
      }
      Binding<?> existing = bindings.get(name);
      if (existing != null) {
        throw new IllegalArgumentException("module '" + this.name + "' already has a binding named '" + name
            + "' (defined at " + Locations.format(existing.definedAt()) + "); binding names must be unique in a module");
      }
      Binding<T> b = new Binding<>(this, name, type, genericType, definition, eager, where);
      bindings.put(name, b);
      return b;
    }
  }

  /**
   * Whether {@code s} is a word ({@code [A-Za-z_$][A-Za-z0-9_$-]*}), or with {@code dots} dot-separated words. A
   * loop rather than a regular expression: it runs once per binding at start-up.
   */
  private static boolean isWords(String s, boolean dots) {
    boolean wordStart = true;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$';
      if (wordStart) {
        if (!letter) {
          return false;
        }
        wordStart = false;
      } else if (dots && c == '.') {
        wordStart = true;
      } else if (!letter && !(c >= '0' && c <= '9') && c != '-') {
        return false;
      }
    }
    return !wordStart;
  }

  private IllegalStateException loaded(String what) {
    return new IllegalStateException("cannot " + what + ": module '" + name + "' is already loaded; declare all "
        + "bindings and hooks before loading it");
  }

  /** The binding named {@code name}, or null. */
  final synchronized Binding<?> bindingOrNull(String name) {
    return bindings.get(name);
  }

  final ModuleRegistry registry() {
    return registry;
  }

  final Node<Object> loadNode() {
    return load;
  }

  /**
   * Connects the module to {@code registry}: every binding gets its engine node and its effective eagerness, and
   * the module gets the node whose body is its load. Called once, under the registry's lock.
   */
  final synchronized void attach(ModuleRegistry registry, Graph graph, FnOptions bindingOptions,
      LazinessFilter eagerness) {
    // The filter is the embedder's code: ask it about every binding before attaching any, so that a filter that
    // throws leaves the module as it was (not loaded, free to load again, here or elsewhere).
    boolean[] eager = new boolean[bindings.size()];
    int i = 0;
    for (Binding<?> b : bindings.values()) {
      try {
        eager[i++] = b.isDeclaredEager() || !eagerness.allowsLazy(name, b.name());
      } catch (RuntimeException | Error e) {
        throw new ModuleException("module '" + name + "' failed to load: the registry's laziness filter threw for "
            + "binding '" + b.qualifiedName() + "': " + Errors.text(e), e);
      }
    }
    i = 0;
    for (Binding<?> b : bindings.values()) {
      b.attach(registry, graph, bindingOptions, eager[i++]);
    }
    this.load = graph.computed(name + ".<load>", () -> registry.runLoad(this));
    this.registry = registry;
  }

  final synchronized List<Hook> hooks() {
    return List.copyOf(hooks);
  }

  /** An at-load hook and where it was declared. */
  record Hook(Runnable body, Locations.Site definedAt) {}
}
