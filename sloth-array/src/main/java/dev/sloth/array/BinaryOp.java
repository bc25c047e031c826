package dev.sloth.array;

/**
 * The element-wise two-operand operations a lazy array can queue, with NumPy's meaning. Integer operands stay
 * integers for {@code ADD, SUBTRACT, MULTIPLY, POW, FMOD, MIN, MAX} (wrapping on overflow like NumPy);
 * {@code DIVIDE}, {@code ATAN2} and {@code HYPOT} always give doubles; the comparisons give booleans.
 *
 * <pre>{@code
 * a.combine(BinaryOp.HYPOT, b);          // hypot(a, b)
 * a.combineReversed(BinaryOp.POW, 2.0);  // 2 ** a
 * }</pre>
 */
public enum BinaryOp {
  ADD("+"), SUBTRACT("-"), MULTIPLY("*"), DIVIDE("/"), POW("**"), FMOD("fmod"), MIN("min"), MAX("max"),
  ATAN2("atan2"), HYPOT("hypot"), LT("<"), LE("<="), GT(">"), GE(">="), EQ("=="), NE("!=");

  private final String symbol;

  BinaryOp(String symbol) {
    this.symbol = symbol;
  }

  /** The operator or function name, e.g. {@code "+"} or {@code "atan2"}. */
  public String symbol() {
    return symbol;
  }

  boolean isComparison() {
    return ordinal() >= LT.ordinal();
  }

  /** The result type for operands of types a and b. */
  ElementType resultType(ElementType a, ElementType b) {
    if (isComparison()) {
      return ElementType.BOOLEAN;
    }
    if (this == DIVIDE || this == ATAN2 || this == HYPOT) {
      return ElementType.DOUBLE;
    }
    return ElementType.promote(a, b);
  }

  /** True if computed on doubles for operand types a and b. */
  boolean computesInDouble(ElementType a, ElementType b) {
    return ElementType.promote(a, b) == ElementType.DOUBLE || resultType(a, b) == ElementType.DOUBLE;
  }

  double apply(double a, double b) {
    return switch (this) {
      case ADD -> a + b;
      case SUBTRACT -> a - b;
      case MULTIPLY -> a * b;
      case DIVIDE -> a / b;
      case POW -> Math.pow(a, b);
      case FMOD -> a % b; // Java's % on doubles is C's fmod
      case MIN -> Math.min(a, b);
      case MAX -> Math.max(a, b);
      case ATAN2 -> Math.atan2(a, b);
      case HYPOT -> Math.hypot(a, b);
      default -> test(a, b) ? 1 : 0;
    };
  }

  long apply(long a, long b) {
    return switch (this) {
      case ADD -> a + b;
      case SUBTRACT -> a - b;
      case MULTIPLY -> a * b;
      case POW -> power(a, b);
      case FMOD -> b == 0 ? 0 : a % b; // NumPy gives 0 (with a warning) for integer fmod by zero
      case MIN -> Math.min(a, b);
      case MAX -> Math.max(a, b);
      case LT, LE, GT, GE, EQ, NE -> test(a, b) ? 1 : 0;
      default -> throw new AssertionError(this + " is not an integer operation");
    };
  }

  boolean test(double a, double b) {
    if (Double.isNaN(a) || Double.isNaN(b)) {
      return this == NE; // every comparison with NaN is false, except !=
    }
    return holds(a < b ? -1 : a > b ? 1 : 0);
  }

  boolean test(long a, long b) {
    return holds(Long.compare(a, b));
  }

  /** Whether this comparison holds for operands whose comparison is {@code cmp} (negative, 0, positive). */
  private boolean holds(int cmp) {
    return switch (this) {
      case LT -> cmp < 0;
      case LE -> cmp <= 0;
      case GT -> cmp > 0;
      case GE -> cmp >= 0;
      case EQ -> cmp == 0;
      case NE -> cmp != 0;
      default -> throw new AssertionError(this + " is not a comparison");
    };
  }

  static long power(long base, long exponent) {
    if (exponent < 0) {
      throw new ArithmeticException(
          "integers to negative integer powers are not allowed (" + base + " ** " + exponent + ")");
    }
    long result = 1;
    long b = base;
    long e = exponent;
    while (e != 0) {
      if ((e & 1) != 0) {
        result *= b;
      }
      b *= b;
      e >>= 1;
    }
    return result;
  }
}
