package dev.sloth.graph;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts calls per name, to prove what ran and how often. */
final class Counter {
  private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

  void hit(String name) {
    counts.computeIfAbsent(name, k -> new AtomicInteger()).incrementAndGet();
  }

  int of(String name) {
    AtomicInteger c = counts.get(name);
    return c == null ? 0 : c.get();
  }

  int total() {
    return counts.values().stream().mapToInt(AtomicInteger::get).sum();
  }

  int maxPerName() {
    return counts.values().stream().mapToInt(AtomicInteger::get).max().orElse(0);
  }

  void reset() {
    counts.clear();
  }
}
