package dev.sloth.module;

import java.util.Objects;
import java.util.Set;

/**
 * A registry-wide decision, made from the outside, on which bindings may stay lazy. A binding stays lazy only when
 * its module declared it lazy, the registry's mode is {@link ModuleRegistry.Mode#LAZY_AS_DECLARED}, and this filter
 * allows it: a filter can force eagerness where a module opted in to laziness, never the other way round (a binding
 * declared eager has a reason to be).
 *
 * <pre>{@code
 * ModuleRegistry r = ModuleRegistry.builder()
 *     .filter(LazinessFilter.eagerModules("plugins", "security"))   // these never defer anything
 *     .build();
 * ModuleRegistry s = ModuleRegistry.builder()
 *     .filter((module, binding) -> !binding.startsWith("migration"))
 *     .build();
 * }</pre>
 */
@FunctionalInterface
public interface LazinessFilter {

  /**
   * Whether binding {@code binding} of module {@code module} may stay lazy; false makes it eager.
   *
   * @param module the module's name
   * @param binding the binding's name within its module
   * @return whether binding {@code binding} of module {@code module} may stay lazy; false makes it eager
   */
  boolean allowsLazy(String module, String binding);

  /**
   * Allows laziness everywhere it was declared (the default).
   *
   * @return a filter that allows laziness everywhere it was declared (the default)
   */
  static LazinessFilter allowAll() {
    return (module, binding) -> true;
  }

  /**
   * Makes every binding of the named modules eager.
   *
   * @param moduleNames the modules that never defer a binding
   * @return a filter that makes every binding of the named modules eager
   */
  static LazinessFilter eagerModules(String... moduleNames) {
    Set<String> eager = Set.of(Objects.requireNonNull(moduleNames, "moduleNames"));
    return (module, binding) -> !eager.contains(module);
  }
}
