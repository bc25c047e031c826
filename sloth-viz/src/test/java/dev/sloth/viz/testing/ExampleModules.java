package dev.sloth.viz.testing;

import dev.sloth.module.Binding;
import dev.sloth.module.BindingState;
import dev.sloth.module.LazyModule;
import dev.sloth.module.ModuleRegistry;
import dev.sloth.module.RegistrySnapshot.BindingInfo;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The tour's two modules with run counts: db.config, db.pool (reads config), db.reports (never read), web.handler
 * (reads pool); plus records of bindings for hand-made snapshots. Shared by the tests of sloth-viz and
 * sloth-jgrapht.
 */
public final class ExampleModules {
  public final AtomicInteger runs = new AtomicInteger();
  public final ModuleRegistry registry = ModuleRegistry.builder().mode(ModuleRegistry.Mode.LAZY_AS_DECLARED).build();
  public final LazyModule db = LazyModule.named("db");
  public final Binding<String> config = db.bind("config", String.class, () -> count("jdbc:h2:mem"));
  public final Binding<String> pool = db.bind("pool", String.class, () -> count("Pool(" + config.get() + ")"));
  public final Binding<String> reports = db.bind("reports", String.class, () -> count("Reports"));
  public final LazyModule web = LazyModule.named("web");
  public final Binding<String> handler = web.bind("handler", String.class, () -> count("Handler[" + pool.get() + "]"));

  public ExampleModules() {
    registry.load(db);
    registry.load(web);
  }

  private String count(String v) {
    runs.incrementAndGet();
    return v;
  }

  /** A hand-made binding record; resolved ones took {@code millis} of their own time. */
  public static BindingInfo info(String module, String name, BindingState state, boolean eager, double millis) {
    Duration t = state == BindingState.RESOLVED ? Duration.ofNanos((long) (millis * 1e6)) : null;
    return new BindingInfo(module, name, "java.lang.String", state, eager, null, null, t, t, null);
  }
}
