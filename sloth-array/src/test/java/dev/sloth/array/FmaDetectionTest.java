package dev.sloth.array;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 12's cliff: where {@code Math.fma} is not an intrinsic ({@code -XX:-UseFMA}, or a CPU without FMA) it is a
 * slow software routine, so the kernel must not use the FMA corrections there. A child JVM started with
 * {@code -XX:-UseFMA} detects it and compiles the benchmark's chain into plain divisions, with the same bits, both in
 * the kernel's steps and in the generated loop ({@link FusedLoops}).
 */
class FmaDetectionTest {

  /** Run in the child JVM: prints the detection, the compiled kernel and a checksum of the chain's result. */
  public static void main(String[] args) {
    LArray chain = chain();
    System.out.println(ScalarDivision.FMA_IS_FAST);
    System.out.println(Kernel.compile(chain, Kernel.BLOCK, false));
    System.out.println(Kernel.compile(chain, Kernel.BLOCK));
    System.out.println(checksum(chain.evaluate()));
  }

  static LArray chain() {
    double[] data = new double[5000];
    for (int i = 0; i < data.length; i++) {
      data[i] = i * 0.001;
    }
    LArray a = LArray.of(data);
    for (int k = 0; k < 5; k++) {
      a = a.times(2.0).plus(1.0).div(3.0);
    }
    return a.sqrt();
  }

  static long checksum(Evaluated e) {
    long h = 0;
    for (double v : e.toDoubleArray()) {
      h = h * 31 + Double.doubleToRawLongBits(v);
    }
    return h;
  }

  @Test
  void withoutTheFmaIntrinsicTheKernelDividesPlainlyWithTheSameBits() throws Exception {
    List<String> out = ChildJvm.run(List.of("-XX:-UseFMA", "-Xshare:auto"), System.getProperty("java.class.path"),
        FmaDetectionTest.class);
    assertThat(out).hasSize(4);
    assertThat(out.get(0)).as("-XX:-UseFMA is detected").isEqualTo("false");
    assertThat(out.get(1)).doesNotContain("DivisionStep(1").doesNotContain("DivisionStep(2");
    assertThat(out.get(2)).as("the generated loop divides").isEqualTo("[FusedLoop(* + / * + / * + / * + / * + / sqrt)]");
    assertThat(Long.parseLong(out.get(3))).as("same bits as with FMA").isEqualTo(checksum(chain().evaluate()));
  }

  @Test
  void withTheIntrinsicTheChainUsesOneCorrectionPerDivision() {
    String kernel = Kernel.compile(chain(), Kernel.BLOCK, false).toString();
    String fused = Kernel.compile(chain(), Kernel.BLOCK).toString();
    if (ScalarDivision.FMA_IS_FAST) {
      assertThat(kernel).isEqualTo("[DivisionStep(1 correction), DivisionStep(1 correction), "
          + "DivisionStep(1 correction), DivisionStep(1 correction), DivisionStep(1 correction), UnaryStep]");
      assertThat(fused).isEqualTo("[FusedLoop(* + /1 * + /1 * + /1 * + /1 * + /1 sqrt)]");
    } else {
      assertThat(kernel).doesNotContain("correction");
      assertThat(fused).isEqualTo("[FusedLoop(* + / * + / * + / * + / * + / sqrt)]");
    }
  }
}
