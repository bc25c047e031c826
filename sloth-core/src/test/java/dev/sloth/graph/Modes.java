package dev.sloth.graph;

import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/** The two ways a graph runs, for parameterized tests. */
final class Modes {
  private Modes() {}

  static Stream<Arguments> graphs() {
    return Stream.of(
        Arguments.of("sequential", (Supplier<Graph>) () -> Graph.builder().sequential().build()),
        Arguments.of("parallel", (Supplier<Graph>) Graph::create));
  }
}
