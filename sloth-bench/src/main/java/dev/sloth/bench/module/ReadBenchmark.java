package dev.sloth.bench.module;

import dev.sloth.module.Binding;
import dev.sloth.module.LazyModule;
import dev.sloth.module.ModuleRegistry;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

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

  private static final class HolderIdiom {
    static final StringBuilder POOL = new StringBuilder("pool");
  }

  private Eager eager;
  private Binding<StringBuilder> binding;

  @Setup
  public void setUp() {
    eager = new Eager(new StringBuilder("pool"));
    LazyModule m = LazyModule.named("db");
    binding = m.bind("pool", StringBuilder.class, () -> new StringBuilder("pool"));
    ModuleRegistry.builder().mode(ModuleRegistry.Mode.LAZY_AS_DECLARED).build().load(m);
    binding.get();
  }

  @Benchmark
  public StringBuilder finalField() {
    return eager.pool;
  }

  @Benchmark
  public StringBuilder holderIdiom() {
    return HolderIdiom.POOL;
  }

  @Benchmark
  public StringBuilder resolvedBinding() {
    return binding.get();
  }
}
