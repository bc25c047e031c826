package dev.sloth.seq;

import java.util.Iterator;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/** A resource-owning source that counts how often it is opened and closed, and how many elements it gave. */
final class Counting {
  final AtomicInteger opens = new AtomicInteger();
  final AtomicInteger closes = new AtomicInteger();
  final AtomicInteger pulled = new AtomicInteger();

  /** {@code 0 .. n-1}, opening a counted resource per iteration. */
  Seq<Integer> range(int n) {
    return Seq.using(() -> {
      opens.incrementAndGet();
      return (AutoCloseable) closes::incrementAndGet;
    }, r -> counted(IntStream.range(0, n).iterator()));
  }

  private Iterator<Integer> counted(Iterator<Integer> it) {
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return it.hasNext();
      }

      @Override
      public Integer next() {
        pulled.incrementAndGet();
        return it.next();
      }
    };
  }

  boolean balanced() {
    return opens.get() == closes.get();
  }

  @Override
  public String toString() {
    return "opens=" + opens + " closes=" + closes;
  }
}
