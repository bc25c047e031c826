package dev.sloth.module;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A chain of bindings, each reading the one before, resolves however long it is: the engine continues deep nested
 * reads off the caller's stack. The reading thread has the JVM's default 1 MiB stack (given explicitly, because
 * the test JVM's -Xss raises the default of threads created without a size).
 */
class BindingDepthTest {
  private static final long DEFAULT_STACK = 1L << 20;

  @Test
  void aChainOfTenThousandBindingsResolvesOnADefaultStack() throws Exception {
    int depth = 10_000;
    LazyModule m = LazyModule.named("chain");
    List<Binding<Integer>> chain = new ArrayList<>(depth);
    chain.add(m.bind("b0", Integer.class, () -> 0));
    for (int i = 1; i < depth; i++) {
      Binding<Integer> previous = chain.get(i - 1);
      chain.add(m.bind("b" + i, Integer.class, () -> previous.get() + 1));
    }
    ModuleRegistry registry = ModuleRegistry.builder().mode(ModuleRegistry.Mode.LAZY_AS_DECLARED).build();
    registry.load(m);

    AtomicReference<Object> outcome = new AtomicReference<>();
    Thread reader = new Thread(null, () -> {
      try {
        outcome.set(chain.get(depth - 1).get());
      } catch (Throwable t) {
        outcome.set(t);
      }
    }, "default-stack-reader", DEFAULT_STACK);
    reader.start();
    reader.join();

    assertThat(outcome.get()).isEqualTo(depth - 1);
    assertThat(chain.get(0).state()).isEqualTo(BindingState.RESOLVED);
  }
}
