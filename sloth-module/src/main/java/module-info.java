/**
 * Lazy modules: named groups of bindings whose definitions run on first read, on top of Sloth's dataflow engine.
 * See {@link dev.sloth.module.ModuleRegistry} and {@link dev.sloth.module.LazyModule}.
 */
module dev.sloth.module {
  requires dev.sloth.core;

  exports dev.sloth.module;
}
