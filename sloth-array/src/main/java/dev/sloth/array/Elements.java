package dev.sloth.array;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.function.IntPredicate;
import java.util.function.IntToDoubleFunction;
import java.util.function.IntToLongFunction;
import java.util.function.IntUnaryOperator;

/**
 * Checked conversions of boxed elements (and of 1-D functions' results) to the primitive element types, with
 * messages naming the element. Widening (BOOLEAN, INT, LONG, DOUBLE) always converts, LONG to INT when the value
 * fits, DOUBLE never to an integer type; numbers other than Java's primitive wrappers and a BigInteger that fits
 * in a long are refused with the reason.
 */
final class Elements {
  private Elements() {}

  static double toDouble(Object o, String what) {
    if (o instanceof Number n) {
      checkNumber(n, what);
      return n.doubleValue();
    }
    if (o instanceof Boolean b) {
      return b ? 1 : 0;
    }
    throw wrong(o, what, ElementType.DOUBLE);
  }

  static long toLong(Object o, String what) {
    return integral(o, what, ElementType.LONG);
  }

  private static long integral(Object o, String what, ElementType expected) {
    if (o instanceof Long || o instanceof Integer || o instanceof Short || o instanceof Byte) {
      return ((Number) o).longValue();
    }
    if (o instanceof BigInteger b) {
      checkNumber(b, what);
      return b.longValue();
    }
    if (o instanceof Number n) {
      checkNumber(n, what);
    }
    if (o instanceof Boolean b) {
      return b ? 1 : 0;
    }
    throw wrong(o, what, expected);
  }

  static int toInt(Object o, String what) {
    long v = integral(o, what, ElementType.INT);
    if (v != (int) v) {
      throw new IllegalArgumentException(what + " is " + v + ", which does not fit in INT");
    }
    return (int) v;
  }

  static boolean toBoolean(Object o, String what) {
    if (o instanceof Boolean b) {
      return b;
    }
    throw wrong(o, what, ElementType.BOOLEAN);
  }

  /**
   * Refuses the numbers a lazy array does not hold: BigDecimal (it would be rounded), the mutable atomic numbers
   * and adders, a BigInteger beyond 64 bits, and any other Number subclass.
   */
  static void checkNumber(Number n, String what) {
    if (n instanceof Double || n instanceof Float || n instanceof Long || n instanceof Integer || n instanceof Short
        || n instanceof Byte) {
      return;
    }
    if (n instanceof BigInteger b) {
      if (b.bitLength() < 64) {
        return;
      }
      throw new IllegalArgumentException(what + " is the BigInteger " + b + ", which does not fit in a LONG element"
          + " (64 bits)");
    }
    if (n instanceof BigDecimal b) {
      throw new IllegalArgumentException(what + " is the BigDecimal " + b + ": a lazy array holds doubles, longs,"
          + " ints or booleans, and converting it would round it silently; pass doubleValue() or longValueExact()");
    }
    if (n instanceof java.util.concurrent.atomic.AtomicInteger || n instanceof java.util.concurrent.atomic.AtomicLong
        || n instanceof java.util.concurrent.atomic.LongAdder || n instanceof java.util.concurrent.atomic.DoubleAdder
        || n instanceof java.util.concurrent.atomic.LongAccumulator
        || n instanceof java.util.concurrent.atomic.DoubleAccumulator) {
      String name = n.getClass().getSimpleName();
      throw new IllegalArgumentException(what + " is " + ("AEIOU".indexOf(name.charAt(0)) >= 0 ? "an " : "a ")
          + name + " (now " + n + "), which"
          + " can change after the array is built; pass its current value (get(), sum()) instead");
    }
    throw new IllegalArgumentException(what + " is " + describe(n) + ", a Number type a lazy array does not"
        + " convert; pass doubleValue() or longValue()");
  }

  /** The element type a boxed scalar tells. */
  static ElementType typeOf(Object o, String what) {
    if (o instanceof Number n) {
      checkNumber(n, what);
    }
    if (o instanceof Double || o instanceof Float) {
      return ElementType.DOUBLE;
    }
    if (o instanceof Long || o instanceof BigInteger) {
      return ElementType.LONG;
    }
    if (o instanceof Integer || o instanceof Short || o instanceof Byte) {
      return ElementType.INT;
    }
    if (o instanceof Boolean) {
      return ElementType.BOOLEAN;
    }
    throw new IllegalArgumentException(what + " is " + describe(o) + "; expected a number or a boolean");
  }

  private static IllegalArgumentException wrong(Object o, String what, ElementType expected) {
    return new IllegalArgumentException(what + " is " + describe(o) + "; expected " + expected);
  }

  /** The value and its class, e.g. {@code 2.5 (Double)}; a lambda by its interfaces, not its identity. */
  static String describe(Object o) {
    if (o == null) {
      return "null";
    }
    if (o.getClass().isSynthetic() || o.getClass().getName().contains("$$Lambda")) {
      StringBuilder sb = new StringBuilder("a lambda (");
      Class<?>[] interfaces = o.getClass().getInterfaces();
      for (int i = 0; i < interfaces.length; i++) {
        sb.append(i == 0 ? "" : ", ").append(interfaces[i].getSimpleName());
      }
      return sb.append(')').toString();
    }
    return o + " (" + o.getClass().getSimpleName() + ")";
  }

  /**
   * The element type of a function's array built with {@code from(f, shape, type)}: its natural type, or
   * {@code type} if its results convert to it like scalars do (widening; LONG to INT checked per result).
   *
   * @throws IllegalArgumentException if they do not (DOUBLE to an integer type, anything to BOOLEAN)
   */
  static ElementType checkFunctionConversion(ElementType natural, ElementType type) {
    if (type == null || type == natural) {
      return natural;
    }
    boolean ok = type == ElementType.DOUBLE || natural == ElementType.BOOLEAN
        || type == ElementType.LONG && natural == ElementType.INT
        || type == ElementType.INT && natural == ElementType.LONG;
    if (!ok) {
      throw new IllegalArgumentException("a function returning " + natural + " cannot give " + type
          + " elements (its results convert like scalars: " + natural + " to " + type + " is refused)");
    }
    return type;
  }

  /**
   * A 1-D function whose results are converted to {@code type} as scalars are: widening, LONG to INT checked on
   * each result; a function that cannot give that type (a double one for an integer type) is refused now.
   */
  static Object convertedFunction(Object f, ElementType type) {
    ElementType natural = f instanceof IntToDoubleFunction ? ElementType.DOUBLE
        : f instanceof IntToLongFunction ? ElementType.LONG
        : f instanceof IntUnaryOperator ? ElementType.INT : ElementType.BOOLEAN;
    if (type == null || type == natural) {
      return f;
    }
    checkFunctionConversion(natural, type);
    return switch (type) {
      case DOUBLE -> natural == ElementType.BOOLEAN ? (IntToDoubleFunction) i -> ((IntPredicate) f).test(i) ? 1 : 0
          : natural == ElementType.INT ? (IntToDoubleFunction) i -> ((IntUnaryOperator) f).applyAsInt(i)
          : (IntToDoubleFunction) i -> ((IntToLongFunction) f).applyAsLong(i);
      case LONG -> natural == ElementType.BOOLEAN ? (IntToLongFunction) i -> ((IntPredicate) f).test(i) ? 1 : 0
          : (IntToLongFunction) i -> ((IntUnaryOperator) f).applyAsInt(i);
      case INT -> natural == ElementType.BOOLEAN ? (IntUnaryOperator) i -> ((IntPredicate) f).test(i) ? 1 : 0
          : (IntUnaryOperator) i -> {
            long v = ((IntToLongFunction) f).applyAsLong(i);
            if (v != (int) v) {
              throw new IllegalArgumentException("f(" + i + ") is " + v + ", which does not fit in INT");
            }
            return (int) v;
          };
      case BOOLEAN -> throw new AssertionError("no conversion to BOOLEAN is allowed");
    };
  }
}
