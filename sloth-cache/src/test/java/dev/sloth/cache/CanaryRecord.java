package dev.sloth.cache;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A record that nothing registers: initializing it writes the file named by the system property {@code
 * sloth.canary}. The canary test forges a cache record naming this class and checks that the file never appears
 * (and, as a control, that it does appear once the class is really initialized).
 */
record CanaryRecord(int x) {
  static {
    try {
      Files.writeString(Path.of(System.getProperty("sloth.canary")), "CanaryRecord was initialized");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
