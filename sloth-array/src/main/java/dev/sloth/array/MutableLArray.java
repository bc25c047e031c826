package dev.sloth.array;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/**
 * A variable holding a lazy array, with the in-place forms of the operations ({@code a += 2} in Python). Each
 * in-place operation atomically replaces the held array by a new one with the operation queued; arrays read
 * earlier with {@link #get()} keep their queue (lazyarray's in-place operators mutate a queue that copies may
 * share; this does not). The element type never changes, as with NumPy's in-place operators: an INT array stays
 * INT ({@code a += 2L} wraps to 32 bits), and {@code intArray += 2.5} is refused. Safe to use from many threads:
 * no update is lost.
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

  /**
   * A variable holding {@code initial}.
   *
   * @param initial the array held at first, not null
   * @return the variable
   * @throws NullPointerException if {@code initial} is null
   */
  public static MutableLArray of(LArray initial) {
    if (initial == null) {
      throw new NullPointerException("initial lazy array is null");
    }
    return new MutableLArray(initial);
  }

  /**
   * The lazy array held now.
   *
   * @return the array held at the moment of the call; later in-place operations do not change it
   */
  public LArray get() {
    return value.get();
  }

  /**
   * Atomically replaces the held array by {@code update(held)}; returns this.
   *
   * @param update computes the new array from the held one; it may be called more than once if other threads update
   *     at the same time, so it should have no side effects
   * @return this variable, holding the new array
   * @throws NullPointerException if {@code update} is null or returns null (the held array is then unchanged)
   */
  public MutableLArray update(UnaryOperator<LArray> update) {
    if (update == null) {
      throw new NullPointerException("update function is null");
    }
    value.updateAndGet(held -> {
      LArray next = update.apply(held);
      if (next == null) {
        throw new NullPointerException("the update function returned null for " + held
            + "; the variable keeps that array");
      }
      return next;
    });
    return this;
  }

  /**
   * {@code a op= v}: queues {@code op} and stores the result in this array's element type, as NumPy's in-place
   * operators do (casting rule {@code same_kind}): an INT array stays INT (a LONG result wraps to 32 bits), a
   * result of another kind (a DOUBLE result for an integer array, an integer result for a BOOLEAN array) is
   * refused.
   *
   * @param op the operation to queue; its result must keep the held array's element type
   * @param v the operand, a float64 scalar (like a Python float)
   * @return this variable, holding the new array
   * @throws IllegalArgumentException if the result cannot be stored in place (the held array is unchanged)
   */
  public MutableLArray combineInPlace(BinaryOp op, double v) {
    return inPlace(op, a -> a.combine(op, v));
  }

  /**
   * {@code a op= v} with an int64 {@code v}.
   *
   * @param op the operation to queue; its result must keep the held array's element type
   * @param v the operand, an int64 scalar (like NumPy's {@code np.int64}); an INT array computes in LONG and wraps
   *     back to 32 bits
   * @return this variable, holding the new array
   * @throws IllegalArgumentException if the result cannot be stored in the held array's element type, or an operand's
   *     shape does not match (the held array is unchanged)
   */
  public MutableLArray combineInPlace(BinaryOp op, long v) {
    return inPlace(op, a -> a.combine(op, v));
  }

  /**
   * {@code a op= v} with a Java {@code int} {@code v}.
   *
   * @param op the operation to queue; its result must keep the held array's element type
   * @param v the operand, a Java {@code int} scalar, which like a Python int adopts the held array's element type
   * @return this variable, holding the new array
   * @throws IllegalArgumentException if the result cannot be stored in the held array's element type, or an operand's
   *     shape does not match (the held array is unchanged)
   */
  public MutableLArray combineInPlace(BinaryOp op, int v) {
    return inPlace(op, a -> a.combine(op, v));
  }

  /**
   * {@code a op= other}.
   *
   * @param op the operation to queue; its result must keep the held array's element type
   * @param other the operand array, of the held array's shape, evaluated at the same address as it
   * @return this variable, holding the new array
   * @throws IllegalArgumentException if the result cannot be stored in the held array's element type, or an operand's
   *     shape does not match (the held array is unchanged)
   */
  public MutableLArray combineInPlace(BinaryOp op, LArray other) {
    return inPlace(op, a -> a.combine(op, other));
  }

  private MutableLArray inPlace(BinaryOp op, UnaryOperator<LArray> queue) {
    return update(a -> storedAs(a.elementType(), queue.apply(a), op.symbol() + "="));
  }

  /** {@code r} with its values stored as {@code type}, under NumPy's same_kind casting rule. */
  static LArray storedAs(ElementType type, LArray r, String what) {
    ElementType rt = r.elementType();
    if (rt == type) {
      return r;
    }
    boolean sameKind = type == ElementType.DOUBLE
        || type != ElementType.BOOLEAN && rt != ElementType.DOUBLE;
    if (!sameKind) {
      throw new IllegalArgumentException("cannot store the " + rt + " result of " + what + " in place in "
          + (type == ElementType.INT ? "an " : "a ") + type + " array (NumPy's same_kind casting rule); queue the "
          + "operation on the LArray for a new " + rt + " array");
    }
    return r.queue(Op.cast(rt, type));
  }

  /**
   * {@code a += v}.
   *
   * @param v the operand, a float64 scalar (like a Python float)
   * @return this variable, holding the new array
   * @throws IllegalArgumentException if the result cannot be stored in the held array's element type, or an operand's
   *     shape does not match (the held array is unchanged)
   */
  public MutableLArray addInPlace(double v) {
    return combineInPlace(BinaryOp.ADD, v);
  }

  /**
   * {@code a += v}.
   *
   * @param v the operand, an int64 scalar (like NumPy's {@code np.int64}); an INT array computes in LONG and wraps
   *     back to 32 bits
   * @return this variable, holding the new array
   * @throws IllegalArgumentException if the result cannot be stored in the held array's element type, or an operand's
   *     shape does not match (the held array is unchanged)
   */
  public MutableLArray addInPlace(long v) {
    return combineInPlace(BinaryOp.ADD, v);
  }

  /**
   * {@code a += v}.
   *
   * @param v the operand, a Java {@code int} scalar, which like a Python int adopts the held array's element type
   * @return this variable, holding the new array
   * @throws IllegalArgumentException if the result cannot be stored in the held array's element type, or an operand's
   *     shape does not match (the held array is unchanged)
   */
  public MutableLArray addInPlace(int v) {
    return combineInPlace(BinaryOp.ADD, v);
  }

  /**
   * {@code a += other}.
   *
   * @param other the operand array, of the held array's shape, evaluated at the same address as it
   * @return this variable, holding the new array
   * @throws IllegalArgumentException if the result cannot be stored in the held array's element type, or an operand's
   *     shape does not match (the held array is unchanged)
   */
  public MutableLArray addInPlace(LArray other) {
    return combineInPlace(BinaryOp.ADD, other);
  }

  /**
   * {@code a -= v}.
   *
   * @param v the operand, a float64 scalar (like a Python float)
   * @return this variable, holding the new array
   * @throws IllegalArgumentException if the result cannot be stored in the held array's element type, or an operand's
   *     shape does not match (the held array is unchanged)
   */
  public MutableLArray subtractInPlace(double v) {
    return combineInPlace(BinaryOp.SUBTRACT, v);
  }

  /**
   * {@code a -= v}.
   *
   * @param v the operand, an int64 scalar (like NumPy's {@code np.int64}); an INT array computes in LONG and wraps
   *     back to 32 bits
   * @return this variable, holding the new array
   * @throws IllegalArgumentException if the result cannot be stored in the held array's element type, or an operand's
   *     shape does not match (the held array is unchanged)
   */
  public MutableLArray subtractInPlace(long v) {
    return combineInPlace(BinaryOp.SUBTRACT, v);
  }

  /**
   * {@code a -= v}.
   *
   * @param v the operand, a Java {@code int} scalar, which like a Python int adopts the held array's element type
   * @return this variable, holding the new array
   * @throws IllegalArgumentException if the result cannot be stored in the held array's element type, or an operand's
   *     shape does not match (the held array is unchanged)
   */
  public MutableLArray subtractInPlace(int v) {
    return combineInPlace(BinaryOp.SUBTRACT, v);
  }

  /**
   * {@code a -= other}.
   *
   * @param other the operand array, of the held array's shape, evaluated at the same address as it
   * @return this variable, holding the new array
   * @throws IllegalArgumentException if the result cannot be stored in the held array's element type, or an operand's
   *     shape does not match (the held array is unchanged)
   */
  public MutableLArray subtractInPlace(LArray other) {
    return combineInPlace(BinaryOp.SUBTRACT, other);
  }

  /**
   * {@code a *= v}.
   *
   * @param v the operand, a float64 scalar (like a Python float)
   * @return this variable, holding the new array
   * @throws IllegalArgumentException if the result cannot be stored in the held array's element type, or an operand's
   *     shape does not match (the held array is unchanged)
   */
  public MutableLArray multiplyInPlace(double v) {
    return combineInPlace(BinaryOp.MULTIPLY, v);
  }

  /**
   * {@code a *= v}.
   *
   * @param v the operand, an int64 scalar (like NumPy's {@code np.int64}); an INT array computes in LONG and wraps
   *     back to 32 bits
   * @return this variable, holding the new array
   * @throws IllegalArgumentException if the result cannot be stored in the held array's element type, or an operand's
   *     shape does not match (the held array is unchanged)
   */
  public MutableLArray multiplyInPlace(long v) {
    return combineInPlace(BinaryOp.MULTIPLY, v);
  }

  /**
   * {@code a *= v}.
   *
   * @param v the operand, a Java {@code int} scalar, which like a Python int adopts the held array's element type
   * @return this variable, holding the new array
   * @throws IllegalArgumentException if the result cannot be stored in the held array's element type, or an operand's
   *     shape does not match (the held array is unchanged)
   */
  public MutableLArray multiplyInPlace(int v) {
    return combineInPlace(BinaryOp.MULTIPLY, v);
  }

  /**
   * {@code a *= other}.
   *
   * @param other the operand array, of the held array's shape, evaluated at the same address as it
   * @return this variable, holding the new array
   * @throws IllegalArgumentException if the result cannot be stored in the held array's element type, or an operand's
   *     shape does not match (the held array is unchanged)
   */
  public MutableLArray multiplyInPlace(LArray other) {
    return combineInPlace(BinaryOp.MULTIPLY, other);
  }

  /**
   * {@code a /= v}.
   *
   * @param v the operand, a float64 scalar (like a Python float)
   * @return this variable, holding the new array
   * @throws IllegalArgumentException if the result cannot be stored in the held array's element type, or an operand's
   *     shape does not match (the held array is unchanged)
   */
  public MutableLArray divideInPlace(double v) {
    return combineInPlace(BinaryOp.DIVIDE, v);
  }

  /**
   * {@code a /= v}.
   *
   * @param v the operand, an int64 scalar (like NumPy's {@code np.int64}); an INT array computes in LONG and wraps
   *     back to 32 bits
   * @return this variable, holding the new array
   * @throws IllegalArgumentException if the result cannot be stored in the held array's element type, or an operand's
   *     shape does not match (the held array is unchanged)
   */
  public MutableLArray divideInPlace(long v) {
    return combineInPlace(BinaryOp.DIVIDE, v);
  }

  /**
   * {@code a /= v}.
   *
   * @param v the operand, a Java {@code int} scalar, which like a Python int adopts the held array's element type
   * @return this variable, holding the new array
   * @throws IllegalArgumentException if the result cannot be stored in the held array's element type, or an operand's
   *     shape does not match (the held array is unchanged)
   */
  public MutableLArray divideInPlace(int v) {
    return combineInPlace(BinaryOp.DIVIDE, v);
  }

  /**
   * {@code a /= other}.
   *
   * @param other the operand array, of the held array's shape, evaluated at the same address as it
   * @return this variable, holding the new array
   * @throws IllegalArgumentException if the result cannot be stored in the held array's element type, or an operand's
   *     shape does not match (the held array is unchanged)
   */
  public MutableLArray divideInPlace(LArray other) {
    return combineInPlace(BinaryOp.DIVIDE, other);
  }

  /**
   * {@code a **= v}.
   *
   * @param v the operand, a float64 scalar (like a Python float)
   * @return this variable, holding the new array
   * @throws IllegalArgumentException if the result cannot be stored in the held array's element type, or an operand's
   *     shape does not match (the held array is unchanged)
   */
  public MutableLArray powInPlace(double v) {
    return combineInPlace(BinaryOp.POW, v);
  }

  /**
   * {@code a **= v}.
   *
   * @param v the operand, an int64 scalar (like NumPy's {@code np.int64}); an INT array computes in LONG and wraps
   *     back to 32 bits
   * @return this variable, holding the new array
   * @throws IllegalArgumentException if the result cannot be stored in the held array's element type, or an operand's
   *     shape does not match (the held array is unchanged)
   */
  public MutableLArray powInPlace(long v) {
    return combineInPlace(BinaryOp.POW, v);
  }

  /**
   * {@code a **= v}.
   *
   * @param v the operand, a Java {@code int} scalar, which like a Python int adopts the held array's element type
   * @return this variable, holding the new array
   * @throws IllegalArgumentException if the result cannot be stored in the held array's element type, or an operand's
   *     shape does not match (the held array is unchanged)
   */
  public MutableLArray powInPlace(int v) {
    return combineInPlace(BinaryOp.POW, v);
  }

  /**
   * {@code a **= other}.
   *
   * @param other the operand array, of the held array's shape, evaluated at the same address as it
   * @return this variable, holding the new array
   * @throws IllegalArgumentException if the result cannot be stored in the held array's element type, or an operand's
   *     shape does not match (the held array is unchanged)
   */
  public MutableLArray powInPlace(LArray other) {
    return combineInPlace(BinaryOp.POW, other);
  }

  /**
   * {@code a //= v}.
   *
   * @param v the operand, a float64 scalar (like a Python float)
   * @return this variable, holding the new array
   * @throws IllegalArgumentException if the result cannot be stored in the held array's element type, or an operand's
   *     shape does not match (the held array is unchanged)
   */
  public MutableLArray floorDivideInPlace(double v) {
    return combineInPlace(BinaryOp.FLOOR_DIVIDE, v);
  }

  /**
   * {@code a //= v}.
   *
   * @param v the operand, an int64 scalar (like NumPy's {@code np.int64}); an INT array computes in LONG and wraps
   *     back to 32 bits
   * @return this variable, holding the new array
   * @throws IllegalArgumentException if the result cannot be stored in the held array's element type, or an operand's
   *     shape does not match (the held array is unchanged)
   */
  public MutableLArray floorDivideInPlace(long v) {
    return combineInPlace(BinaryOp.FLOOR_DIVIDE, v);
  }

  /**
   * {@code a //= v}.
   *
   * @param v the operand, a Java {@code int} scalar, which like a Python int adopts the held array's element type
   * @return this variable, holding the new array
   * @throws IllegalArgumentException if the result cannot be stored in the held array's element type, or an operand's
   *     shape does not match (the held array is unchanged)
   */
  public MutableLArray floorDivideInPlace(int v) {
    return combineInPlace(BinaryOp.FLOOR_DIVIDE, v);
  }

  /**
   * {@code a //= other}.
   *
   * @param other the operand array, of the held array's shape, evaluated at the same address as it
   * @return this variable, holding the new array
   * @throws IllegalArgumentException if the result cannot be stored in the held array's element type, or an operand's
   *     shape does not match (the held array is unchanged)
   */
  public MutableLArray floorDivideInPlace(LArray other) {
    return combineInPlace(BinaryOp.FLOOR_DIVIDE, other);
  }

  /**
   * {@code a %= v}.
   *
   * @param v the operand, a float64 scalar (like a Python float)
   * @return this variable, holding the new array
   * @throws IllegalArgumentException if the result cannot be stored in the held array's element type, or an operand's
   *     shape does not match (the held array is unchanged)
   */
  public MutableLArray modInPlace(double v) {
    return combineInPlace(BinaryOp.REMAINDER, v);
  }

  /**
   * {@code a %= v}.
   *
   * @param v the operand, an int64 scalar (like NumPy's {@code np.int64}); an INT array computes in LONG and wraps
   *     back to 32 bits
   * @return this variable, holding the new array
   * @throws IllegalArgumentException if the result cannot be stored in the held array's element type, or an operand's
   *     shape does not match (the held array is unchanged)
   */
  public MutableLArray modInPlace(long v) {
    return combineInPlace(BinaryOp.REMAINDER, v);
  }

  /**
   * {@code a %= v}.
   *
   * @param v the operand, a Java {@code int} scalar, which like a Python int adopts the held array's element type
   * @return this variable, holding the new array
   * @throws IllegalArgumentException if the result cannot be stored in the held array's element type, or an operand's
   *     shape does not match (the held array is unchanged)
   */
  public MutableLArray modInPlace(int v) {
    return combineInPlace(BinaryOp.REMAINDER, v);
  }

  /**
   * {@code a %= other}.
   *
   * @param other the operand array, of the held array's shape, evaluated at the same address as it
   * @return this variable, holding the new array
   * @throws IllegalArgumentException if the result cannot be stored in the held array's element type, or an operand's
   *     shape does not match (the held array is unchanged)
   */
  public MutableLArray modInPlace(LArray other) {
    return combineInPlace(BinaryOp.REMAINDER, other);
  }

  @Override
  public String toString() {
    return "MutableLArray[" + value.get() + "]";
  }
}
