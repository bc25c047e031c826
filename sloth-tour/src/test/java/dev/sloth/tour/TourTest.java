package dev.sloth.tour;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The tour's section words: one that selects nothing is reported, not run as an empty tour. */
class TourTest {
  @Test
  void aWordThatSelectsNoSectionIsReportedAndTheOthersAreNot() {
    assertThat(Tour.unmatched(new String[] {"graph", "LAZY", "dashbord", "live"})).containsExactly("'dashbord'");
    assertThat(Tour.unmatched(new String[0])).isEmpty();
  }
}
