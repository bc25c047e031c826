package dev.sloth.array;

/** Checked conversions of boxed elements to the primitive element types, with messages naming the element. */
final class Elements {
  private Elements() {}

  static double toDouble(Object o, String what) {
    if (o instanceof Number n) {
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

  /** The element type a boxed scalar tells. */
  static ElementType typeOf(Object o, String what) {
    if (o instanceof Double || o instanceof Float) {
      return ElementType.DOUBLE;
    }
    if (o instanceof Long) {
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

  static String describe(Object o) {
    return o == null ? "null" : o + " (" + o.getClass().getSimpleName() + ")";
  }
}
