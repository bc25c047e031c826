package dev.sloth.graph;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Display names of sources and computed nodes, unique within a graph so that error paths and dumps are unambiguous:
 * the first node given a name keeps it, the second is shown as {@code name#2}, the third {@code name#3}. (Calls of a
 * wrapped function are {@code Name#sequence} already.) The identity of a computed node's body keeps the name as
 * given. One counter per distinct name ever given is kept for the graph's lifetime.
 */
final class Names {
  private final ConcurrentHashMap<String, AtomicInteger> uses = new ConcurrentHashMap<>();

  String unique(String given) {
    int n = uses.computeIfAbsent(given, k -> new AtomicInteger()).incrementAndGet();
    return n == 1 ? given : given + "#" + n;
  }
}
