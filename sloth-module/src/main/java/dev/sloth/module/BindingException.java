package dev.sloth.module;

import java.util.List;

/**
 * Thrown by {@link Binding#get()} when the definition of the binding, or of a binding it (transitively) read,
 * threw. It says where: the failed binding's module and name, where it was defined (captured when it was bound),
 * where it was first read, and the path of bindings from the one requested to the one that failed. The cause is
 * exactly what the definition threw.
 *
 * <pre>{@code
 * try {
 *   handler.get();
 * } catch (BindingException e) {
 *   // binding 'db.pool' failed: java.net.ConnectException: refused
 *   //   defined at    app.Db.<init>(Db.java:14)
 *   //   first read at app.Main.main(Main.java:30)
 *   //   read via      web.handler -> db.pool
 *   e.binding();      // "pool"
 *   e.getCause();     // the ConnectException
 * }
 * }</pre>
 */
public final class BindingException extends ModuleException {
  private static final long serialVersionUID = 1L;

  /** The name of the failing binding's module. */
  private final String module;
  /** The failing binding's name within its module. */
  private final String binding;
  /** Where the failing binding was defined, or null. */
  private final StackTraceElement definedAt;
  /** Where the failing binding was first read, or null. */
  private final StackTraceElement firstReadAt;
  /** The bindings read on the way to the failing one, ending with it. */
  private final List<String> path;

  private BindingException(String module, String binding, StackTraceElement definedAt,
      StackTraceElement firstReadAt, List<String> path, Throwable cause) {
    super(message(module + "." + binding, definedAt, firstReadAt, path, cause), cause);
    this.module = module;
    this.binding = binding;
    this.definedAt = definedAt;
    this.firstReadAt = firstReadAt;
    this.path = List.copyOf(path);
  }

  /** The error of {@code failed}, whose definition threw {@code cause}, reached through {@code path}. */
  static BindingException of(Binding<?> failed, List<String> path, Throwable cause) {
    return new BindingException(failed.module().name(), failed.name(), failed.definedAt(), failed.firstReadAt(),
        path, cause);
  }

  /** The same failure reached from further away: {@code prefix} (ending with the reader) comes before the path. */
  BindingException via(List<String> prefix) {
    List<String> longer = new java.util.ArrayList<>(prefix);
    longer.addAll(path);
    return new BindingException(module, binding, definedAt, firstReadAt, longer, getCause());
  }

  /**
   * The name of the module whose binding failed.
   *
   * @return the name of the module whose binding failed
   */
  public String module() {
    return module;
  }

  /**
   * The name of the binding whose definition threw.
   *
   * @return the name of the binding whose definition threw
   */
  public String binding() {
    return binding;
  }

  /**
   * Where the failed binding was bound, or null if no application frame was on the stack.
   *
   * @return where the failed binding was bound, or null if no application frame was on the stack
   */
  public StackTraceElement definedAt() {
    return definedAt;
  }

  /**
   * Where the failed binding was first read, or null if no application frame was on the stack (prewarm, seal).
   *
   * @return where the failed binding was first read, or null if no application frame was on the stack (prewarm, seal)
   */
  public StackTraceElement firstReadAt() {
    return firstReadAt;
  }

  /**
   * The qualified names ({@code module.binding}) from the binding that was read to the one that failed; the names
   * of module loads ({@code module.<load>}) appear when the read came from loading a module.
   *
   * @return the qualified names ({@code module.binding}) from the binding that was read to the one that failed; the
   *     names of module loads ({@code module.<load>}) appear when the read came from loading a module
   */
  public List<String> path() {
    return path;
  }

  private static String message(String qualifiedName, StackTraceElement definedAt, StackTraceElement firstReadAt,
      List<String> path, Throwable cause) {
    StringBuilder b = new StringBuilder("binding '").append(qualifiedName).append("' failed: ").append(Errors.text(cause))
        .append("\n  defined at    ").append(Locations.format(definedAt))
        .append("\n  first read at ").append(firstReadAt == null
            ? "(no application frame: read by prewarm() or seal())" : Locations.format(firstReadAt));
    if (path.size() > 1) {
      b.append("\n  read via      ").append(String.join(" -> ", path));
    }
    return b.toString();
  }
}
