package dev.sloth.graph;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Display names of sources and computed nodes, unique among a graph's live nodes so that error paths and dumps are
 * unambiguous: the first node given a name keeps it, the second is shown as {@code name#2}, the third {@code name#3}.
 * (Calls of a wrapped function are {@code Name#sequence} already.) The identity of a computed node's body keeps the
 * name as given.
 *
 * <p>A name's counter lives while some node named from it does: each such node's table reference carries the name
 * given ({@link Registry.NamedRef}), and when the collector has cleared the last of them the counter goes, so that a
 * process making a source per request ({@code "user-" + id}) does not keep a counter for every name it ever used.
 * A name whose nodes are all gone starts again as given: the number counts the nodes of that name alive together,
 * not every one ever made. Both operations run under the map's lock for the name ({@code compute}).
 */
final class Names {
  /** How many nodes were given a name, and how many of them are alive; guarded by the map's lock for the name. */
  private static final class Use {
    long given;
    long live;
  }

  private final ConcurrentHashMap<String, Use> uses = new ConcurrentHashMap<>();

  /** A name for a new node asked to be called {@code given}; the caller registers the node under it. */
  String unique(String given) {
    long[] number = new long[1];
    uses.compute(given, (k, was) -> {
      Use now = was != null ? was : new Use();
      number[0] = ++now.given; // read under the lock: another thread's call may raise it as soon as it is released
      now.live++;
      return now;
    });
    return number[0] == 1 ? given : given + "#" + number[0];
  }

  /** A node named from {@code given} was collected: the last one frees the name (its counter goes). */
  void released(String given) {
    uses.computeIfPresent(given, (k, u) -> --u.live == 0 ? null : u);
  }

  /** The names with a counter, for tests. */
  int size() {
    return uses.size();
  }
}
