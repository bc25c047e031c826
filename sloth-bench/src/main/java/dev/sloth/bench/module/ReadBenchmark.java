package dev.sloth.bench.module;

import dev.sloth.module.Binding;
import dev.sloth.module.LazyModule;
import dev.sloth.module.ModuleRegistry;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The cost of reading a resolved binding against reading a final field of an already built object (what eager
 * construction gives), and against the holder-class idiom's static final field.
 *
 * <pre>{@code
 * ./sloth bench ReadBenchmark -f 1 -wi 3 -w 1s -i 5 -r 1s
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ReadBenchmark {
  /** An eagerly built component holder: the baseline. */
  static final class Eager {
    final StringBuilder pool;

    Eager(StringBuilder pool) {
      this.pool = pool;
    }
  }

  /** An eagerly built generic holder: the final field read plus the caller's cast to {@code T} of any generic get(). */
  static final class GenericEager<T> {
    final T value;

    GenericEager(T value) {
      this.value = value;
    }

    T get() {
      return value;
    }
  }

  private static final class HolderIdiom {
    static final StringBuilder POOL = new StringBuilder("pool");
  }

  private Eager eager;
  private GenericEager<StringBuilder> genericEager;
  private Binding<StringBuilder> binding;

  @Setup
  public void setUp() {
    eager = new Eager(new StringBuilder("pool"));
    genericEager = new GenericEager<>(new StringBuilder("pool"));
    LazyModule m = LazyModule.named("db");
    binding = m.bind("pool", StringBuilder.class, () -> new StringBuilder("pool"));
    ModuleRegistry.builder().mode(ModuleRegistry.Mode.LAZY_AS_DECLARED).build().load(m);
    binding.get();
  }

  @Benchmark
  public StringBuilder finalField() {
    return eager.pool;
  }

  /** The same through a generic holder: what {@code Binding<StringBuilder>.get()} costs at least (erasure's cast). */
  @Benchmark
  public StringBuilder finalFieldViaGenericHolder() {
    return genericEager.get();
  }

  @Benchmark
  public StringBuilder holderIdiom() {
    return HolderIdiom.POOL;
  }

  @Benchmark
  public StringBuilder resolvedBinding() {
    return binding.get();
  }

  /**
   * The same read while a definition of <em>another</em> registry is running the whole time (held open by a latch
   * on a background thread): registries must not slow each other's reads.
   */
  @Benchmark
  public StringBuilder resolvedBindingWhileAnotherRegistryDefines(OtherRegistryBusy busy) {
    return binding.get();
  }

  /** A second registry with one definition in progress from setup to teardown. */
  @State(Scope.Benchmark)
  public static class OtherRegistryBusy {
    private final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private Thread definer;

    @Setup
    public void start() throws InterruptedException {
      LazyModule other = LazyModule.named("other");
      Binding<String> slow = other.bind("slow", String.class, () -> {
        entered.countDown();
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return "slow";
      });
      ModuleRegistry.builder().mode(ModuleRegistry.Mode.LAZY_AS_DECLARED).build().load(other);
      definer = new Thread(slow::get, "other-registry-definer");
      definer.setDaemon(true);
      definer.start();
      entered.await();
    }

    @TearDown
    public void stop() throws InterruptedException {
      release.countDown();
      definer.join();
    }
  }
}
