package dev.sloth.cache;

/**
 * A value, argument or captured value the cache cannot store or fingerprint; the message names the class and where
 * it sits ({@code "argument 1 of 'Load'.origin"}). The engine reports it as the failure of the node at fault.
 *
 * <pre>{@code
 * DiskCache cache = DiskCache.builder(dir).register(Point.class).build();   // records and enums opt in
 * }</pre>
 */
public final class UnsupportedValueException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  UnsupportedValueException(String message) {
    super(message);
  }
}
