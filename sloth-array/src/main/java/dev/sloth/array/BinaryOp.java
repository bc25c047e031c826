package dev.sloth.array;

/**
 * The element-wise two-operand operations a lazy array can queue, with NumPy's meaning and NumPy's result types
 * (NEP 50; see {@link ElementType}). Integer operands stay integers for {@code ADD, SUBTRACT, MULTIPLY, POW, FMOD,
 * FLOOR_DIVIDE, REMAINDER, MIN, MAX} (wrapping on overflow like NumPy), and are exact for every {@code long};
 * {@code DIVIDE}, {@code ATAN2}, {@code HYPOT} and {@code LDEXP} give doubles; the comparisons give booleans and
 * compare integers as integers (exactly, also beyond 2^53). Two booleans: {@code ADD} is logical or,
 * {@code MULTIPLY} and, {@code MIN}/{@code MAX} and/or, {@code SUBTRACT} is refused (as in NumPy).
 *
 * <pre>{@code
 * a.combine(BinaryOp.HYPOT, b);          // hypot(a, b)
 * a.combineReversed(BinaryOp.POW, 2.0);  // 2 ** a
 * a.combine(BinaryOp.REMAINDER, 3);      // a % 3, Python's sign rule
 * }</pre>
 */
public enum BinaryOp {
  /** {@code a + b}; for two booleans, logical or. */
  ADD("+"),
  /** {@code a - b}; refused for two booleans. */
  SUBTRACT("-"),
  /** {@code a * b}; for two booleans, logical and. */
  MULTIPLY("*"),
  /** True division {@code a / b}, always DOUBLE. */
  DIVIDE("/"),
  /**
   * {@code a ** b}; integers to integer powers stay integers (negative integer powers are refused); doubles as C's
   * {@code pow}, as in NumPy ({@code 1 ** nan} is 1).
   */
  POW("**"),
  /** NumPy's {@code fmod}: the remainder with the sign of a (C's {@code fmod}, Java's {@code %}). */
  FMOD("fmod"),
  /** NumPy's {@code minimum}: the smaller of a and b, NaN if either is NaN; for booleans, and. */
  MIN("min"),
  /** NumPy's {@code maximum}: the larger of a and b, NaN if either is NaN; for booleans, or. */
  MAX("max"),
  /** {@code atan2(a, b)}: the angle of the point (b, a) in radians, in [-pi, pi], DOUBLE. */
  ATAN2("atan2"),
  /** {@code hypot(a, b)}: sqrt(a^2 + b^2) without intermediate overflow, DOUBLE. */
  HYPOT("hypot"),
  /** Python's floor division {@code a // b}, rounding towards negative infinity; an integer division by 0 gives 0. */
  FLOOR_DIVIDE("//"),
  /** Python's modulo {@code a % b}, with the sign of b; an integer modulo 0 gives 0. */
  REMAINDER("%"),
  /** {@code ldexp(a, b)}: a * 2^b, b an integer exponent (a double exponent is refused), DOUBLE. */
  LDEXP("ldexp"),
  /** {@code a < b}, BOOLEAN. */
  LT("<"),
  /** {@code a <= b}, BOOLEAN. */
  LE("<="),
  /** {@code a > b}, BOOLEAN. */
  GT(">"),
  /** {@code a >= b}, BOOLEAN. */
  GE(">="),
  /** {@code a == b}, BOOLEAN (NaN equals nothing). */
  EQ("=="),
  /** {@code a != b}, BOOLEAN (NaN differs from everything). */
  NE("!=");

  private final String symbol;

  BinaryOp(String symbol) {
    this.symbol = symbol;
  }

  /**
   * The operator or function name, e.g. {@code "+"} or {@code "atan2"}.
   *
   * @return the symbol, as Python writes the operation ({@code "**"}, {@code "//"}) or NumPy names it
   */
  public String symbol() {
    return symbol;
  }

  boolean isComparison() {
    return ordinal() >= LT.ordinal();
  }

  /**
   * The result type of {@code a op b}; {@code weakB}: b is a Java {@code int} scalar, which (like a Python int
   * in NumPy 2) adopts a's type, except that with booleans it is a LONG.
   *
   * @throws IllegalArgumentException for the combinations NumPy refuses (boolean subtraction, a non-integer
   *     exponent of {@code ldexp})
   */
  ElementType resultType(ElementType a, ElementType b, boolean weakB) {
    ElementType p = domainType(a, b, weakB);
    boolean bothBoolean = a == ElementType.BOOLEAN && b == ElementType.BOOLEAN && !weakB;
    return switch (this) {
      case LT, LE, GT, GE, EQ, NE -> ElementType.BOOLEAN;
      case DIVIDE, ATAN2, HYPOT -> ElementType.DOUBLE;
      case LDEXP -> {
        if (b == ElementType.DOUBLE) {
          throw new IllegalArgumentException("ldexp needs an integer exponent (INT, LONG or BOOLEAN), not DOUBLE"
              + " (NumPy refuses it too)");
        }
        yield ElementType.DOUBLE;
      }
      case SUBTRACT -> {
        if (bothBoolean) {
          throw new IllegalArgumentException("boolean subtract is not supported (NumPy refuses it too); "
              + "use ne(...) for exclusive or");
        }
        yield p;
      }
      case ADD, MULTIPLY, MIN, MAX -> bothBoolean ? ElementType.BOOLEAN : p;
      default -> p; // POW, FMOD, FLOOR_DIVIDE, REMAINDER: two booleans give INT (NumPy: int8)
    };
  }

  /** The type both operands are converted to before computing (comparisons compare in it). */
  static ElementType domainType(ElementType a, ElementType b, boolean weakB) {
    if (weakB && b == ElementType.INT) {
      return a == ElementType.BOOLEAN ? ElementType.LONG : a;
    }
    return ElementType.promote(a, b);
  }

  /** True if computed on doubles for these operand types. */
  boolean computesInDouble(ElementType a, ElementType b, boolean weakB) {
    return domainType(a, b, weakB) == ElementType.DOUBLE || resultType(a, b, weakB) == ElementType.DOUBLE;
  }

  double apply(double a, double b) {
    return switch (this) {
      case ADD -> a + b;
      case SUBTRACT -> a - b;
      case MULTIPLY -> a * b;
      case DIVIDE -> a / b;
      case POW -> pow(a, b);
      case FMOD -> a % b; // Java's % on doubles is C's fmod
      case MIN -> a < b || a != a ? a : b; // NumPy's minimum: NaN propagates, equal operands give b
      case MAX -> a > b || a != a ? a : b;
      case ATAN2 -> Math.atan2(a, b);
      case HYPOT -> Math.hypot(a, b);
      case FLOOR_DIVIDE -> floorDivide(a, b);
      case REMAINDER -> remainder(a, b);
      case LDEXP -> Math.scalb(a, b >= Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) b); // (int) saturates below
      default -> test(a, b) ? 1 : 0;
    };
  }

  long apply(long a, long b) {
    return switch (this) {
      case ADD -> a + b;
      case SUBTRACT -> a - b;
      case MULTIPLY -> a * b;
      case POW -> power(a, b);
      case FMOD -> b == 0 ? 0 : a % b; // NumPy gives 0 (with a warning) for integer division by zero
      case FLOOR_DIVIDE -> b == 0 ? 0 : Math.floorDiv(a, b);
      case REMAINDER -> b == 0 ? 0 : Math.floorMod(a, b);
      case MIN -> Math.min(a, b);
      case MAX -> Math.max(a, b);
      case LT, LE, GT, GE, EQ, NE -> test(a, b) ? 1 : 0;
      default -> throw new AssertionError(this + " is not an integer operation");
    };
  }

  /**
   * NumPy's {@code power} on doubles, which is C's {@code pow}: like {@link Math#pow} except that C99 (Annex F)
   * makes {@code 1 ** y} 1 for every y, a NaN included, and {@code (-1) ** +-inf} 1, where Java gives NaN.
   */
  static double pow(double a, double b) {
    if (a == 1.0 || a == -1.0 && Double.isInfinite(b)) {
      return 1.0;
    }
    return Math.pow(a, b);
  }

  /**
   * Python's {@code a // b} on doubles, as NumPy computes it ({@code npy_divmod}): from C's fmod, so that
   * {@code a == (a // b) * b + a % b} as closely as rounding allows, and the quotient is a whole number.
   */
  static double floorDivide(double a, double b) {
    if (b == 0) {
      return a / b;
    }
    double mod = a % b;
    double div = (a - mod) / b;
    if (mod != 0) {
      if ((b < 0) != (mod < 0)) {
        div -= 1.0;
      }
    }
    if (div != 0) {
      double floor = Math.floor(div);
      return div - floor > 0.5 ? floor + 1.0 : floor;
    }
    return Math.copySign(0.0, a / b);
  }

  /** Python's {@code a % b} on doubles (NumPy's {@code remainder}): the sign of b. */
  static double remainder(double a, double b) {
    double mod = a % b;
    if (b == 0) {
      return mod;
    }
    if (mod != 0) {
      return (b < 0) != (mod < 0) ? mod + b : mod;
    }
    return Math.copySign(0.0, b);
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
