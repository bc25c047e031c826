package dev.sloth.module;

/**
 * A failure of Sloth modules: a module that could not load, or (as the subclasses) a binding whose definition
 * failed, a dependency cycle between bindings, or a refusal by a sealed registry.
 *
 * <pre>{@code
 * try {
 *   registry.load(new Db());
 * } catch (ModuleException e) {
 *   log.error(e.getMessage());   // module 'db' failed to load: its at-load hook (defined at Db.java:20) threw ...
 * }
 * }</pre>
 */
public class ModuleException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  ModuleException(String message, Throwable cause) {
    super(message, cause);
  }
}
