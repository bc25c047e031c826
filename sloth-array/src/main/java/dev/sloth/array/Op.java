package dev.sloth.array;

import java.util.function.DoubleUnaryOperator;

/**
 * One queued operation: a binary op with a scalar or lazy-array operand (possibly reversed, {@code x op a}), a
 * unary op, a user function, a conversion to another element type (what an in-place operation does to store its
 * result), or {@code where(this, operand, operand2)}. Types are decided, and refused combinations reported, when
 * the operation is queued. {@code weak}: the scalar is a Java {@code int}, which adopts the array's type.
 */
record Op(Kind kind, BinaryOp binary, UnaryOp unary, DoubleUnaryOperator function, Bases.Function1 composed,
    double scalarD, long scalarL,
    boolean weak, LArray operand, LArray operand2, boolean reversed, ElementType in, ElementType operandType,
    ElementType out) {

  enum Kind { BINARY, UNARY, FUNCTION, COMPOSE, CAST, WHERE }

  static Op scalar(BinaryOp op, ElementType in, double d, long l, ElementType scalarType, boolean weak,
      boolean reversed) {
    if (reversed && op == BinaryOp.LDEXP) {
      throw new IllegalArgumentException("ldexp has no reflected form (the exponent must be the integer operand)");
    }
    // value op this promotes like this op value (a scalar is never BOOLEAN, so no refusal depends on the order)
    ElementType out = op.resultType(in, scalarType, weak);
    if (op == BinaryOp.POW && !reversed && l < 0 && scalarType.isIntegral() && out.isIntegral()) {
      throw new IllegalArgumentException(
          "integers to negative integer powers are not allowed (" + in + " array ** " + l + ")");
    }
    return new Op(Kind.BINARY, op, null, null, null, d, l, weak, null, null, reversed, in, scalarType, out);
  }

  static Op array(BinaryOp op, ElementType in, LArray operand, boolean reversed) {
    ElementType operandType = operand.elementType();
    ElementType out = reversed ? op.resultType(operandType, in, false) : op.resultType(in, operandType, false);
    return new Op(Kind.BINARY, op, null, null, null, 0, 0, false, operand, null, reversed, in, operandType, out);
  }

  static Op unary(UnaryOp op, ElementType in) {
    return new Op(Kind.UNARY, null, op, null, null, 0, 0, false, null, null, false, in, null, op.resultType(in));
  }

  static Op function(DoubleUnaryOperator f, ElementType in) {
    return new Op(Kind.FUNCTION, null, null, f, null, 0, 0, false, null, null, false, in, null, ElementType.DOUBLE);
  }

  /** f(element) for a function base f(i) of another array (lazyarray's {@code b(a)}); the elements must be ints. */
  static Op compose(Bases.Function1 f, ElementType in) {
    if (in == ElementType.DOUBLE) {
      throw new IllegalArgumentException("applyTo: the argument's elements are DOUBLE, but the function f(i) takes an"
          + " int; apply a function of a double with argument.apply(f) instead");
    }
    return new Op(Kind.COMPOSE, null, null, null, f, 0, 0, false, null, null, false, in, null, f.type());
  }

  static Op cast(ElementType in, ElementType out) {
    return new Op(Kind.CAST, null, null, null, null, 0, 0, false, null, null, false, in, null, out);
  }

  static Op where(ElementType in, LArray x, LArray y) {
    ElementType out = ElementType.promote(x.elementType(), y.elementType());
    if (x.elementType() == ElementType.BOOLEAN && y.elementType() == ElementType.BOOLEAN) {
      out = ElementType.BOOLEAN;
    }
    return new Op(Kind.WHERE, null, null, null, null, 0, 0, false, x, y, false, in, null, out);
  }

  /** True if the computation runs on doubles (else on longs, booleans as 0/1). */
  boolean inDouble() {
    return switch (kind) {
      case BINARY -> operand != null
          ? (reversed ? binary.computesInDouble(operandType, in, false)
              : binary.computesInDouble(in, operandType, false))
          : binary.computesInDouble(in, operandType, weak);
      case UNARY, FUNCTION, CAST, COMPOSE -> out == ElementType.DOUBLE || !in.isIntegral();
      case WHERE -> out == ElementType.DOUBLE;
    };
  }

  Op withOperands(LArray newOperand, LArray newOperand2) {
    return new Op(kind, binary, unary, function, composed, scalarD, scalarL, weak, newOperand, newOperand2, reversed,
        in, operandType, out);
  }

  @Override
  public String toString() {
    return switch (kind) {
      case UNARY -> unary.name().toLowerCase(java.util.Locale.ROOT);
      case FUNCTION -> "apply(f)";
      case COMPOSE -> "applyTo(" + composed.describe() + ")";
      case CAST -> "as " + out;
      case WHERE -> "where(x, LArray, LArray)";
      case BINARY -> {
        String arg = operand != null ? "LArray" : operandType == ElementType.DOUBLE ? Double.toString(scalarD)
            : Long.toString(scalarL) + (weak ? "" : "L");
        yield reversed ? arg + " " + binary.symbol() + " x" : binary.symbol() + " " + arg;
      }
    };
  }
}
