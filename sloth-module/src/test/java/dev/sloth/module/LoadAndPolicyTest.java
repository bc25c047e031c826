package dev.sloth.module;

import static dev.sloth.module.BindingTest.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LoadAndPolicyTest {
  private static ModuleRegistry lazyRegistry() {
    return ModuleRegistry.builder().mode(ModuleRegistry.Mode.LAZY_AS_DECLARED).build();
  }

  /** A module with an eager binding, a lazy one and a hook, all logging what runs into {@code log}. */
  private static final class Service extends LazyModule {
    final Binding<String> metrics;
    final Binding<String> pool;
    final Binding<String> cache;

    Service(List<String> log) {
      super("service");
      metrics = bindEager("metrics", String.class, () -> add(log, "metrics"));
      pool = bind("pool", String.class, () -> add(log, "pool"));
      cache = bind("cache", String.class, () -> add(log, "cache"));
      atLoad(() -> log.add("hook:" + pool.get()));
    }
  }

  private static String add(List<String> log, String s) {
    log.add(s);
    return s;
  }

  @Test
  void loadingResolvesEagerBindingsThenRunsTheHookWhichCanForceBindings() {
    List<String> log = new CopyOnWriteArrayList<>();
    Service s = new Service(log);
    assertThat(log).isEmpty();
    assertThat(s.isLoaded()).isFalse();

    lazyRegistry().load(s);
    assertThat(log).containsExactly("metrics", "pool", "hook:pool");
    assertThat(s.isLoaded()).isTrue();
    assertThat(s.cache.state()).isEqualTo(BindingState.PENDING);
    assertThat(s.metrics.isEager()).isTrue();
    assertThat(s.pool.isEager()).isFalse();
  }

  @Test
  void theHookRunsExactlyOnceHoweverOftenAndFromHowManyThreadsTheModuleIsLoaded() throws Exception {
    AtomicInteger hookRuns = new AtomicInteger();
    CountDownLatch allLoading = new CountDownLatch(8);
    LazyModule m = LazyModule.named("app").atLoad(() -> {
      hookRuns.incrementAndGet();
      await(allLoading);
    });
    ModuleRegistry registry = lazyRegistry();
    CyclicBarrier start = new CyclicBarrier(8);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<LazyModule>> loads = new java.util.ArrayList<>();
      for (int i = 0; i < 8; i++) {
        loads.add(pool.submit(() -> {
          start.await();
          allLoading.countDown();
          return registry.load(m);
        }));
      }
      for (Future<LazyModule> f : loads) {
        assertThat(f.get(10, TimeUnit.SECONDS)).isSameAs(m);
      }
    } finally {
      pool.shutdownNow();
    }
    registry.load(m);
    assertThat(hookRuns).hasValue(1);
    assertThat(registry.modules()).containsExactly(m);
    assertThat(registry.module("app")).containsSame(m);
  }

  @Test
  void aFailingHookFailsTheLoadNamingTheModuleAndWhereTheHookWasDeclaredAndALaterLoadTriesAgain() {
    AtomicInteger attempts = new AtomicInteger();
    LazyModule m = LazyModule.named("migrations");
    int hookLine = nextLine();
    m.atLoad(() -> {
      if (attempts.incrementAndGet() == 1) {
        throw new IllegalStateException("database locked");
      }
    });
    ModuleRegistry registry = lazyRegistry();
    assertThatThrownBy(() -> registry.load(m)).isExactlyInstanceOf(ModuleException.class)
        .hasMessageContaining("module 'migrations' failed to load: its at-load hook (defined at ")
        .hasMessageContaining("LoadAndPolicyTest.java:" + hookLine)
        .hasMessageContaining("database locked")
        .cause().isInstanceOf(IllegalStateException.class);
    assertThat(m.isLoaded()).isFalse();

    registry.load(m);
    assertThat(m.isLoaded()).isTrue();
    assertThat(attempts).hasValue(2);
    registry.load(m);
    assertThat(attempts).hasValue(2);
  }

  @Test
  void aFailingEagerBindingFailsTheLoadNamingTheBinding() {
    LazyModule m = LazyModule.named("app");
    m.bindEager("broken", String.class, () -> {
      throw new IllegalArgumentException("no such file");
    });
    assertThatThrownBy(() -> lazyRegistry().load(m)).isExactlyInstanceOf(ModuleException.class)
        .hasMessageContaining("module 'app' failed to load: its eager binding 'broken' failed")
        .cause().isInstanceOf(BindingException.class)
        .hasMessageContaining("binding 'app.broken' failed: java.lang.IllegalArgumentException: no such file");
  }

  @Test
  void allEagerModeResolvesEveryBindingAtLoadSoStartUpFailsEarly() {
    List<String> log = new CopyOnWriteArrayList<>();
    ModuleRegistry registry = ModuleRegistry.builder().mode(ModuleRegistry.Mode.ALL_EAGER).build();
    Service s = registry.load(new Service(log));
    assertThat(log).containsExactly("metrics", "pool", "cache", "hook:pool");
    assertThat(s.cache.isEager()).isTrue();
    assertThat(registry.snapshot().inState(BindingState.RESOLVED)).hasSize(3);

    LazyModule broken = LazyModule.named("broken");
    broken.bind("lazyButBroken", String.class, () -> {
      throw new IllegalStateException("bad config");
    });
    assertThatThrownBy(() -> registry.load(broken)).isInstanceOf(ModuleException.class)
        .hasMessageContaining("eager binding 'lazyButBroken' failed").hasMessageContaining("bad config");
  }

  @Test
  void theFilterForcesEagernessWhereAModuleOptedInToLazinessButCannotMakeAnEagerBindingLazy() {
    List<String> log = new CopyOnWriteArrayList<>();
    ModuleRegistry registry = ModuleRegistry.builder()
        .mode(ModuleRegistry.Mode.LAZY_AS_DECLARED)
        .filter((module, binding) -> !binding.equals("cache") && !binding.equals("metrics"))
        .build();
    Service s = registry.load(new Service(log));
    assertThat(log).containsExactly("metrics", "cache", "pool", "hook:pool");
    assertThat(s.cache.isEager()).isTrue();

    List<String> log2 = new CopyOnWriteArrayList<>();
    ModuleRegistry onlyLazy = ModuleRegistry.builder().mode(ModuleRegistry.Mode.LAZY_AS_DECLARED)
        .filter((module, binding) -> true).build();
    onlyLazy.load(new Service(log2));
    assertThat(log2).contains("metrics"); // declared eager stays eager
  }

  @Test
  void aFilterThatThrowsFailsTheLoadNamingTheBindingAndLeavesTheModuleUnloaded() {
    IllegalStateException broken = new IllegalStateException("filter broken");
    ModuleRegistry registry = ModuleRegistry.builder().mode(ModuleRegistry.Mode.LAZY_AS_DECLARED)
        .filter((module, binding) -> {
          if (binding.equals("b")) {
            throw broken;
          }
          return true;
        }).build();
    AtomicInteger runs = new AtomicInteger();
    LazyModule m = LazyModule.named("app");
    Binding<Integer> a = m.bind("a", Integer.class, runs::incrementAndGet);
    m.bind("b", Integer.class, runs::incrementAndGet);

    assertThatThrownBy(() -> registry.load(m)).isExactlyInstanceOf(ModuleException.class)
        .hasMessage("module 'app' failed to load: the registry's laziness filter threw for binding 'app.b': "
            + "java.lang.IllegalStateException: filter broken")
        .hasCauseReference(broken);
    assertThat(registry.modules()).isEmpty();
    assertThatThrownBy(a::get).as("no binding of the module is attached to the registry")
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("module 'app' is not loaded");
    assertThat(runs).hasValue(0);

    ModuleRegistry other = lazyRegistry();
    other.load(m);
    assertThat(a.get()).isEqualTo(1);
    assertThat(other.snapshot().binding("app.a").state()).isEqualTo(BindingState.RESOLVED);
  }

  @Test
  void eagerModulesFilterMakesWholeModulesEager() {
    AtomicInteger runs = new AtomicInteger();
    ModuleRegistry registry = ModuleRegistry.builder().mode(ModuleRegistry.Mode.LAZY_AS_DECLARED)
        .filter(LazinessFilter.eagerModules("plugins")).build();
    LazyModule plugins = LazyModule.named("plugins");
    plugins.bind("a", Integer.class, runs::incrementAndGet);
    LazyModule app = LazyModule.named("app");
    app.bind("b", Integer.class, runs::incrementAndGet);
    registry.load(plugins);
    registry.load(app);
    assertThat(runs).hasValue(1);
    assertThat(registry.snapshot().binding("plugins.a").state()).isEqualTo(BindingState.RESOLVED);
    assertThat(registry.snapshot().binding("app.b").state()).isEqualTo(BindingState.PENDING);
  }

  @Test
  void theModeComesFromTheSystemPropertyWhenTheBuilderSetsNone() {
    String saved = System.getProperty(ModuleRegistry.MODE_PROPERTY);
    try {
      System.setProperty(ModuleRegistry.MODE_PROPERTY, "eager");
      assertThat(ModuleRegistry.create().mode()).isEqualTo(ModuleRegistry.Mode.ALL_EAGER);
      System.setProperty(ModuleRegistry.MODE_PROPERTY, " LAZY ");
      assertThat(ModuleRegistry.create().mode()).isEqualTo(ModuleRegistry.Mode.LAZY_AS_DECLARED);
      assertThat(ModuleRegistry.builder().mode(ModuleRegistry.Mode.ALL_EAGER).build().mode())
          .isEqualTo(ModuleRegistry.Mode.ALL_EAGER);
      System.setProperty(ModuleRegistry.MODE_PROPERTY, "sometimes");
      assertThatThrownBy(ModuleRegistry::create).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("system property sloth.module.mode is 'sometimes'; expected 'lazy' or 'eager'");
    } finally {
      if (saved == null) {
        System.clearProperty(ModuleRegistry.MODE_PROPERTY);
      } else {
        System.setProperty(ModuleRegistry.MODE_PROPERTY, saved);
      }
    }
    assertThat(ModuleRegistry.Mode.parse("all_eager", "environment variable SLOTH_MODULE_MODE"))
        .isEqualTo(ModuleRegistry.Mode.ALL_EAGER);
    assertThatThrownBy(() -> ModuleRegistry.Mode.parse("x", "environment variable SLOTH_MODULE_MODE"))
        .hasMessage("environment variable SLOTH_MODULE_MODE is 'x'; expected 'lazy' or 'eager'");
  }

  @Test
  void moduleNamesAreUniqueInARegistryAndAModuleBelongsToOneRegistry() {
    ModuleRegistry registry = lazyRegistry();
    LazyModule first = registry.load(LazyModule.named("db"));
    assertThatThrownBy(() -> registry.load(LazyModule.named("db"))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("a different module named 'db' is already loaded");
    assertThatThrownBy(() -> lazyRegistry().load(first)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("module 'db' is already loaded in another registry");
    assertThatThrownBy(() -> registry.load(null)).isInstanceOf(NullPointerException.class)
        .hasMessage("the module to load is null");
  }

  @Test
  void aBindingCanLoadAModuleLazilyAndTheLoadIsPartOfItsFirstRead() {
    ModuleRegistry registry = lazyRegistry();
    AtomicInteger hookRuns = new AtomicInteger();
    LazyModule heavy = LazyModule.named("heavy").atLoad(hookRuns::incrementAndGet);
    Binding<Integer> model = heavy.bind("model", Integer.class, () -> 42);
    LazyModule app = LazyModule.named("app");
    Binding<Integer> answer = app.bind("answer", Integer.class, () -> registry.load(heavy) == heavy ? model.get() : 0);
    registry.load(app);
    assertThat(registry.module("heavy")).isEmpty();
    assertThat(answer.get()).isEqualTo(42);
    assertThat(hookRuns).hasValue(1);
    assertThat(registry.module("heavy")).containsSame(heavy);
  }

  /** The line number after the caller's. */
  static int nextLine() {
    return StackWalker.getInstance().walk(s -> s.skip(1).findFirst().orElseThrow().getLineNumber()) + 1;
  }
}
