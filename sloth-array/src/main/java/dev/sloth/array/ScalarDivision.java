package dev.sloth.array;

/**
 * {@code x / d} for a block of doubles and one divisor {@code d}, bit-identical to the division, computed with a
 * multiplication and fused multiply-adds, which cost a third of a vector division on current x86 cores. Chosen once
 * per divisor:
 *
 * <ul>
 *   <li><b>d a power of two</b> (reciprocal {@code r = 1/d} exact, even if subnormal): {@code x * r} is the one
 *       rounding of the exact quotient, for every x including zeros, infinities, NaN and subnormal results.
 *   <li><b>Otherwise</b> ({@code d} normal with {@code 1/d} normal): {@code r = RN(1/d)}, {@code q = RN(x r)}, then
 *       Markstein's correction {@code e = fma(-q, d, x)}, {@code q' = fma(e, r, q)}, once or twice. Let
 *       {@code z = x/d} and {@code eps = d r - 1} (computed exactly at set-up, {@code |eps| < 2^-53}).
 *       <ol>
 *         <li>If q is a faithful rounding of z (one of the two doubles around it), e is exact and
 *             {@code q + e r = z + (z - q) eps}. Scale x and d into [1, 2): z and the midpoint m between q and its
 *             neighbour differ by a non-zero multiple of {@code ulp(z) 2^-53 / d}, while {@code |q + e r - z|}
 *             stays below that when z is near m ({@code |z - q|} is then about half an ulp), so {@code q' = RN(z)}
 *             (Markstein's theorem; Handbook of Floating-Point Arithmetic, 2nd ed., section 4.7).
 *         <li>{@code RN(x r)} is faithful when {@code |eps| <= 2^-54}: {@code |x r - z| = |z eps|} is then below half
 *             an ulp of z (for {@code z >= 1} after scaling this holds for every d). One correction suffices; the
 *             one exception, z a power of two reached from below, is corrected all the same. This holds for about
 *             two thirds of the divisors, 3 among them.
 *         <li>For the others, {@code |x r - z|} can reach 1.5 ulp: a first correction gives
 *             {@code |q1 - z| < 4 ulp(z) 2^-53} even with a rounded e, so q1 is faithful and the second correction
 *             rounds correctly.
 *       </ol>
 *       The argument holds without underflow or overflow: {@code |x|} must lie in {@link #low} to {@link #high}
 *       ({@code |x| >= 2^-968} keeps e exact, {@code |z|} between {@code 2^-1020} and {@code 2^1022} keeps every
 *       step normal and finite). This excludes zeros, infinities and NaN. The caller proves the block's values lie
 *       in that range (an interval carried through the kernel); otherwise the block is divided plainly.
 * </ul>
 *
 * Divisors that are zero, infinite, NaN, subnormal or beyond {@code 2^±1021} are always divided plainly.
 * {@code ScalarDivisionTest} checks all this against {@code x / d} bit for bit over tens of millions of operands.
 */
final class ScalarDivision {
  /**
   * True where {@link Math#fma} is a fast intrinsic: on HotSpot with {@code UseFMA} on (the JVM sets it when the
   * CPU has FMA instructions). Elsewhere (a CPU without FMA, {@code -XX:-UseFMA}, a JVM that does not say)
   * {@code Math.fma} is a slow exact software routine, hundreds of times slower than a division, and the
   * corrections are not used. Read once.
   */
  static final boolean FMA_IS_FAST = fmaIsIntrinsic();

  private static boolean fmaIsIntrinsic() {
    try {
      var bean = java.lang.management.ManagementFactory.getPlatformMXBean(
          com.sun.management.HotSpotDiagnosticMXBean.class);
      return bean != null && Boolean.parseBoolean(bean.getVMOption("UseFMA").getValue());
    } catch (RuntimeException | LinkageError e) { // not HotSpot, no such option, management absent
      return false;
    }
  }

  /** Largest {@code |d r - 1|} for which {@code RN(x r)} is faithful for every x. */
  static final double ONE_CORRECTION_EPS = 0x1p-54;

  final double divisor;
  final double reciprocal;
  /** -1: plain division; 0: multiply by the exact reciprocal; 1 or 2: Markstein corrections. */
  final int corrections;
  /** {@code |x|} in [low, high] lets the corrections be used. */
  final double low;
  final double high;

  private ScalarDivision(double divisor, double reciprocal, int corrections, double low, double high) {
    this.divisor = divisor;
    this.reciprocal = reciprocal;
    this.corrections = corrections;
    this.low = low;
    this.high = high;
  }

  static ScalarDivision of(double d) {
    int e = Math.getExponent(d); // 1024 for NaN and infinities, -1023 for zeros and subnormals
    double magnitude = Math.abs(d);
    if (e >= -1022 && e <= 1023 && magnitude == Math.scalb(1.0, e)) {
      return new ScalarDivision(d, 1.0 / d, 0, 0, Double.POSITIVE_INFINITY);
    }
    if (e < -1021 || e > 1021) {
      return new ScalarDivision(d, Double.NaN, -1, 0, 0);
    }
    double scaled = Math.scalb(magnitude, -e); // in (1, 2), exact
    double eps = Math.fma(1.0 / scaled, scaled, -1.0); // exact: a multiple of 2^-105 below 2^-53
    int corrections = Math.abs(eps) <= ONE_CORRECTION_EPS ? 1 : 2;
    double low = Math.scalb(1.0, Math.max(-968, e - 1019));
    double high = Math.scalb(1.0, Math.min(1022 + e, 1023));
    return new ScalarDivision(d, 1.0 / d, corrections, low, high);
  }

  /**
   * True if this divisor has a faster path than the division instruction: a power of two (a multiplication), or
   * corrections where {@link #FMA_IS_FAST}.
   */
  boolean isFast() {
    return corrections == 0 || corrections > 0 && FMA_IS_FAST;
  }

  /**
   * True if the fast path is exact for every value in {@code [min, max]} (a known interval without NaN); always
   * true for powers of two.
   */
  boolean covers(double min, double max) {
    return corrections == 0
        || corrections > 0 && (min >= low && max <= high || max <= -low && min >= -high);
  }

  /**
   * {@code x[i] = ((x[i] op1 c1) op2 c2) / d} for {@code i < n}, each operation rounded on its own: up to two
   * scalar {@code + *} (a subtraction is passed as the addition of {@code -c}, bit for bit the same; absent
   * operations as null) fused into the division's loop, one plain loop per shape so that each vectorises.
   * {@code inRange}: the dividends are known to lie in an interval that {@link #covers} accepts.
   */
  void run(double[] x, int n, BinaryOp op1, double c1, BinaryOp op2, double c2, boolean inRange) {
    int shape = op1 == null ? 0 : op2 == null ? (op1 == BinaryOp.ADD ? 1 : 2)
        : (op1 == BinaryOp.ADD ? 3 : 5) + (op2 == BinaryOp.ADD ? 0 : 1);
    if (corrections <= 0 || !inRange) {
      double r = corrections == 0 ? reciprocal : Double.NaN;
      for (int i = 0; i < n; i++) {
        double v = x[i];
        v = op1 == null ? v : op1 == BinaryOp.ADD ? v + c1 : v * c1;
        v = op2 == null ? v : op2 == BinaryOp.ADD ? v + c2 : v * c2;
        x[i] = corrections == 0 ? v * r : v / divisor;
      }
      return;
    }
    double d = divisor;
    double r = reciprocal;
    boolean two = corrections == 2; // loop-invariant: the JIT unswitches the loops on it
    switch (shape) {
      case 0 -> {
        for (int i = 0; i < n; i++) {
          x[i] = corrected(x[i], d, r, two);
        }
      }
      case 1 -> {
        for (int i = 0; i < n; i++) {
          x[i] = corrected(x[i] + c1, d, r, two);
        }
      }
      case 2 -> {
        for (int i = 0; i < n; i++) {
          x[i] = corrected(x[i] * c1, d, r, two);
        }
      }
      case 3 -> {
        for (int i = 0; i < n; i++) {
          x[i] = corrected((x[i] + c1) + c2, d, r, two);
        }
      }
      case 4 -> {
        for (int i = 0; i < n; i++) {
          x[i] = corrected((x[i] + c1) * c2, d, r, two);
        }
      }
      case 5 -> {
        for (int i = 0; i < n; i++) {
          x[i] = corrected(x[i] * c1 + c2, d, r, two);
        }
      }
      default -> {
        for (int i = 0; i < n; i++) {
          x[i] = corrected((x[i] * c1) * c2, d, r, two);
        }
      }
    }
  }

  private static double corrected(double v, double d, double r, boolean twice) {
    return twice ? twice(v, d, r) : once(v, d, r);
  }

  /** {@code RN(v r)} and one correction: exact when {@code |d r - 1| <= 2^-54} and v is in range. */
  static double once(double v, double d, double r) {
    double q = v * r;
    return Math.fma(Math.fma(-q, d, v), r, q);
  }

  /** {@code RN(v r)} and two corrections: exact for every normal d with a normal reciprocal, v in range. */
  static double twice(double v, double d, double r) {
    double q = v * r;
    q = Math.fma(Math.fma(-q, d, v), r, q);
    return Math.fma(Math.fma(-q, d, v), r, q);
  }
}
