package dev.sloth.module;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicIntegerArray;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Random dependency DAGs against a simple model: what runs is exactly the closure of what was read, once each. */
class ModulePropertiesTest {

  /** deps.get(i): the bindings binding i reads (all smaller than i); reads: the bindings the application reads. */
  record Case(List<List<Integer>> deps, List<Integer> reads) {}

  @Provide
  Arbitrary<Case> cases() {
    return Arbitraries.integers().between(1, 14).flatMap(n -> {
      List<Arbitrary<List<Integer>>> perBinding = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        perBinding.add(i == 0 ? Arbitraries.just(List.of())
            : Arbitraries.integers().between(0, i - 1).list().ofMaxSize(3).uniqueElements());
      }
      Arbitrary<List<List<Integer>>> deps = Combinators.combine(perBinding).as(l -> l);
      Arbitrary<List<Integer>> reads = Arbitraries.integers().between(0, n - 1).list().ofMaxSize(4);
      return Combinators.combine(deps, reads).as(Case::new);
    });
  }

  @Property(tries = 200)
  void exactlyTheClosureOfTheReadBindingsRunsOnceEachWithTheModelsValuesAndEdges(@ForAll("cases") Case c) {
    int n = c.deps().size();
    AtomicIntegerArray runs = new AtomicIntegerArray(n);
    LazyModule m = LazyModule.named("p");
    List<Binding<Long>> bindings = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int index = i;
      bindings.add(m.bind("b" + i, Long.class, () -> {
        runs.incrementAndGet(index);
        long v = 1;
        for (int d : c.deps().get(index)) {
          v += bindings.get(d).get();
        }
        return v;
      }));
    }
    ModuleRegistry registry = ModuleRegistry.builder().mode(ModuleRegistry.Mode.LAZY_AS_DECLARED).build();
    registry.load(m);
    for (int r : c.reads()) {
      assertThat(bindings.get(r).get()).isEqualTo(modelValue(c, r));
    }

    Set<Integer> closure = new HashSet<>();
    for (int r : c.reads()) {
      addClosure(c, r, closure);
    }
    RegistrySnapshot s = registry.snapshot();
    List<RegistrySnapshot.Dependency> expectedEdges = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      assertThat(runs.get(i)).as("runs of b%d", i).isEqualTo(closure.contains(i) ? 1 : 0);
      assertThat(s.binding("p.b" + i).state())
          .isEqualTo(closure.contains(i) ? BindingState.RESOLVED : BindingState.PENDING);
      if (closure.contains(i)) {
        for (int d : c.deps().get(i)) {
          expectedEdges.add(new RegistrySnapshot.Dependency("p.b" + i, "p.b" + d));
        }
      }
    }
    assertThat(s.dependencies()).containsExactlyElementsOf(expectedEdges);
  }

  private static long modelValue(Case c, int i) {
    long v = 1;
    for (int d : c.deps().get(i)) {
      v += modelValue(c, d);
    }
    return v;
  }

  private static void addClosure(Case c, int i, Set<Integer> into) {
    if (into.add(i)) {
      for (int d : c.deps().get(i)) {
        addClosure(c, d, into);
      }
    }
  }
}
