/**
 * Lazy modules: named groups of {@link dev.sloth.module.Binding}s whose definitions run on first read, exactly
 * once, loaded by a {@link dev.sloth.module.ModuleRegistry} that decides from the outside what may stay lazy
 * ({@link dev.sloth.module.LazinessFilter}, {@link dev.sloth.module.ModuleRegistry.Mode}), seals, prewarms and
 * takes {@link dev.sloth.module.RegistrySnapshot}s.
 *
 * <pre>{@code
 * LazyModule db = LazyModule.named("db");
 * Binding<String> url = db.bind("url", String.class, () -> System.getenv().getOrDefault("DB_URL", "jdbc:h2:mem:"));
 * ModuleRegistry registry = ModuleRegistry.create();
 * registry.load(db);
 * url.get();   // runs the definition now, once
 * }</pre>
 */
package dev.sloth.module;
