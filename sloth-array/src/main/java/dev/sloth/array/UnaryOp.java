package dev.sloth.array;

/**
 * The element-wise one-operand operations a lazy array can queue, with NumPy's result types: {@code NEGATE},
 * {@code ABS}, {@code SIGN}, {@code FLOOR}, {@code CEIL} and {@code TRUNC} keep an integer type (integers wrap
 * like NumPy's; {@code NEGATE} and {@code SIGN} refuse booleans, as NumPy does); {@code ISNAN}, {@code ISINF} and
 * {@code ISFINITE} give booleans; the others are floating-point functions and give doubles (NumPy computes them
 * on booleans in float16; here booleans become the doubles 0 and 1).
 *
 * <pre>{@code
 * a.map(UnaryOp.LOG1P);
 * a.map(UnaryOp.ISNAN);   // BOOLEAN
 * }</pre>
 */
public enum UnaryOp {
  /** {@code -a}; keeps the type, integers wrap (the negation of the smallest value is itself); refused for booleans. */
  NEGATE,
  /** {@code |a|}; keeps the type, integers wrap like NumPy's (the absolute value of the smallest value is itself). */
  ABS,
  /** The square root, NaN below 0. */
  SQRT,
  /** The cube root. */
  CBRT,
  /** {@code e^a}. */
  EXP,
  /** {@code e^a - 1}, accurate near 0. */
  EXPM1,
  /** {@code 2^a}. */
  EXP2,
  /** The natural logarithm, NaN below 0, -infinity at 0. */
  LOG,
  /** The base-10 logarithm. */
  LOG10,
  /** {@code ln(1 + a)}, accurate near 0. */
  LOG1P,
  /** The base-2 logarithm. */
  LOG2,
  /** The sine of a in radians. */
  SIN,
  /** The cosine of a in radians. */
  COS,
  /** The tangent of a in radians. */
  TAN,
  /** The arc sine, in radians, in [-pi/2, pi/2]; NaN outside [-1, 1]. */
  ASIN,
  /** The arc cosine, in radians, in [0, pi]; NaN outside [-1, 1]. */
  ACOS,
  /** The arc tangent, in radians, in [-pi/2, pi/2]. */
  ATAN,
  /** The hyperbolic sine. */
  SINH,
  /** The hyperbolic cosine. */
  COSH,
  /** The hyperbolic tangent. */
  TANH,
  /** The largest integer not above a; keeps an integer type unchanged. */
  FLOOR,
  /** The smallest integer not below a; keeps an integer type unchanged. */
  CEIL,
  /** {@code a} rounded towards 0; keeps an integer type unchanged. */
  TRUNC,
  /** {@code a} rounded to the nearest integer, ties to even, as a DOUBLE. */
  RINT,
  /** -1, 0 or 1 by the sign of a (NaN stays NaN); keeps the type; refused for booleans. */
  SIGN,
  /** True where a is NaN, BOOLEAN. */
  ISNAN,
  /** True where a is an infinity, BOOLEAN. */
  ISINF,
  /** True where a is neither NaN nor an infinity, BOOLEAN. */
  ISFINITE;

  private static final double LN2 = 0.6931471805599453;

  /** The result type on elements of type {@code in}. @throws IllegalArgumentException if NumPy refuses it */
  ElementType resultType(ElementType in) {
    if (in == ElementType.BOOLEAN && (this == NEGATE || this == SIGN)) {
      throw new IllegalArgumentException(
          name().toLowerCase(java.util.Locale.ROOT) + " is not defined for BOOLEAN arrays (NumPy refuses it too)");
    }
    return switch (this) {
      case NEGATE, ABS, SIGN, FLOOR, CEIL, TRUNC -> in;
      case ISNAN, ISINF, ISFINITE -> ElementType.BOOLEAN;
      default -> ElementType.DOUBLE;
    };
  }

  boolean isPredicate() {
    return this == ISNAN || this == ISINF || this == ISFINITE;
  }

  /** The predicates on doubles: isnan, isinf, isfinite. */
  boolean test(double x) {
    return switch (this) {
      case ISNAN -> x != x;
      case ISINF -> Double.isInfinite(x);
      case ISFINITE -> Double.isFinite(x);
      default -> throw new AssertionError(this + " is not a predicate");
    };
  }

  /** The operations that keep an integer type, on integers (booleans as 0/1). */
  long apply(long x) {
    return switch (this) {
      case NEGATE -> -x;
      case ABS -> Math.abs(x);
      case SIGN -> Long.signum(x);
      case FLOOR, CEIL, TRUNC -> x;
      case ISNAN, ISINF -> 0;
      case ISFINITE -> 1;
      default -> throw new AssertionError(this + " does not keep an integer type");
    };
  }

  double apply(double x) {
    return switch (this) {
      case NEGATE -> -x;
      case ABS -> Math.abs(x);
      case SQRT -> Math.sqrt(x);
      case CBRT -> Math.cbrt(x);
      case EXP -> Math.exp(x);
      case EXPM1 -> Math.expm1(x);
      case EXP2 -> Math.pow(2.0, x);
      case LOG -> Math.log(x);
      case LOG10 -> Math.log10(x);
      case LOG1P -> Math.log1p(x);
      case LOG2 -> log2(x);
      case SIN -> Math.sin(x);
      case COS -> Math.cos(x);
      case TAN -> Math.tan(x);
      case ASIN -> Math.asin(x);
      case ACOS -> Math.acos(x);
      case ATAN -> Math.atan(x);
      case SINH -> Math.sinh(x);
      case COSH -> Math.cosh(x);
      case TANH -> Math.tanh(x);
      case FLOOR -> Math.floor(x);
      case CEIL -> Math.ceil(x);
      case TRUNC -> x < 0 ? Math.ceil(x) : Math.floor(x);
      case RINT -> Math.rint(x);
      case SIGN -> x > 0 ? 1.0 : x < 0 ? -1.0 : x == 0 ? 0.0 : x; // NumPy: sign(-0.0) is 0.0
      case ISNAN, ISINF, ISFINITE -> test(x) ? 1 : 0;
    };
  }

  /** log2, exact for powers of two: the exponent plus log(m)/ln 2 for the significand m in [sqrt(1/2), sqrt(2)). */
  static double log2(double x) {
    if (!(x > 0) || Double.isInfinite(x)) {
      return Math.log(x); // NaN, -inf for zeros, NaN for negatives, inf for inf
    }
    int e = Math.getExponent(x);
    if (e == Double.MIN_EXPONENT - 1) { // subnormal
      x *= 0x1p54;
      e = Math.getExponent(x) - 54;
    }
    double m = Math.scalb(x, -Math.getExponent(x)); // in [1, 2)
    if (m > 1.4142135623730951) {
      m *= 0.5;
      e++;
    }
    return e + Math.log(m) / LN2;
  }
}
