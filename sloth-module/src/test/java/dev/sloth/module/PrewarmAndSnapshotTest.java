package dev.sloth.module;

import static dev.sloth.module.BindingTest.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PrewarmAndSnapshotTest {
  private final ModuleRegistry registry = ModuleRegistry.builder().mode(ModuleRegistry.Mode.LAZY_AS_DECLARED).build();

  @Test
  void theSnapshotShowsStatesTimesAndTheRecordedDependencyGraph() {
    LazyModule db = LazyModule.named("db");
    Binding<String> config = db.bind("config", String.class, () -> "cfg");
    Binding<String> pool = db.bind("pool", String.class, () -> "pool(" + config.get() + ")");
    db.bind("unused", String.class, () -> "u");
    LazyModule web = LazyModule.named("web");
    Binding<String> handler = web.bind("handler", String.class, () -> "handler(" + pool.get() + ")");
    registry.load(db);
    registry.load(web);
    handler.get();

    RegistrySnapshot s = registry.snapshot();
    assertThat(s.bindings()).extracting(RegistrySnapshot.BindingInfo::qualifiedName)
        .containsExactly("db.config", "db.pool", "db.unused", "web.handler");
    assertThat(s.bindings()).extracting(RegistrySnapshot.BindingInfo::state).containsExactly(
        BindingState.RESOLVED, BindingState.RESOLVED, BindingState.PENDING, BindingState.RESOLVED);
    assertThat(s.dependencies()).containsExactly(
        new RegistrySnapshot.Dependency("db.pool", "db.config"),
        new RegistrySnapshot.Dependency("web.handler", "db.pool"));
    assertThat(s.binding("db.pool").computeTime()).isNotNull();
    assertThat(s.binding("db.unused").computeTime()).isNull();
    assertThat(s.binding("db.pool").type()).isEqualTo("java.lang.String");
    assertThat(s.binding("db.pool").definedAt().getFileName()).isEqualTo("PrewarmAndSnapshotTest.java");
    assertThat(s.binding("web.handler").firstReadAt().getMethodName())
        .isEqualTo("theSnapshotShowsStatesTimesAndTheRecordedDependencyGraph");
    assertThat(s.bindings()).isUnmodifiable();
  }

  @Test
  void prewarmResolvesEveryPendingBindingInTheBackgroundExactlyOnce() throws Exception {
    AtomicInteger runs = new AtomicInteger();
    LazyModule m = LazyModule.named("app");
    Binding<Integer> base = m.bind("base", Integer.class, runs::incrementAndGet);
    for (int i = 0; i < 20; i++) {
      m.bind("part" + i, Integer.class, () -> base.get() + runs.incrementAndGet());
    }
    registry.load(m);
    RegistrySnapshot after = registry.prewarm().get(10, TimeUnit.SECONDS);
    assertThat(after.inState(BindingState.RESOLVED)).hasSize(21);
    assertThat(runs).hasValue(21);
    assertThat(after.dependenciesOf("app.part7")).containsExactly("app.base");
    assertThat(after.binding("app.part7").firstReadAt()).isNull(); // read by prewarm, not by the application
  }

  @Test
  void aReadOfABindingThatPrewarmIsBuildingWaitsForItInsteadOfBuildingItTwice() throws Exception {
    AtomicInteger runs = new AtomicInteger();
    CountDownLatch building = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    LazyModule m = LazyModule.named("app");
    Binding<Integer> model = m.bind("model", Integer.class, () -> {
      building.countDown();
      await(release);
      return runs.incrementAndGet();
    });
    registry.load(m);
    var warm = registry.prewarm();
    await(building);
    java.util.concurrent.CompletableFuture<Integer> read = new java.util.concurrent.CompletableFuture<>();
    Thread reader = new Thread(() -> {
      try {
        read.complete(model.get());
      } catch (Throwable t) {
        read.completeExceptionally(t);
      }
    });
    reader.start();
    release.countDown();
    reader.join(10_000);
    assertThat(reader.isAlive()).as("the reader's get() returned within 10 s of the release").isFalse();
    assertThat(read).as("the reader's value").isCompletedWithValue(1);
    warm.get(10, TimeUnit.SECONDS);
    assertThat(runs).hasValue(1);
  }

  @Test
  void prewarmGoesOnPastFailuresAndShowsThemInItsSnapshot() throws Exception {
    LazyModule m = LazyModule.named("app");
    m.bind("broken", Integer.class, () -> {
      throw new IllegalStateException("no");
    });
    m.bind("fine", Integer.class, () -> 1);
    registry.load(m);
    RegistrySnapshot s = registry.prewarm(Runnable::run).get();
    assertThat(s.inState(BindingState.FAILED)).extracting(RegistrySnapshot.BindingInfo::name)
        .isEqualTo(List.of("broken"));
    assertThat(s.binding("app.broken").failure()).isEqualTo("java.lang.IllegalStateException: no");
    assertThat(s.binding("app.fine").state()).isEqualTo(BindingState.RESOLVED);
  }
}
