package dev.sloth.array;

/**
 * The element-wise one-operand operations a lazy array can queue. {@code NEGATE} and {@code ABS} keep the
 * element type (integers wrap like NumPy's); the others are NumPy's floating-point ufuncs and give doubles.
 *
 * <pre>{@code
 * a.map(UnaryOp.LOG1P);
 * }</pre>
 */
public enum UnaryOp {
  NEGATE, ABS, SQRT, CBRT, EXP, EXPM1, LOG, LOG10, LOG1P, SIN, COS, TAN, ASIN, ACOS, ATAN, SINH, COSH, TANH,
  FLOOR, CEIL, RINT, SIGN;

  boolean keepsType() {
    return this == NEGATE || this == ABS;
  }

  double apply(double x) {
    return switch (this) {
      case NEGATE -> -x;
      case ABS -> Math.abs(x);
      case SQRT -> Math.sqrt(x);
      case CBRT -> Math.cbrt(x);
      case EXP -> Math.exp(x);
      case EXPM1 -> Math.expm1(x);
      case LOG -> Math.log(x);
      case LOG10 -> Math.log10(x);
      case LOG1P -> Math.log1p(x);
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
      case RINT -> Math.rint(x);
      case SIGN -> Double.isNaN(x) ? x : Math.signum(x);
    };
  }
}
