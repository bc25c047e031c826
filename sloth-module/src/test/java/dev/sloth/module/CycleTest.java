package dev.sloth.module;

import static dev.sloth.module.BindingTest.await;
import static dev.sloth.module.LoadAndPolicyTest.nextLine;
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
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class CycleTest {
  private final ModuleRegistry registry = ModuleRegistry.builder().mode(ModuleRegistry.Mode.LAZY_AS_DECLARED).build();

  @Test
  void aDefinitionThatReadsItselfIsACycle() {
    LazyModule m = LazyModule.named("app");
    AtomicReference<Binding<Integer>> self = new AtomicReference<>();
    self.set(m.bind("a", Integer.class, () -> self.get().get() + 1));
    registry.load(m);
    assertThatThrownBy(self.get()::get).isInstanceOf(BindingCycleException.class)
        .hasMessageStartingWith("dependency cycle: app.a -> app.a");
  }

  @Test
  void aThreeBindingCycleOnOneThreadShowsTheWholePathWithWhereEachBindingWasDefined() {
    LazyModule m = LazyModule.named("app");
    AtomicReference<Binding<Integer>> c = new AtomicReference<>();
    int aLine = nextLine();
    Binding<Integer> a = m.bind("a", Integer.class, () -> c.get().get() + 1);
    int bLine = nextLine();
    Binding<Integer> b = m.bind("b", Integer.class, () -> a.get() + 1);
    int cLine = nextLine();
    c.set(m.bind("c", Integer.class, () -> b.get() + 1));
    registry.load(m);

    BindingCycleException e = catchCycle(() -> a.get());
    assertThat(e.cycle()).hasSize(4);
    assertThat(e.cycle().get(0)).isEqualTo(e.cycle().get(3));
    assertThat(rotationOf(e.cycle().subList(0, 3))).containsExactly("app.a", "app.c", "app.b");
    assertThat(e.getMessage()).contains(String.join(" -> ", e.cycle()))
        .contains("CycleTest.java:" + aLine).contains("CycleTest.java:" + bLine).contains("CycleTest.java:" + cLine);
    for (int i = 0; i < 3; i++) {
      assertThat(e.definedAt().get(i).getFileName()).isEqualTo("CycleTest.java");
    }
    // Nothing was left half-done: the next read finds the cycle again instead of hanging or returning a value.
    assertThatThrownBy(b::get).isInstanceOf(BindingCycleException.class);
    assertThat(registry.snapshot().inState(BindingState.RESOLVED)).isEmpty();
  }

  @RepeatedTest(5)
  void twoThreadsEnteringACycleFromDifferentEndsGetTheErrorAndNeitherHangs() throws Exception {
    CountDownLatch insideA = new CountDownLatch(1);
    CountDownLatch insideB = new CountDownLatch(1);
    LazyModule m = LazyModule.named("app");
    AtomicReference<Binding<Integer>> b = new AtomicReference<>();
    Binding<Integer> a = m.bind("a", Integer.class, () -> {
      insideA.countDown();
      await(insideB); // both definitions are running, on two threads, before either reads the other
      return b.get().get() + 1;
    });
    b.set(m.bind("b", Integer.class, () -> {
      insideB.countDown();
      await(insideA);
      return a.get() + 1;
    }));
    registry.load(m);

    List<Object> outcomes = raceFromBothEnds(a, b.get());
    assertThat(outcomes).allSatisfy(o -> assertThat(o).isInstanceOf(BindingCycleException.class));
    BindingCycleException e = (BindingCycleException) outcomes.get(0);
    assertThat(rotationOf(e.cycle().subList(0, 2))).containsExactly("app.a", "app.b");
    assertThat(e.definedAt()).allSatisfy(where -> assertThat(where.getFileName()).isEqualTo("CycleTest.java"));
  }

  @RepeatedTest(5)
  void aConditionalCycleRacedFromBothEndsGivesEachThreadTheErrorOrTheValue() throws Exception {
    // a reads b only if b is not being built by someone else first; either way nobody waits forever.
    LazyModule m = LazyModule.named("app");
    AtomicReference<Binding<Integer>> b = new AtomicReference<>();
    Binding<Integer> a = m.bind("a", Integer.class, () -> b.get().get() + 1);
    AtomicReference<Boolean> bReadsA = new AtomicReference<>(true);
    b.set(m.bind("b", Integer.class, () -> bReadsA.getAndSet(false) ? a.get() + 1 : 10));
    registry.load(m);

    List<Object> outcomes = raceFromBothEnds(a, b.get());
    assertThat(outcomes).allSatisfy(o -> assertThat(o).isInstanceOfAny(BindingCycleException.class, Integer.class));
    assertThat(outcomes).anySatisfy(o -> assertThat(o).isInstanceOf(BindingCycleException.class));
    assertThat(a.get()).isEqualTo(11); // the retry takes b's other branch
  }

  /** Reads a and b on two threads released by one barrier; the value or the cycle error of each, within 10 s. */
  private static List<Object> raceFromBothEnds(Binding<Integer> a, Binding<Integer> b) throws Exception {
    CyclicBarrier start = new CyclicBarrier(2);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<Object> fromA = pool.submit(() -> attempt(start, a));
      Future<Object> fromB = pool.submit(() -> attempt(start, b));
      return List.of(fromA.get(10, TimeUnit.SECONDS), fromB.get(10, TimeUnit.SECONDS));
    } finally {
      pool.shutdownNow();
    }
  }

  private static Object attempt(CyclicBarrier start, Binding<Integer> binding) throws Exception {
    start.await();
    try {
      return binding.get();
    } catch (BindingCycleException e) {
      return e;
    }
  }

  private static BindingCycleException catchCycle(Runnable r) {
    try {
      r.run();
    } catch (BindingCycleException e) {
      return e;
    }
    throw new AssertionError("expected a BindingCycleException");
  }

  /** The cycle's names rotated to start at the smallest, so that any starting point compares equal. */
  private static List<String> rotationOf(List<String> names) {
    int start = names.indexOf(names.stream().min(String::compareTo).orElseThrow());
    List<String> out = new ArrayList<>(names.subList(start, names.size()));
    out.addAll(names.subList(0, start));
    return out;
  }
}
