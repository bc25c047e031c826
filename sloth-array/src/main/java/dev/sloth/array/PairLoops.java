package dev.sloth.array;

/**
 * Two consecutive scalar operations of {@code + - * /} on doubles fused into one loop: {@code x = (x op1 a) op2 b}.
 * Java rounds each operation separately (no contraction into FMA), so the result is bit-identical to running
 * the two operations one after the other; the block is loaded and stored once instead of twice. There is one
 * plain loop per pair of operations so that the JIT vectorises each.
 */
final class PairLoops {
  private PairLoops() {}

  /** True if {@code op} is one of the four operations fused here. */
  static boolean fusable(BinaryOp op) {
    return op.ordinal() <= BinaryOp.DIVIDE.ordinal();
  }

  static void run(BinaryOp op1, double a, BinaryOp op2, double b, double[] x, int n) {
    switch (op1.ordinal() * 4 + op2.ordinal()) {
      case 0 -> { // ADD, ADD
        for (int i = 0; i < n; i++) {
          x[i] = (x[i] + a) + b;
        }
      }
      case 1 -> { // ADD, SUBTRACT
        for (int i = 0; i < n; i++) {
          x[i] = (x[i] + a) - b;
        }
      }
      case 2 -> { // ADD, MULTIPLY
        for (int i = 0; i < n; i++) {
          x[i] = (x[i] + a) * b;
        }
      }
      case 3 -> { // ADD, DIVIDE
        for (int i = 0; i < n; i++) {
          x[i] = (x[i] + a) / b;
        }
      }
      case 4 -> { // SUBTRACT, ADD
        for (int i = 0; i < n; i++) {
          x[i] = (x[i] - a) + b;
        }
      }
      case 5 -> { // SUBTRACT, SUBTRACT
        for (int i = 0; i < n; i++) {
          x[i] = (x[i] - a) - b;
        }
      }
      case 6 -> { // SUBTRACT, MULTIPLY
        for (int i = 0; i < n; i++) {
          x[i] = (x[i] - a) * b;
        }
      }
      case 7 -> { // SUBTRACT, DIVIDE
        for (int i = 0; i < n; i++) {
          x[i] = (x[i] - a) / b;
        }
      }
      case 8 -> { // MULTIPLY, ADD
        for (int i = 0; i < n; i++) {
          x[i] = (x[i] * a) + b;
        }
      }
      case 9 -> { // MULTIPLY, SUBTRACT
        for (int i = 0; i < n; i++) {
          x[i] = (x[i] * a) - b;
        }
      }
      case 10 -> { // MULTIPLY, MULTIPLY
        for (int i = 0; i < n; i++) {
          x[i] = (x[i] * a) * b;
        }
      }
      case 11 -> { // MULTIPLY, DIVIDE
        for (int i = 0; i < n; i++) {
          x[i] = (x[i] * a) / b;
        }
      }
      case 12 -> { // DIVIDE, ADD
        for (int i = 0; i < n; i++) {
          x[i] = (x[i] / a) + b;
        }
      }
      case 13 -> { // DIVIDE, SUBTRACT
        for (int i = 0; i < n; i++) {
          x[i] = (x[i] / a) - b;
        }
      }
      case 14 -> { // DIVIDE, MULTIPLY
        for (int i = 0; i < n; i++) {
          x[i] = (x[i] / a) * b;
        }
      }
      case 15 -> { // DIVIDE, DIVIDE
        for (int i = 0; i < n; i++) {
          x[i] = (x[i] / a) / b;
        }
      }
      default -> throw new AssertionError(op1 + ", " + op2 + " are not fusable");
    }
  }
}
