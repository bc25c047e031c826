package dev.sloth.bench.lazy;

import dev.sloth.lazy.Lazy;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * {@code get()} on an already-computed lazy value: Sloth's {@link Lazy} against a plain volatile field read (the
 * floor), Guava's {@code Suppliers.memoize} and Vavr's {@code Lazy}; and the first {@code get()} of a new one (the
 * slow path). Run with {@code sloth-bench/run-seq.sh}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class LazyBench {
  private volatile String field;
  private Holder holder;
  private GenericHolder<String> genericHolder;
  private Lazy<String> sloth;
  private Supplier<String> guava;
  private io.vavr.Lazy<String> vavr;

  @Setup
  public void setUp() {
    String value = new String("computed");
    field = value;
    holder = new Holder(value);
    genericHolder = new GenericHolder<>(value);
    sloth = Lazy.of(() -> value);
    sloth.get();
    guava = com.google.common.base.Suppliers.memoize(() -> value);
    guava.get();
    vavr = io.vavr.Lazy.of(() -> value);
    vavr.get();
  }

  @Benchmark
  public String volatileRead() {
    return field;
  }

  /** A volatile read through one object reference: what any lazy wrapper has to do at least. */
  @Benchmark
  public String volatileReadViaHolder() {
    return holder.value;
  }

  /** A final class with one volatile field: the floor for a wrapper object. */
  static final class Holder {
    volatile String value;

    Holder(String value) {
      this.value = value;
    }
  }

  /**
   * A volatile read through a generic wrapper: one object, one volatile field, and the caller's cast to {@code T}
   * that erasure adds to every generic {@code get()} ({@code AtomicReference<String>} pays it too). The floor for
   * {@code Lazy<String>.get()}.
   */
  @Benchmark
  public String volatileReadViaGenericHolder() {
    return genericHolder.get();
  }

  /** A final class with one volatile field of a type variable. */
  static final class GenericHolder<T> {
    volatile T value;

    GenericHolder(T value) {
      this.value = value;
    }

    T get() {
      return value;
    }
  }

  @Benchmark
  public String slothLazy() {
    return sloth.get();
  }

  @Benchmark
  public String guavaMemoize() {
    return guava.get();
  }

  @Benchmark
  public String vavrLazy() {
    return vavr.get();
  }

  // The first get(): make a lazy value and compute it once (the slow path, which claims, runs and publishes).

  @Benchmark
  public String slothCreateAndGet() {
    String v = field;
    return Lazy.of(() -> v).get();
  }

  @Benchmark
  public String guavaCreateAndGet() {
    String v = field;
    return com.google.common.base.Suppliers.memoize(() -> v).get();
  }

  @Benchmark
  public String vavrCreateAndGet() {
    String v = field;
    return io.vavr.Lazy.of(() -> v).get();
  }
}
