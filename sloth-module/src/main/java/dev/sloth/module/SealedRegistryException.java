package dev.sloth.module;

/**
 * Thrown when a {@linkplain ModuleRegistry#seal() sealed} registry is asked to run a deferred definition (a binding
 * that failed before the seal) or to load a module.
 *
 * <pre>{@code
 * registry.seal();
 * registry.load(new Plugin());   // SealedRegistryException: the registry is sealed; cannot load module 'plugin'
 * }</pre>
 */
public final class SealedRegistryException extends ModuleException {
  private static final long serialVersionUID = 1L;

  SealedRegistryException(String message, Throwable cause) {
    super(message, cause);
  }
}
