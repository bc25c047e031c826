package dev.sloth.array;

import java.util.function.DoubleUnaryOperator;

/**
 * One queued operation: a binary op with a scalar or lazy-array operand (possibly reversed, {@code x op a}), a
 * unary op, or a user function. Types are decided when the operation is queued.
 */
record Op(BinaryOp binary, UnaryOp unary, DoubleUnaryOperator function, double scalarD, long scalarL,
    LArray operand, boolean reversed, ElementType in, ElementType operandType, ElementType out) {

  static Op binary(BinaryOp op, ElementType in, double d, long l, ElementType scalarType, LArray operand,
      boolean reversed) {
    ElementType operandType = operand != null ? operand.elementType() : scalarType;
    ElementType out = op.resultType(in, operandType);
    return new Op(op, null, null, d, l, operand, reversed, in, operandType, out);
  }

  static Op unary(UnaryOp op, ElementType in) {
    if (op == UnaryOp.NEGATE && in == ElementType.BOOLEAN) {
      throw new IllegalArgumentException("negate is not defined for BOOLEAN arrays (NumPy refuses it too)");
    }
    ElementType out = op.keepsType() ? in : ElementType.DOUBLE;
    return new Op(null, op, null, 0, 0, null, false, in, null, out);
  }

  static Op function(DoubleUnaryOperator f) {
    return new Op(null, null, f, 0, 0, null, false, ElementType.DOUBLE, null, ElementType.DOUBLE);
  }

  Op withOperand(LArray newOperand) {
    return new Op(binary, unary, function, scalarD, scalarL, newOperand, reversed, in, operandType, out);
  }

  @Override
  public String toString() {
    if (unary != null) {
      return unary.name().toLowerCase(java.util.Locale.ROOT);
    }
    if (function != null) {
      return "apply(f)";
    }
    String arg = operand != null ? "LArray" : operandType == ElementType.DOUBLE ? Double.toString(scalarD)
        : Long.toString(scalarL);
    return reversed ? arg + " " + binary.symbol() + " x" : binary.symbol() + " " + arg;
  }
}
