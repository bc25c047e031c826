package dev.sloth.tour;

import dev.sloth.jgrapht.RegistryGraphs;
import dev.sloth.module.Binding;
import dev.sloth.module.BindingCycleException;
import dev.sloth.module.LazyModule;
import dev.sloth.module.ModuleRegistry;
import dev.sloth.module.RegistrySnapshot;
import dev.sloth.viz.DrawResult;
import dev.sloth.viz.Drawer;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jgrapht.Graph;

/**
 * Lazy modules: loading runs only the at-load hook, a binding resolves on first use, the graph (printed, as JGraphT,
 * drawn as modules.svg), a cycle error.
 */
final class ModuleSection implements Section {
  @Override
  public String title() {
    return "Modules: lazy bindings";
  }

  @Override
  public void run(Out out) throws Exception {
    AtomicInteger built = new AtomicInteger();
    ModuleRegistry registry = ModuleRegistry.builder().mode(ModuleRegistry.Mode.LAZY_AS_DECLARED).build();

    LazyModule db = LazyModule.named("db");
    Binding<String> config = db.bind("config", String.class, () -> {
      built.incrementAndGet();
      return "jdbc:h2:mem:tour";
    });
    Binding<String> pool = db.bind("pool", String.class, () -> {
      built.incrementAndGet();
      spin(40);   // an expensive component: 40 ms of work
      return "Pool(" + config.get() + ")";
    });
    db.bind("reports", String.class, () -> {
      built.incrementAndGet();
      spin(200);  // never used by this run: never paid for
      return "Reports";
    });
    db.atLoad(() -> out.line("at-load hook of 'db' runs (listeners, schedulers): once, at load"));

    LazyModule web = LazyModule.named("web");
    Binding<String> handler = web.bind("handler", String.class, () -> {
      built.incrementAndGet();
      return "Handler[" + pool.get() + "]";
    });

    out.time("registry.load(db), load(web)", () -> {
      registry.load(db);
      return registry.load(web).name();
    });
    out.line("components built after loading: %d of 4", built.get());
    out.time("handler.get()  (first use)", handler::get);
    out.time("handler.get()  (resolved: a field read)", handler::get);
    out.line("components built now: %d of 4 (db.reports is still pending)", built.get());

    out.blank();
    out.line("the recorded dependency graph:");
    RegistrySnapshot s = registry.snapshot();
    for (RegistrySnapshot.BindingInfo b : s.bindings()) {
      out.line("  %-12s %-9s %s", b.qualifiedName(), b.state(),
          b.computeTime() == null ? "" : String.format("computed in %.1f ms", b.computeTime().toNanos() / 1e6));
    }
    for (RegistrySnapshot.Dependency d : s.dependencies()) {
      out.line("  %s -> %s", d.from(), d.to());
    }
    Graph<RegistrySnapshot.BindingInfo, RegistrySnapshot.Dependency> jg = RegistryGraphs.toJGraphT(s);
    out.line("JGraphT: %d bindings, %d edges; web.handler needs %s", jg.vertexSet().size(), jg.edgeSet().size(),
        RegistryGraphs.ancestors(jg, RegistryGraphs.vertex(jg, "web.handler")).stream()
            .map(RegistrySnapshot.BindingInfo::qualifiedName).toList());
    DrawResult drawn = Drawer.defaults().withTitle("modules after handler.get()")
        .drawModules(s, out.dir().resolve("modules.svg"));
    out.line("%s", drawn.message());

    out.blank();
    LazyModule loop = LazyModule.named("loop");
    AtomicReference<Binding<Integer>> c = new AtomicReference<>();
    Binding<Integer> a = loop.bind("a", Integer.class, () -> c.get().get() + 1);
    Binding<Integer> b = loop.bind("b", Integer.class, () -> a.get() + 1);
    c.set(loop.bind("c", Integer.class, () -> b.get() + 1));
    registry.load(loop);
    try {
      a.get();
    } catch (BindingCycleException e) {
      out.line("a cycle is reported, not waited on:");
      for (String line : e.getMessage().split("\n")) {
        out.line("  " + line);
      }
    }
  }

  private static void spin(long millis) {
    long end = System.nanoTime() + millis * 1_000_000;
    while (System.nanoTime() < end) {
      Thread.onSpinWait();
    }
  }
}
