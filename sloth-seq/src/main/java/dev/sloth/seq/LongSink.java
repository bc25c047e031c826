package dev.sloth.seq;

/** The {@code long} twin of {@link Sink}: returns {@code false} to ask for no more elements. */
@FunctionalInterface
interface LongSink {
  boolean accept(long value);
}
