package dev.sloth.array;

import java.util.List;

/**
 * One queued operation of a lazy array, for inspection ({@link LArray#operations()}, lazyarray's
 * {@code operations}): its name, its operands, whether it is reflected, and the element type it produces.
 *
 * <p>{@code name} is the operator or function: a {@link BinaryOp#symbol()} ({@code "+"}, {@code "atan2"},
 * {@code "<"} ...), a lower-case {@link UnaryOp} name ({@code "sqrt"}), {@code "apply"} (the operand is the
 * {@code DoubleUnaryOperator}), {@code "applyTo"} (lazyarray's {@code b(a)}; the operand is the function),
 * {@code "astype"} (an in-place operation storing its result back; the operand is the {@link ElementType}) or
 * {@code "where"} (the operands are x and y). Scalar operands are a {@code Double}, a {@code Long} or an
 * {@code Integer} (a Java {@code int}, which adopts the array's type), array operands an {@link LArray}.
 *
 * <pre>{@code
 * LArray a = LArray.of(new double[] {1, 2}).times(2).rminus(1.0).sqrt();
 * a.operations();   // [* 2 -> DOUBLE, 1.0 - x -> DOUBLE, sqrt -> DOUBLE]
 * a.operations().get(1).operands();   // [1.0]
 * }</pre>
 *
 * @param name the operator or function
 * @param operands the operands besides the array itself (none for unary operations)
 * @param reversed true for a reflected operation, {@code value op this}
 * @param resultType the element type after this operation
 */
public record Operation(String name, List<Object> operands, boolean reversed, ElementType resultType) {
  /** Copies the operands. */
  public Operation {
    operands = List.copyOf(operands);
  }

  static Operation of(Op op) {
    return switch (op.kind()) {
      case BINARY -> new Operation(op.binary().symbol(), List.of(op.operand() != null ? op.operand()
          : op.operandType() == ElementType.DOUBLE ? (Object) op.scalarD()
          : op.weak() ? (Object) (int) op.scalarL() : (Object) op.scalarL()), op.reversed(), op.out());
      case UNARY -> new Operation(op.unary().name().toLowerCase(java.util.Locale.ROOT), List.of(), false, op.out());
      case FUNCTION -> new Operation("apply", List.of(op.function()), false, op.out());
      case COMPOSE -> new Operation("applyTo", List.of(op.composed().value()), false, op.out());
      case CAST -> new Operation("astype", List.of(op.out()), false, op.out());
      case WHERE -> new Operation("where", List.of(op.operand(), op.operand2()), false, op.out());
    };
  }

  /** E.g. {@code * 2 -> DOUBLE}, {@code 1.0 - x -> DOUBLE}, {@code sqrt -> DOUBLE}. */
  @Override
  public String toString() {
    String args = operands.isEmpty() ? "" : operands.size() == 1 ? String.valueOf(operands.get(0))
        : operands.toString();
    String body = operands.isEmpty() ? name : reversed ? args + " " + name + " x" : name + " " + args;
    return body + " -> " + resultType;
  }
}
