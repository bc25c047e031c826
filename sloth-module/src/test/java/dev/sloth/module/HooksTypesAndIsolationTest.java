package dev.sloth.module;

import static dev.sloth.module.BindingTest.await;
import static dev.sloth.module.LoadAndPolicyTest.nextLine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Issue 11, items 9 to 11: hook errors of any kind, generic binding types, registries that do not slow each other. */
class HooksTypesAndIsolationTest {

  private static ModuleRegistry registry() {
    return ModuleRegistry.builder().mode(ModuleRegistry.Mode.LAZY_AS_DECLARED).build();
  }

  // ------------------------------------------------------------------------------------ item 9: hook errors

  @Test
  void anErrorFromAnAtLoadHookIsReportedInTheSameWordsAsAnException() {
    AssertionError error = new AssertionError("invariant broken");
    IllegalStateException exception = new IllegalStateException("database locked");
    int errorLine = nextLine();
    LazyModule errHook = LazyModule.named("errhook").atLoad(() -> {
      throw error;
    });
    int exceptionLine = nextLine();
    LazyModule exHook = LazyModule.named("exhook").atLoad(() -> {
      throw exception;
    });
    ModuleRegistry registry = registry();

    Throwable fromError = catchLoad(registry, errHook);
    Throwable fromException = catchLoad(registry, exHook);
    assertThat(fromError).isExactlyInstanceOf(ModuleException.class).hasCauseReference(error);
    assertThat(fromException).isExactlyInstanceOf(ModuleException.class).hasCauseReference(exception);
    assertThat(fromError.getMessage()).doesNotContain("Evaluating")
        .startsWith("module 'errhook' failed to load: its at-load hook (defined at ")
        .contains("HooksTypesAndIsolationTest.java:" + errorLine + ")")
        .endsWith(") threw java.lang.AssertionError: invariant broken");
    assertThat(fromException.getMessage())
        .startsWith("module 'exhook' failed to load: its at-load hook (defined at ")
        .contains("HooksTypesAndIsolationTest.java:" + exceptionLine + ")")
        .endsWith(") threw java.lang.IllegalStateException: database locked");
    assertThat(errHook.isLoaded()).isFalse();
  }

  @Test
  void aStackOverflowInAHookFailsTheLoadWithTheHookNamedAndALaterLoadTriesAgain() {
    int[] attempts = {0};
    LazyModule deep = LazyModule.named("deep").atLoad(() -> {
      if (attempts[0]++ == 0) {
        recurse(0);
      }
    });
    ModuleRegistry registry = registry();
    assertThat(catchLoad(registry, deep)).isExactlyInstanceOf(ModuleException.class)
        .hasMessageContaining("module 'deep' failed to load: its at-load hook (defined at ")
        .hasCauseInstanceOf(StackOverflowError.class);
    registry.load(deep);
    assertThat(deep.isLoaded()).isTrue();
  }

  private static int recurse(int n) {
    return recurse(n + 1) + 1;
  }

  private static Throwable catchLoad(ModuleRegistry registry, LazyModule m) {
    try {
      registry.load(m);
    } catch (Throwable t) {
      return t;
    }
    throw new AssertionError("expected the load of " + m.name() + " to fail");
  }

  // ------------------------------------------------------------------------------- item 10: generic types

  @Test
  void aTypeTokenBindsAGenericTypeThatAClassCannotSay() {
    LazyModule m = LazyModule.named("net");
    Binding<List<String>> hosts = m.bind("hosts", new TypeToken<List<String>>() {}, () -> List.of("a", "b"));
    Binding<Map<String, List<Integer>>> ports = m.bindEager("ports", new TypeToken<Map<String, List<Integer>>>() {},
        () -> Map.of("a", List.of(80, 443)));
    ModuleRegistry registry = registry();
    registry.load(m);

    List<String> h = hosts.get(); // no cast, no raw type
    assertThat(h).containsExactly("a", "b");
    assertThat(ports.get().get("a")).containsExactly(80, 443);
    assertThat(hosts.type()).isEqualTo(List.class);
    assertThat(hosts.genericType().getTypeName()).isEqualTo("java.util.List<java.lang.String>");
    assertThat(hosts).hasToString("Binding[net.hosts: java.util.List<java.lang.String>, RESOLVED]");
    assertThat(registry.snapshot().binding("net.hosts").type()).isEqualTo("java.util.List<java.lang.String>");
    assertThat(m.binding("hosts", new TypeToken<List<String>>() {})).isSameAs(hosts);
    assertThat(m.binding("hosts", List.class)).isSameAs(hosts);
    assertThatThrownBy(() -> m.binding("hosts", new TypeToken<List<Integer>>() {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("binding 'net.hosts' holds a java.util.List<java.lang.String>, not a "
            + "java.util.List<java.lang.Integer>");
  }

  @Test
  void aDefinitionReturningAnotherRawTypeIsRejectedNamingTheGenericType() {
    LazyModule m = LazyModule.named("net");
    @SuppressWarnings({"unchecked", "rawtypes"})
    Supplier<List<String>> wrong = (Supplier) () -> Map.of();
    Binding<List<String>> hosts = m.bind("hosts", new TypeToken<List<String>>() {}, wrong);
    registry().load(m);
    assertThatThrownBy(hosts::get).isInstanceOf(BindingException.class).cause()
        .isInstanceOf(ClassCastException.class)
        .hasMessageContaining("the definition of binding 'net.hosts' returned a ")
        .hasMessageEndingWith("expected a java.util.List<java.lang.String>");
  }

  @Test
  void aTypeTokenWithoutAConcreteTypeIsRefusedWhenMade() {
    assertThatThrownBy(HooksTypesAndIsolationTest::tokenOfVariable).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("a TypeToken needs a concrete type")
        .hasMessageContaining("java.util.List<E>");
    assertThat(TypeToken.of(String.class)).isEqualTo(new TypeToken<String>() {});
    assertThat(TypeToken.of(String.class).rawType()).isEqualTo(String.class);
    assertThatThrownBy(() -> LazyModule.named("m").bind("x", (TypeToken<String>) null, () -> "x"))
        .isInstanceOf(NullPointerException.class).hasMessage("the type of binding 'm.x' is null");
  }

  private static <E> TypeToken<List<E>> tokenOfVariable() {
    return new TypeToken<List<E>>() {};
  }

  // ------------------------------------------------------------------------- item 11: registries independent

  /**
   * While a definition of one registry runs (held open by a latch), the other registry's count of running
   * definitions stays zero, so its resolved bindings stay on the field-read path ({@code ReadBenchmark} measures
   * it); before, one JVM-wide count sent every registry's reads through the engine.
   */
  @Test
  void aDefinitionRunningInOneRegistryDoesNotTouchAnotherRegistrysReadPath() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    LazyModule slowModule = LazyModule.named("slow");
    Binding<String> slow = heldOpen(slowModule, entered, release);
    ModuleRegistry busy = registry();
    busy.load(slowModule);
    LazyModule fastModule = LazyModule.named("fast");
    Binding<String> pool = fastModule.bind("pool", String.class, () -> "pool");
    ModuleRegistry quiet = registry();
    quiet.load(fastModule);
    assertThat(pool.get()).isEqualTo("pool");

    Thread definer = Thread.ofPlatform().start(slow::get);
    entered.await();
    assertThat(busy.running.get()).isEqualTo(1);
    assertThat(quiet.running.get()).as("the quiet registry's count").isZero();
    assertThat(pool.get()).isEqualTo("pool");
    assertThat(pool.isPublished()).as("the quiet registry's binding stays on the one-load read path").isTrue();
    release.countDown();
    definer.join();
    assertThat(busy.running.get()).isZero();
    assertThat(slow.get()).isEqualTo("slow");
  }

  /** A binding "slow" whose definition counts {@code entered} down, then runs until {@code release} is. */
  static Binding<String> heldOpen(LazyModule m, CountDownLatch entered, CountDownLatch release) {
    return m.bind("slow", String.class, () -> {
      entered.countDown();
      await(release);
      return "slow";
    });
  }

  /** The engine still records reads inside a definition of the same registry as dependencies. */
  @Test
  void readsInsideADefinitionOfTheSameRegistryAreStillRecorded() {
    LazyModule m = LazyModule.named("app");
    Binding<String> config = m.bind("config", String.class, () -> "cfg");
    Binding<String> pool = m.bind("pool", String.class, () -> "pool(" + config.get() + ")");
    ModuleRegistry registry = registry();
    registry.load(m);
    assertThat(config.get()).isEqualTo("cfg"); // resolved before pool reads it
    assertThat(pool.get()).isEqualTo("pool(cfg)");
    assertThat(registry.snapshot().dependenciesOf("app.pool")).containsExactly("app.config");
  }

  /**
   * A definition starting in a registry takes that registry's published values back, so that reads inside it reach
   * the engine (and are recorded); reads outside definitions publish again once none runs. Without the take-back,
   * {@code readsInsideADefinitionOfTheSameRegistryAreStillRecorded} loses its dependency.
   */
  @Test
  void aDefinitionStartingTakesItsRegistrysPublishedValuesBackUntilNoneRuns() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    LazyModule m = LazyModule.named("app");
    Binding<String> config = m.bind("config", String.class, () -> "cfg");
    Binding<String> slow = heldOpen(m, entered, release);
    ModuleRegistry registry = registry();
    registry.load(m);
    assertThat(config.isPublished()).isFalse();
    assertThat(config.get()).isEqualTo("cfg");
    assertThat(config.isPublished()).as("published by a read while no definition runs").isTrue();

    Thread definer = Thread.ofPlatform().start(slow::get);
    entered.await();
    assertThat(config.isPublished()).as("taken back when the definition started").isFalse();
    assertThat(config.get()).isEqualTo("cfg");
    assertThat(config.isPublished()).as("not published while a definition runs").isFalse();
    release.countDown();
    definer.join();
    assertThat(config.get()).isEqualTo("cfg");
    assertThat(config.isPublished()).as("published again once none runs").isTrue();
  }

  /**
   * A reader outside definitions republishes a resolved binding as often as it can while definitions that read it
   * start and end one after another: every one of them still records it (the registry decides under one lock).
   */
  @Test
  void readsRacingWithDefinitionsThatStartAndEndAreAllRecorded() throws Exception {
    LazyModule m = LazyModule.named("race");
    Binding<Integer> config = m.bind("config", Integer.class, () -> 1);
    int n = 300;
    List<Binding<Integer>> readers = new java.util.ArrayList<>();
    for (int i = 0; i < n; i++) {
      readers.add(m.bind("r" + i, Integer.class, () -> config.get() + 1));
    }
    ModuleRegistry registry = registry();
    registry.load(m);
    assertThat(config.get()).isEqualTo(1);
    java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
    CountDownLatch started = new CountDownLatch(1);
    Thread republisher = Thread.ofPlatform().start(() -> {
      started.countDown();
      for (int i = 0; i < 50_000_000 && !done.get(); i++) {
        config.get();
      }
    });
    started.await();
    try {
      for (Binding<Integer> r : readers) {
        assertThat(r.get()).isEqualTo(2);
      }
    } finally {
      done.set(true);
      republisher.join();
    }
    RegistrySnapshot snapshot = registry.snapshot();
    for (Binding<Integer> r : readers) {
      assertThat(snapshot.dependenciesOf(r.qualifiedName())).as(r.qualifiedName()).containsExactly("race.config");
    }
  }
}
