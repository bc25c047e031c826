package dev.sloth.cache;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * How the results of one function (by name) are persisted. Immutable; each method returns a changed copy.
 *
 * <pre>{@code
 * DiskCache cache = DiskCache.builder(dir)
 *     .rule("Now", PersistRule.notPersisted())                          // never stored
 *     .rule("Parse", PersistRule.defaults().version("3"))               // bump by hand when analysis cannot see
 *     .rule("Plugin", PersistRule.defaults().codeIncludes(Plugins.class)) // code reached by reflection
 *     .rule("Tiny", PersistRule.forced())                               // stored even though it is cheap
 *     .build();
 * }</pre>
 *
 * <p>By default a result is stored when the function ran longer than a load from the cache takes (both measured);
 * a cheaper function is simply run again. A value the cache cannot store fails the node with an {@link
 * UnsupportedValueException}, unless the rule {@linkplain #skippingUnsupported() skips} it.
 */
public final class PersistRule {
  private static final PersistRule DEFAULTS = new PersistRule(true, false, false, null, List.of());
  private static final PersistRule NEVER = new PersistRule(false, false, false, null, List.of());

  private final boolean persisted;
  private final boolean forced;
  private final boolean skippingUnsupported;
  private final String version;
  private final List<Class<?>> codeIncludes;

  private PersistRule(boolean persisted, boolean forced, boolean skippingUnsupported, String version,
      List<Class<?>> codeIncludes) {
    this.persisted = persisted;
    this.forced = forced;
    this.skippingUnsupported = skippingUnsupported;
    this.version = version;
    this.codeIncludes = codeIncludes;
  }

  /**
   * Persisted when it costs more to run than to load.
   *
   * @return the default rule
   */
  public static PersistRule defaults() {
    return DEFAULTS;
  }

  /**
   * Never persisted: the function runs in every JVM (clocks, random numbers, reads of the outside world).
   *
   * @return the rule
   */
  public static PersistRule notPersisted() {
    return NEVER;
  }

  /**
   * Persisted however cheap it is.
   *
   * @return the rule
   */
  public static PersistRule forced() {
    return DEFAULTS.force();
  }

  /**
   * This rule, persisting however cheap the function is.
   *
   * @return a changed copy
   */
  public PersistRule force() {
    return new PersistRule(true, true, skippingUnsupported, version, codeIncludes);
  }

  /**
   * This rule with a declared version, part of the code version: change it when the function's behaviour changes
   * in a way the bytecode analysis cannot see (a data file it reads, code reached by reflection).
   *
   * @param version any text; a different one is a different code version
   * @return a changed copy
   */
  public PersistRule version(String version) {
    Objects.requireNonNull(version, "version");
    return new PersistRule(persisted, forced, skippingUnsupported, version, codeIncludes);
  }

  /**
   * This rule with every method of {@code classes} (and what they reach) added to the function's code version.
   *
   * @param classes classes the analysis cannot see the function reach
   * @return a changed copy
   */
  public PersistRule codeIncludes(Class<?>... classes) {
    for (Class<?> c : classes) {
      Objects.requireNonNull(c, "codeIncludes was given a null class");
    }
    Class<?>[] all = java.util.stream.Stream.concat(codeIncludes.stream(), Arrays.stream(classes))
        .toArray(Class<?>[]::new);
    return new PersistRule(persisted, forced, skippingUnsupported, version, List.of(all));
  }

  /**
   * This rule, leaving a value the cache cannot store unstored (with one warning) instead of failing the node.
   *
   * @return a changed copy
   */
  public PersistRule skippingUnsupported() {
    return new PersistRule(persisted, forced, true, version, codeIncludes);
  }

  boolean isPersisted() {
    return persisted;
  }

  boolean isForced() {
    return forced;
  }

  boolean isSkippingUnsupported() {
    return skippingUnsupported;
  }

  String declaredVersion() {
    return version;
  }

  List<Class<?>> codeIncludes() {
    return codeIncludes;
  }

  @Override
  public String toString() {
    if (!persisted) {
      return "PersistRule[notPersisted]";
    }
    return "PersistRule[" + (forced ? "forced" : "when slower than a load")
        + (version != null ? ", version " + version : "")
        + (codeIncludes.isEmpty() ? "" : ", codeIncludes " + codeIncludes.stream().map(Class::getName).toList())
        + (skippingUnsupported ? ", skipping unsupported values" : "") + "]";
  }
}
