package dev.sloth.bench.array;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class AlternatedCallsTest {
  @Test
  void eachRoundCallsEveryCaseOnceStartingFromAnotherCase() {
    for (int r = 0; r < 10; r++) {
      int[] o = AlternatedCalls.order(4, r);
      assertThat(o[0]).isEqualTo(r % 4);
      assertThat(Arrays.stream(o).sorted().toArray()).containsExactly(0, 1, 2, 3);
    }
  }

  @Test
  void theRatioIsTakenWithinEachRound() {
    // Sloth at 22 or 33 ms, the hand loop at 27.5 or 26.4 ms: each round's own ratio, then their median.
    double[] sloth = {22, 33, 22, 33, 33};
    double[] hand = {27.5, 26.4, 27.5, 26.4, 26.4};
    double[] r = AlternatedCalls.ratios(hand, sloth);
    assertThat(r).containsExactly(new double[] {1.25, 0.8, 1.25, 0.8, 0.8}, within(1e-12));
    assertThat(AlternatedCalls.median(r)).isCloseTo(0.8, within(1e-12));
    assertThat(AlternatedCalls.median(new double[] {3, 1, 2, 4})).isEqualTo(3);
  }

  @Test
  void theCorrelationSaysWhichSeriesSlothFollows() {
    double[] sloth = {22, 33, 22, 33};
    assertThat(AlternatedCalls.correlation(sloth, new double[] {1, 2, 1, 2})).isCloseTo(1, within(1e-12));
    assertThat(AlternatedCalls.correlation(sloth, new double[] {2, 1, 2, 1})).isCloseTo(-1, within(1e-12));
    assertThat(AlternatedCalls.correlation(sloth, new double[] {1, 1, 2, 2})).isCloseTo(0, within(1e-12));
  }
}
