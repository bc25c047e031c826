package dev.sloth.module;

import static dev.sloth.module.BindingTest.await;
import static dev.sloth.module.HooksTypesAndIsolationTest.heldOpen;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A resolved binding read where nothing needs recording (outside every definition of its registry) returns its value
 * whatever the registry is doing: before, while one of the registry's definitions ran (start-up, prewarm), such reads
 * went through the engine, which refuses reads on common-pool threads and reads from another registry's definition.
 */
class ResolvedReadsTest {

  /** A new lazy registry with {@code m} loaded. */
  private static ModuleRegistry loaded(LazyModule m) {
    ModuleRegistry registry = ModuleRegistry.builder().mode(ModuleRegistry.Mode.LAZY_AS_DECLARED).build();
    registry.load(m);
    return registry;
  }

  @Test
  void aRequestOnACommonPoolThreadReadsWhatPrewarmAlreadyBuiltWhilePrewarmBuildsTheRest() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    LazyModule m = LazyModule.named("app");
    Binding<String> pool = m.bind("pool", String.class, () -> "pool");
    heldOpen(m, entered, release);
    ModuleRegistry registry = loaded(m);
    assertThat(pool.get()).isEqualTo("pool");
    CompletableFuture<RegistrySnapshot> warm = registry.prewarm();
    try {
      await(entered); // prewarm is inside app.slow's definition
      Object outcome = ForkJoinPool.commonPool().submit(() -> {
        assertThat(Thread.currentThread()).isInstanceOf(ForkJoinWorkerThread.class);
        try {
          return pool.get();
        } catch (RuntimeException e) {
          return e;
        }
      }).get(10, TimeUnit.SECONDS);
      assertThat(outcome).isEqualTo("pool");
    } finally {
      release.countDown();
    }
    assertThat(warm.get(10, TimeUnit.SECONDS).inState(BindingState.PENDING)).isEmpty();
  }

  @Test
  void aResolvedBindingOfAnotherRegistryReadsAsTheConstantItIsWhateverThatRegistryDoes() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    LazyModule otherModule = LazyModule.named("o");
    Binding<Integer> o = otherModule.bind("v", Integer.class, () -> 2);
    heldOpen(otherModule, entered, release);
    loaded(otherModule);
    assertThat(o.get()).isEqualTo(2);

    LazyModule m = LazyModule.named("app");
    Binding<Integer> whileBusy = m.bind("whileBusy", Integer.class, () -> o.get() + 1);
    Binding<Integer> afterwards = m.bind("afterwards", Integer.class, () -> o.get() + 2);
    ModuleRegistry mine = loaded(m);

    Thread definer = Thread.ofPlatform().start(() -> otherModule.binding("slow", String.class).get());
    try {
      await(entered); // a definition of the other registry runs
      assertThat(whileBusy.get()).isEqualTo(3);
    } finally {
      release.countDown();
      definer.join(10_000);
    }
    assertThat(definer.isAlive()).isFalse();
    assertThat(afterwards.get()).as("o.v is not read outside definitions in between").isEqualTo(4);
    assertThat(mine.snapshot().dependencies()).isEmpty(); // registries do not watch each other
  }
}
