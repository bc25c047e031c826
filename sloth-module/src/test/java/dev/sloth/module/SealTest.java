package dev.sloth.module;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SealTest {
  private final ModuleRegistry registry = ModuleRegistry.builder().mode(ModuleRegistry.Mode.LAZY_AS_DECLARED).build();

  @Test
  void sealResolvesEverythingPendingAndThenRefusesToLoadModules() {
    AtomicInteger runs = new AtomicInteger();
    LazyModule m = LazyModule.named("plugins");
    Binding<Integer> a = m.bind("a", Integer.class, runs::incrementAndGet);
    m.bind("b", Integer.class, runs::incrementAndGet);
    registry.load(m);
    assertThat(runs).hasValue(0);

    RegistrySnapshot sealedState = registry.seal();
    assertThat(registry.isSealed()).isTrue();
    assertThat(runs).hasValue(2);
    assertThat(sealedState.inState(BindingState.RESOLVED)).hasSize(2);
    assertThat(a.get()).isPositive();
    assertThat(runs).hasValue(2);

    assertThatThrownBy(() -> registry.load(LazyModule.named("late"))).isInstanceOf(SealedRegistryException.class)
        .hasMessage("the registry is sealed; cannot load module 'late': load every module before seal()");
    assertThat(registry.seal()).isEqualTo(registry.snapshot()); // sealing again changes nothing
  }

  @Test
  void aBindingThatFailedBeforeTheSealNeverRunsAgain() {
    AtomicInteger attempts = new AtomicInteger();
    LazyModule m = LazyModule.named("app");
    Binding<Integer> broken = m.bind("broken", Integer.class, () -> {
      throw new IllegalStateException("attempt " + attempts.incrementAndGet());
    });
    m.bind("fine", Integer.class, () -> 1);
    registry.load(m);

    assertThatThrownBy(registry::seal).isExactlyInstanceOf(ModuleException.class)
        .hasMessageContaining("the registry is sealed, but 1 of its bindings or loads failed")
        .hasMessageContaining("attempt 1");
    assertThat(registry.isSealed()).isTrue();
    assertThat(registry.snapshot().binding("app.fine").state()).isEqualTo(BindingState.RESOLVED);

    assertThatThrownBy(broken::get).isInstanceOf(SealedRegistryException.class)
        .hasMessage("the registry is sealed: the definition of binding 'app.broken' may not run any more; it failed "
            + "before seal() with java.lang.IllegalStateException: attempt 1")
        .cause().hasMessage("attempt 1");
    assertThat(attempts).hasValue(1);
  }

  @Test
  void inARegistryThatCachesFailuresAFailedBindingRethrowsItsCachedFailureAfterTheSeal() {
    AtomicInteger attempts = new AtomicInteger();
    LazyModule m = LazyModule.named("app");
    Binding<Integer> broken = m.bind("broken", Integer.class, () -> {
      throw new IllegalStateException("attempt " + attempts.incrementAndGet());
    });
    ModuleRegistry caching = ModuleRegistry.builder().mode(ModuleRegistry.Mode.LAZY_AS_DECLARED).cachingFailures()
        .build();
    caching.load(m);
    assertThatThrownBy(caching::seal).isExactlyInstanceOf(ModuleException.class);
    assertThatThrownBy(broken::get).isExactlyInstanceOf(BindingException.class).cause().hasMessage("attempt 1");
    assertThat(attempts).hasValue(1);
  }

  /**
   * A second seal() while the first still resolves does not return before the registry is sealed: its caller may
   * go on to serve requests on the word that no deferred definition runs any more.
   */
  @Test
  void aSealCalledWhileAnotherIsInProgressReturnsOnlyOnceTheRegistryIsSealed() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    LazyModule m = LazyModule.named("plugins");
    HooksTypesAndIsolationTest.heldOpen(m, entered, release);
    registry.load(m);
    Thread first = Thread.ofPlatform().start(registry::seal);
    BindingTest.await(entered); // the first seal() is resolving plugins.slow
    CompletableFuture<Boolean> sealedWhenSecondReturned = new CompletableFuture<>();
    Thread second = Thread.ofPlatform().start(() -> {
      registry.seal();
      sealedWhenSecondReturned.complete(registry.isSealed());
    });
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (second.getState() != Thread.State.WAITING && second.isAlive() && System.nanoTime() < deadline) {
        Thread.onSpinWait(); // until the second seal() waits, or returned
      }
    } finally {
      release.countDown();
    }
    assertThat(sealedWhenSecondReturned.get(10, TimeUnit.SECONDS)).as("sealed when the second seal() returned")
        .isTrue();
    first.join(10_000);
    second.join(10_000);
    assertThat(first.isAlive() || second.isAlive()).isFalse();
  }

  @Test
  void sealCannotBeCalledFromInsideADefinition() {
    LazyModule m = LazyModule.named("app");
    Binding<Object> sneaky = m.bind("sneaky", Object.class, registry::seal);
    registry.load(m);
    assertThatThrownBy(sneaky::get).isInstanceOf(BindingException.class)
        .cause().isInstanceOf(IllegalStateException.class)
        .hasMessage("seal() was called from inside the definition of binding 'app.sneaky'; seal from the code that "
            + "starts the application");
    assertThat(registry.isSealed()).isFalse();
  }
}
