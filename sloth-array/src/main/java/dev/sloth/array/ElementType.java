package dev.sloth.array;

/**
 * The element type of a lazy array: what one element is, and how types combine in arithmetic.
 *
 * <p>Promotion follows NumPy 2 (NEP 50): two integer types give the wider one, anything with {@code DOUBLE} gives
 * {@code DOUBLE}, true division and the floating-point functions always give {@code DOUBLE}, comparisons give
 * {@code BOOLEAN}. A Java {@code int} scalar is a Python int and adopts the array's type (a {@code BOOLEAN}
 * array's becomes {@code LONG}); a Java {@code long} scalar is an {@code np.int64} (an {@code INT} array becomes
 * {@code LONG}); a Java {@code double} is a Python float. Two {@code BOOLEAN} operands: {@code +} is logical or,
 * {@code *} and, {@code -} is refused, as in NumPy; {@code **}, {@code fmod}, {@code //} and {@code %} give
 * {@code INT} (NumPy: int8, the same values).
 *
 * <pre>{@code
 * LArray a = LArray.of(new int[] {1, 2, 3});
 * a.elementType();              // INT
 * a.plus(1).elementType();      // INT
 * a.plus(1L).elementType();     // LONG
 * a.plus(0.5).elementType();    // DOUBLE
 * a.lt(2).elementType();        // BOOLEAN
 * }</pre>
 */
public enum ElementType {
  /** 64-bit IEEE floating point ({@code double}). */
  DOUBLE,
  /** 64-bit signed integer ({@code long}). */
  LONG,
  /** 32-bit signed integer ({@code int}); arithmetic wraps like Java's and NumPy's {@code int32}. */
  INT,
  /** {@code true}/{@code false}; counts as 1/0 in arithmetic. */
  BOOLEAN;

  /** True for the types computed in the 64-bit integer domain ({@code LONG}, {@code INT}, {@code BOOLEAN}). */
  boolean isIntegral() {
    return this != DOUBLE;
  }

  /** The type of {@code a op b} for arithmetic (not division, not comparisons). */
  static ElementType promote(ElementType a, ElementType b) {
    if (a == DOUBLE || b == DOUBLE) {
      return DOUBLE;
    }
    if (a == LONG || b == LONG) {
      return LONG;
    }
    return INT; // INT with INT, INT with BOOLEAN, BOOLEAN with BOOLEAN
  }
}
