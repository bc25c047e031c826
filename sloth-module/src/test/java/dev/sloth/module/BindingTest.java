package dev.sloth.module;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BindingTest {
  private final ModuleRegistry registry = ModuleRegistry.builder().mode(ModuleRegistry.Mode.LAZY_AS_DECLARED).build();

  @Test
  void aBindingRunsOnlyOnFirstReadAndThenReturnsTheCachedValue() {
    AtomicInteger runs = new AtomicInteger();
    LazyModule m = LazyModule.named("app");
    Binding<StringBuilder> b = m.bind("b", StringBuilder.class, () -> {
      runs.incrementAndGet();
      return new StringBuilder("built");
    });
    registry.load(m);
    assertThat(runs).hasValue(0);
    assertThat(b.state()).isEqualTo(BindingState.PENDING);

    StringBuilder first = b.get();
    assertThat(first).hasToString("built");
    assertThat(b.get()).isSameAs(first);
    assertThat(b.get()).isSameAs(first);
    assertThat(runs).hasValue(1);
    assertThat(b.state()).isEqualTo(BindingState.RESOLVED);
    assertThat(b.computeTime()).isNotNull();
  }

  @Test
  void onlyTheBindingsAReadNeedsAreComputed() {
    AtomicInteger configRuns = new AtomicInteger();
    AtomicInteger poolRuns = new AtomicInteger();
    AtomicInteger unusedRuns = new AtomicInteger();
    LazyModule m = LazyModule.named("db");
    Binding<String> config = m.bind("config", String.class, () -> "url-" + configRuns.incrementAndGet());
    Binding<String> pool = m.bind("pool", String.class, () -> "pool(" + config.get() + ")#" + poolRuns.incrementAndGet());
    m.bind("unused", String.class, () -> "x" + unusedRuns.incrementAndGet());
    registry.load(m);

    assertThat(pool.get()).isEqualTo("pool(url-1)#1");
    assertThat(pool.get()).isEqualTo("pool(url-1)#1");
    assertThat(config.get()).isEqualTo("url-1");
    assertThat(List.of(configRuns.get(), poolRuns.get(), unusedRuns.get())).containsExactly(1, 1, 0);
  }

  @Test
  void readsInsideADefinitionAreRecordedAsDependenciesEvenOfResolvedBindings() {
    LazyModule m = LazyModule.named("app");
    Binding<Integer> config = m.bindEager("config", Integer.class, () -> 7);
    Binding<Integer> other = m.bind("other", Integer.class, () -> 1);
    Binding<Integer> pool = m.bind("pool", Integer.class, () -> config.get() + other.get());
    registry.load(m);
    assertThat(config.state()).isEqualTo(BindingState.RESOLVED);
    assertThat(config.get()).isEqualTo(7); // resolved: the field-read path from here

    assertThat(pool.get()).isEqualTo(8);
    assertThat(registry.snapshot().dependenciesOf("app.pool")).containsExactly("app.config", "app.other");
    assertThat(registry.snapshot().dependenciesOf("app.config")).isEmpty();
  }

  @Test
  void sixtyFourThreadsReadingAtOnceRunTheDefinitionExactlyOnce() throws Exception {
    int threads = 64;
    AtomicInteger runs = new AtomicInteger();
    CountDownLatch allReading = new CountDownLatch(threads);
    LazyModule m = LazyModule.named("app");
    Binding<Object> b = m.bind("b", Object.class, () -> {
      runs.incrementAndGet();
      await(allReading); // finish only when every thread has called get()
      return new Object();
    });
    registry.load(m);
    CyclicBarrier start = new CyclicBarrier(threads);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Object>> reads = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        reads.add(pool.submit(() -> {
          start.await();
          allReading.countDown();
          return b.get();
        }));
      }
      Object first = reads.get(0).get(10, TimeUnit.SECONDS);
      for (Future<Object> f : reads) {
        assertThat(f.get(10, TimeUnit.SECONDS)).isSameAs(first);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(runs).hasValue(1);
  }

  @Test
  void theStateIsResolvingWhileTheDefinitionRuns() throws Exception {
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    LazyModule m = LazyModule.named("app");
    Binding<String> b = m.bind("b", String.class, () -> {
      inside.countDown();
      await(release);
      return "done";
    });
    registry.load(m);
    Thread reader = new Thread(b::get);
    reader.start();
    await(inside);
    assertThat(b.state()).isEqualTo(BindingState.RESOLVING);
    assertThat(registry.snapshot().binding("app.b").state()).isEqualTo(BindingState.RESOLVING);
    release.countDown();
    reader.join(10_000);
    assertThat(reader.isAlive()).as("the reader's get() returned within 10 s of the release").isFalse();
    assertThat(b.state()).isEqualTo(BindingState.RESOLVED);
  }

  @Test
  void computeTimeLeavesOutTheTimeSpentReadingOtherBindings() {
    LazyModule m = LazyModule.named("app");
    Binding<Long> slow = m.bind("slow", Long.class, () -> spin(30_000_000L));
    Binding<Long> fast = m.bind("fast", Long.class, () -> slow.get() + 1);
    registry.load(m);
    fast.get();
    RegistrySnapshot s = registry.snapshot();
    assertThat(s.binding("app.fast").computeTime()).isLessThan(s.binding("app.slow").computeTime());
    assertThat(s.binding("app.fast").totalTime()).isGreaterThanOrEqualTo(s.binding("app.slow").computeTime());
  }

  // ------------------------------------------------------------------------------------------- bad input

  @Test
  void readingABindingOfAModuleThatIsNotLoadedIsAClearError() {
    LazyModule m = LazyModule.named("db");
    Binding<String> pool = m.bind("pool", String.class, () -> "p");
    assertThatThrownBy(pool::get).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("'db.pool'").hasMessageContaining("module 'db' is not loaded");
  }

  @Test
  void duplicateNamesNullsInvalidNamesAndPrimitiveTypesAreRejectedAtBindTime() {
    LazyModule m = LazyModule.named("db");
    m.bind("pool", String.class, () -> "p");
    assertThatThrownBy(() -> m.bind("pool", String.class, () -> "q")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("module 'db' already has a binding named 'pool'")
        .hasMessageContaining("BindingTest.java:");
    assertThatThrownBy(() -> m.bind("conn", String.class, null)).isInstanceOf(NullPointerException.class)
        .hasMessage("the definition of binding 'db.conn' is null");
    assertThatThrownBy(() -> m.bind("conn", (Class<String>) null, () -> "c")).isInstanceOf(NullPointerException.class)
        .hasMessage("the type of binding 'db.conn' is null");
    assertThatThrownBy(() -> m.bind(null, String.class, () -> "c")).isInstanceOf(NullPointerException.class)
        .hasMessageContaining("binding name given to module 'db' is null");
    assertThatThrownBy(() -> m.bind("a.b", String.class, () -> "c")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("binding name 'a.b' in module 'db' is not valid");
    assertThatThrownBy(() -> m.bind("n", int.class, () -> 1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("primitive int");
    assertThatThrownBy(() -> LazyModule.named("bad name")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("module name 'bad name' is not valid");
    assertThatThrownBy(() -> m.atLoad(null)).isInstanceOf(NullPointerException.class)
        .hasMessageContaining("at-load hook given to module 'db' is null");
  }

  @Test
  void aDefinitionThatReturnsTheWrongTypeOrNullFailsWithAClearError() {
    LazyModule m = LazyModule.named("app");
    @SuppressWarnings({"unchecked", "rawtypes"})
    Binding<Integer> wrong = m.bind("wrong", Integer.class, (java.util.function.Supplier) () -> "not a number");
    Binding<String> nothing = m.bind("nothing", String.class, () -> null);
    registry.load(m);
    assertThatThrownBy(wrong::get).isInstanceOf(BindingException.class)
        .hasMessageContaining("binding 'app.wrong' failed")
        .cause().isInstanceOf(ClassCastException.class)
        .hasMessage("the definition of binding 'app.wrong' returned a java.lang.String (not a number), expected a "
            + "java.lang.Integer");
    assertThatThrownBy(nothing::get).isInstanceOf(BindingException.class)
        .cause().isInstanceOf(NullPointerException.class)
        .hasMessageContaining("the definition of binding 'app.nothing' returned null");
  }

  @Test
  void lookingUpABindingByNameChecksTheNameAndTheType() {
    LazyModule m = LazyModule.named("db");
    Binding<Integer> size = m.bind("size", Integer.class, () -> 4);
    assertThat(m.binding("size", Integer.class)).isSameAs(size);
    assertThat(m.binding("size", Number.class)).isSameAs((Object) size);
    assertThatThrownBy(() -> m.binding("size", String.class)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("binding 'db.size' holds a java.lang.Integer, not a java.lang.String");
    assertThatThrownBy(() -> m.binding("sise", Integer.class)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("module 'db' has no binding named 'sise'; it has [size]");
  }

  @Test
  void aLoadedModuleAcceptsNoMoreBindingsOrHooks() {
    LazyModule m = registry.load(LazyModule.named("db"));
    assertThatThrownBy(() -> m.bind("late", String.class, () -> "x")).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("module 'db' is already loaded");
    assertThatThrownBy(() -> m.atLoad(() -> {})).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("module 'db' is already loaded");
  }

  @Test
  void aDefinitionCannotReadABindingOfAnotherRegistry() {
    LazyModule otherModule = LazyModule.named("o");
    Binding<Integer> o = otherModule.bind("v", Integer.class, () -> 2);
    ModuleRegistry.create().load(otherModule);
    LazyModule m = LazyModule.named("app");
    Binding<Integer> reader = m.bind("reader", Integer.class, () -> o.get() + 1);
    registry.load(m);
    assertThatThrownBy(reader::get).isInstanceOf(BindingException.class)
        .cause().isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("the definition of binding 'app.reader' read 'o.v' of another registry");
  }

  static void await(CountDownLatch latch) {
    try {
      if (!latch.await(10, TimeUnit.SECONDS)) {
        throw new AssertionError("timed out waiting for a latch");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  static long spin(long nanos) {
    long end = System.nanoTime() + nanos;
    long x = 0;
    while (System.nanoTime() < end) {
      x++;
    }
    return x;
  }
}
