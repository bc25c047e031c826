package dev.sloth.array;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/**
 * A variable holding a lazy array, with the in-place forms of the operations ({@code a += 2} in Python). Each
 * in-place operation atomically replaces the held array by a new one with the operation queued; arrays read
 * earlier with {@link #get()} keep their queue (lazyarray's in-place operators mutate a queue that copies may
 * share; this does not). Safe to use from many threads: no update is lost.
 *
 * <pre>{@code
 * MutableLArray m = MutableLArray.of(LArray.of(5.0, Shape.of(4, 3)));
 * LArray before = m.get();
 * m.addInPlace(2).multiplyInPlace(3);
 * m.get().evaluateSimplified().doubleValue();   // 21.0
 * before.evaluateSimplified().doubleValue();    // 5.0
 * }</pre>
 */
public final class MutableLArray {
  private final AtomicReference<LArray> value;

  private MutableLArray(LArray initial) {
    this.value = new AtomicReference<>(initial);
  }

  /** A variable holding {@code initial}. */
  public static MutableLArray of(LArray initial) {
    if (initial == null) {
      throw new NullPointerException("initial lazy array is null");
    }
    return new MutableLArray(initial);
  }

  /** The lazy array held now. */
  public LArray get() {
    return value.get();
  }

  /** Atomically replaces the held array by {@code update(held)}; returns this. */
  public MutableLArray update(UnaryOperator<LArray> update) {
    value.updateAndGet(update);
    return this;
  }

  /** {@code a += v}. */
  public MutableLArray addInPlace(double v) {
    return update(a -> a.plus(v));
  }

  /** {@code a += other}. */
  public MutableLArray addInPlace(LArray other) {
    return update(a -> a.plus(other));
  }

  /** {@code a -= v}. */
  public MutableLArray subtractInPlace(double v) {
    return update(a -> a.minus(v));
  }

  /** {@code a -= other}. */
  public MutableLArray subtractInPlace(LArray other) {
    return update(a -> a.minus(other));
  }

  /** {@code a *= v}. */
  public MutableLArray multiplyInPlace(double v) {
    return update(a -> a.times(v));
  }

  /** {@code a *= other}. */
  public MutableLArray multiplyInPlace(LArray other) {
    return update(a -> a.times(other));
  }

  /** {@code a /= v}. */
  public MutableLArray divideInPlace(double v) {
    return update(a -> a.div(v));
  }

  /** {@code a /= other}. */
  public MutableLArray divideInPlace(LArray other) {
    return update(a -> a.div(other));
  }

  /** {@code a **= v}. */
  public MutableLArray powInPlace(double v) {
    return update(a -> a.pow(v));
  }

  /** {@code a **= other}. */
  public MutableLArray powInPlace(LArray other) {
    return update(a -> a.pow(other));
  }

  @Override
  public String toString() {
    return "MutableLArray[" + value.get() + "]";
  }
}
