package dev.sloth.dash;

import dev.sloth.graph.EvaluationException;
import dev.sloth.graph.GraphListener;
import dev.sloth.graph.GraphSnapshot;
import dev.sloth.graph.NodeState;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the dashboard knows about the graph: one record per node, aggregates per function, failures, the task
 * stream's bars and the last {@code get()}. Written only by the pump thread, which feeds it snapshots and events in
 * time order; read by HTTP handlers for node detail and exports. All access holds the model's monitor, which engine
 * threads never touch.
 *
 * <p><b>Snapshots and events.</b> A {@code g.dump()} is the truth at the instant it was taken: it sets every node's
 * state, the dependency edges and the layout. Events then move states forward: started makes a node running, finished
 * or a cache hit makes it done, a failure makes it failed, and a source's invalidation makes every done node below it
 * (by the last snapshot's edges) stale. An event older than the last snapshot (it was in flight while the snapshot
 * was taken) updates the statistics but not the state, which the snapshot already shows. Nodes are matched by name,
 * the only identity events carry and one the engine keeps unique ({@code x}, {@code x#2}); records of nodes with the
 * same name would be linked as twins and share events until the next snapshot.
 */
final class Model {
  static final int WAITING = 0;
  static final int RUNNING = 1;
  static final int DONE = 2;
  static final int FAILED = 3;
  static final int STALE = 4;
  static final String[] STATES = {"waiting", "running", "done", "failed", "stale"};
  /** Up to this many nodes the graph view draws one box per node; above, one box per function group. */
  static final int MAX_NODES_DRAWN = 2000;
  /** Most function groups drawn (each is at most 7 SVG elements, so the view stays under 2,000 elements). */
  static final int MAX_GROUPS = 250;
  /** Most bars kept for the task stream of one {@code get()}, after merging; older ones are dropped. */
  static final int MAX_BARS = 4000;
  /** Most uncoalesced runs kept per {@code get()} for the trace export and critical path. */
  static final int MAX_RUNS = 200_000;
  /** Consecutive runs of one function on one lane closer than this merge into one bar. */
  static final long MERGE_GAP_NANOS = 1_000_000;
  static final int MAX_FAILURES_SHOWN = 200;
  /**
   * Most functions kept with no node in the graph (their nodes were all collected) for their run statistics; a
   * function (or source, or computed node: each is its own function) that has no node and never ran is dropped.
   */
  static final int MAX_GONE_FNS = 200;
  /** Above this many task-stream lanes (and twice as many as the last compaction kept), unused ones are forgotten. */
  static final int MAX_LANES = 256;
  private static final int[] NONE = new int[0];
  private static final long[] NO_IDS = new long[0];

  final long origin = System.nanoTime();
  /** Why the persistent cache ran or recalled a node (see {@link Dashboard.Builder#explainingWith}), or null. */
  private final java.util.function.Function<? super dev.sloth.graph.Node<?>, String> explainer;

  Model(java.util.function.Function<? super dev.sloth.graph.Node<?>, String> explainer) {
    this.explainer = explainer;
  }

  // ---------------------------------------------------------------------------------------------- records

  static final class Rec {
    long id = -1;
    String name;
    Fn fn;
    char kind = 'c';
    int state = WAITING;
    String value;
    long[] deps = NO_IDS;
    long[] dependents = NO_IDS;
    long lastNanos = -1;
    /** Whether {@link #lastNanos} is an estimate: the engine did not time that run (see {@link Tap}). */
    boolean lastEstimated;
    long runs;
    long startedAt;
    /** No longer in the model (its node is gone, or a snapshot gave it another record). */
    boolean dead;
    /** Whether {@link #why} is only "recomputed", to be replaced by the set that caused it if one is found. */
    boolean whyGuessed;
    /** When it last finished or was found valid (nanoTime): a set after that makes it stale. */
    long doneAt = Long.MIN_VALUE;
    /** The state before the current run started: tells a first computation from a recomputation. */
    int beforeRun = WAITING;
    String why;
    String pendingWhy;
    String error;
    boolean ranInLastGet;
    int slot = -1;
    Rec twin;
    /** The node itself, once an event has shown it (for the persistent cache's explanation); held weakly. */
    java.lang.ref.WeakReference<dev.sloth.graph.Node<?>> node;
    /** The critical-path pass of episode {@code pathEpisode}: the heaviest chain ending here, and its previous node. */
    int pathEpisode;
    double pathMs;
    Rec pathVia;
  }

  /** Its counters of runs and failures are longs, as are a node's and a {@code get()}'s: a day of runs passes 2^31. */
  static final class Fn {
    /** Its place in {@link Model#fnList} and on the page; renumbered only with a new structure (see prune). */
    int index;
    final String name;
    /** When it last had a node in a snapshot, ran or failed (nanoTime): the least recent go first. */
    long seen;
    final int[] counts = new int[5];
    long runs;
    long totalNanos;
    long failures;
    /** Runs the engine did not time; their share of {@link #totalNanos} is {@link #meanTimedNanos()} each. */
    long estimated;
    private long timedRuns;
    private long timedNanos;

    /** A run the engine timed. */
    void timed(long nanos) {
      timedRuns++;
      timedNanos += nanos;
    }

    /** The mean of this function's timed runs (0 before any): what an untimed run is taken to have lasted. */
    long meanTimedNanos() {
      return timedRuns == 0 ? 0 : timedNanos / timedRuns;
    }

    Fn(int index, String name) {
      this.index = index;
      this.name = name;
    }
  }

  /**
   * One bar of the task stream: {@code count} runs of {@code fn} on {@code lane}, the first named {@code name};
   * {@code estimated} of them were not timed by the engine, so the bar's length is partly an estimate.
   */
  record Bar(int lane, String name, Fn fn, long start, long end, boolean failed, int count, int estimated) {}

  /** One failed node: its error, the path from the requested node down to it, and whether it threw itself. */
  static final class Failure {
    final Rec rec;
    String error;
    boolean root;
    List<String> path = List.of();
    String requested;
    long time;

    Failure(Rec rec) {
      this.rec = rec;
    }
  }

  /** One top-level {@code get()} (with the nested and concurrent ones that overlapped it). */
  static final class Episode {
    final int number;
    final String requested;
    final long start;
    long end = -1;
    long planned;
    boolean ok = true;
    long ran;
    long hits;
    long failed;
    final Runs runs = new Runs();
    List<String> critical = List.of();
    double criticalMs;

    Episode(int number, String requested, long start) {
      this.number = number;
      this.requested = requested;
      this.start = start;
    }
  }

  /** Every run of one {@code get()}, in primitive arrays (a run costs no object), for the trace and critical path. */
  static final class Runs {
    int size;
    long dropped;
    int[] lane = new int[64];
    Rec[] rec = new Rec[64];
    long[] start = new long[64];
    long[] end = new long[64];
    boolean[] failed = new boolean[64];
    /** Runs the engine did not time: their end is start plus their function's mean timed run. */
    boolean[] estimated = new boolean[64];

    void add(int l, Rec r, long s, long e, boolean f, boolean guessed) {
      if (size == MAX_RUNS) {
        dropped++;
        return;
      }
      if (size == lane.length) {
        int n = Math.min(MAX_RUNS, size * 2);
        lane = Arrays.copyOf(lane, n);
        rec = Arrays.copyOf(rec, n);
        start = Arrays.copyOf(start, n);
        end = Arrays.copyOf(end, n);
        failed = Arrays.copyOf(failed, n);
        estimated = Arrays.copyOf(estimated, n);
      }
      lane[size] = l;
      rec[size] = r;
      start[size] = s;
      end[size] = e;
      failed[size] = f;
      estimated[size] = guessed;
      size++;
    }
  }

  private final Map<Long, Rec> byId = new HashMap<>();
  private final Map<String, Rec> byName = new HashMap<>();
  private final Map<String, Fn> fns = new LinkedHashMap<>();
  private final List<Fn> fnList = new ArrayList<>();
  private final Map<Rec, Failure> failures = new LinkedHashMap<>();
  private final List<String> lanes = new ArrayList<>();
  private final Map<String, Integer> laneIndex = new HashMap<>();
  /** How many lanes the last {@link #compactLanes} kept. */
  private int lanesKept;
  private final long[] virtualEnds = new long[16];
  private static final String[] VIRTUAL = new String[16];

  static {
    for (int i = 0; i < VIRTUAL.length; i++) {
      VIRTUAL[i] = "virtual " + (i + 1);
    }
  }
  private final int[] totals = new int[5];

  // the drawing
  boolean grouped;
  private Rec[] drawn = new Rec[0];
  private int[][] drawnDeps = new int[0][];
  private Fn[] groups = new Fn[0];
  private int[] groupOfFn = NONE;
  private int[][] groupEdges = new int[0][];
  private Layout layout = Layout.layered(0, new int[0][]);
  private long signature = Long.MIN_VALUE;
  int structureVersion;

  // the task stream and get()s
  private final ArrayDeque<Bar> bars = new ArrayDeque<>();
  private final List<OpenBar> openBars = new ArrayList<>();
  private int open;
  private int episodes;
  Episode current;
  Episode last;

  // the last snapshot
  private long stateFloor = Long.MIN_VALUE;
  private long lastDumpNanos;
  long droppedEvents;

  // what changed since the last delta
  private final Set<Rec> changedNodes = new LinkedHashSet<>();
  private final Set<Fn> changedFns = new LinkedHashSet<>();
  private final List<Bar> newBars = new ArrayList<>();
  private boolean failuresChanged;
  private boolean evalChanged;
  private boolean lanesChanged;
  /** 0: no snapshot needed; {@link #SOON}: one would refresh the picture; {@link #URGENT}: a node is unknown. */
  private int snapshotWanted = URGENT;
  static final int SOON = 1;
  static final int URGENT = 2;
  String modulesJson;
  private boolean modulesChanged;
  /** Pinned nodes (see {@link Dashboard#pin}): name -> its latest value's text, deliveries and when it came. */
  private final Map<String, PinView> pins = new LinkedHashMap<>();
  private boolean pinsChanged;

  /** What the page shows of one pinned node. */
  record PinView(String value, long updates, long at) {}

  /** Most characters of a pinned value's text (a snapshot's value text is shorter: pinned values were chosen). */
  static final int PIN_TEXT = 200;

  // ---------------------------------------------------------------------------------------------- snapshots

  /**
   * How much a snapshot is wanted: {@link #URGENT} when an event named a node no snapshot has shown, {@link #SOON}
   * when one would refresh the picture (a get() ended, so dynamic reads may have changed edges; events were dropped),
   * else 0.
   */
  synchronized int snapshotWanted() {
    return snapshotWanted;
  }

  private void want(int level) {
    snapshotWanted = Math.max(snapshotWanted, level);
  }

  /** Takes in a snapshot taken at {@code takenAt} (nanoTime just before {@code g.dump()} was called). */
  synchronized void absorb(GraphSnapshot s, long takenAt, long tookNanos) {
    snapshotWanted = 0;
    stateFloor = takenAt;
    lastDumpNanos = tookNanos;
    Map<Long, Rec> ids = new HashMap<>(s.nodes().size() * 2);
    Map<String, Rec> names = new HashMap<>(s.nodes().size() * 2);
    List<Rec> recs = new ArrayList<>(s.nodes().size());
    Arrays.fill(totals, 0);
    for (Fn f : fnList) {
      Arrays.fill(f.counts, 0);
      changedFns.add(f);
    }
    for (GraphSnapshot.NodeInfo ni : s.nodes()) {
      Rec r = byId.get(ni.id());
      if (r == null) {
        Rec pending = byName.get(ni.name());
        for (; pending != null; pending = pending.twin) {
          if (pending.id == -1) {
            break;
          }
        }
        r = pending != null && pending.id == -1 ? pending : new Rec();
      }
      r.id = ni.id();
      r.name = ni.name();
      r.fn = fn(ni.function());
      r.fn.seen = takenAt;
      r.kind = switch (ni.kind()) {
        case SOURCE -> 's';
        case CALL -> 'c';
        case COMPUTED -> 'k';
      };
      PinView pinned = pins.get(ni.name());
      r.value = pinned != null ? pinned.value() : ni.value(); // a pinned value's text is the longer one
      r.ranInLastGet = ni.ranInLastGet();
      int was = r.state;
      r.state = of(ni.state());
      if (r.slot >= 0 && r.state != was) {
        changedNodes.add(r);
      }
      r.deps = NO_IDS;
      r.dependents = NO_IDS;
      r.twin = null;
      r.fn.counts[r.state]++;
      totals[r.state]++;
      ids.put(r.id, r);
      Rec same = names.putIfAbsent(r.name, r);
      if (same != null) {
        r.twin = same.twin;
        same.twin = r;
      }
      recs.add(r);
    }
    long sig = recs.size() * 1_000_003L + s.edges().size();
    int[] depCount = new int[recs.size()];
    Map<Long, Integer> position = new HashMap<>(recs.size() * 2);
    for (int i = 0; i < recs.size(); i++) {
      position.put(recs.get(i).id, i);
      sig = sig * 31 + recs.get(i).id;
    }
    int[] dependentCount = new int[recs.size()];
    for (GraphSnapshot.Edge e : s.edges()) {
      depCount[position.get(e.to())]++;
      dependentCount[position.get(e.from())]++;
      sig = sig * 31 + e.from() * 65_537L + e.to();
    }
    for (int i = 0; i < recs.size(); i++) {
      recs.get(i).deps = new long[depCount[i]];
      recs.get(i).dependents = new long[dependentCount[i]];
    }
    Arrays.fill(depCount, 0);
    Arrays.fill(dependentCount, 0);
    for (GraphSnapshot.Edge e : s.edges()) {
      int to = position.get(e.to());
      int from = position.get(e.from());
      recs.get(to).deps[depCount[to]++] = e.from();
      recs.get(from).dependents[dependentCount[from]++] = e.to();
    }
    // failures of nodes that are gone, or that the snapshot no longer shows as failed, are over
    failures.keySet().removeIf(r -> ids.get(r.id) != r || r.state != FAILED);
    failuresChanged = true;
    for (Map<?, Rec> before : List.of(byId, byName)) {
      for (Rec r : before.values()) {
        if (ids.get(r.id) != r) {
          r.dead = true; // gone, or a record events made that the snapshot replaced: the cache must not return it
        }
      }
    }
    byId.clear();
    byId.putAll(ids);
    byName.clear();
    byName.putAll(names);
    for (Failure f : failures.values()) {
      if (f.path.size() <= 1 && f.requested != null) {
        f.path = pathTo(f.requested, f.rec);
      }
    }
    if (prune() || sig != signature) {
      signature = sig;
      layOut(recs, position);
      structureVersion++;
    }
    if (compactLanes()) {
      structureVersion++; // a full message: the page's bars carry the old lane numbers
    }
  }

  /**
   * After a snapshot: forgets the task-stream lanes that no kept bar and no run of the current or last {@code
   * get()} uses (the page draws only lanes with bars), once there are more than {@value #MAX_LANES} and twice as
   * many as the last compaction kept, and renumbers the others. So threads of ever new names (a cached thread pool's
   * {@code pool-1-thread-5000}) cost lanes for as long as they show, not for ever.
   *
   * @return whether lanes were renumbered
   */
  private boolean compactLanes() {
    if (lanes.size() <= Math.max(MAX_LANES, 2 * lanesKept)) {
      return false;
    }
    int[] to = new int[lanes.size()];
    Arrays.fill(to, -1);
    for (Bar b : bars) {
      to[b.lane()] = 0;
    }
    List<Runs> runs = new ArrayList<>();
    for (Episode e : new Episode[] {current, last}) {
      if (e != null && !runs.contains(e.runs)) {
        runs.add(e.runs);
        for (int i = 0; i < e.runs.size; i++) {
          to[e.runs.lane[i]] = 0;
        }
      }
    }
    List<String> names = new ArrayList<>();
    for (int i = 0; i < to.length; i++) {
      if (to[i] == 0) {
        to[i] = names.size();
        names.add(lanes.get(i));
      }
    }
    laneIndex.entrySet().removeIf(e -> to[e.getValue()] < 0);
    laneIndex.replaceAll((name, i) -> to[i]);
    lanes.clear();
    lanes.addAll(names);
    lanesKept = names.size();
    List<Bar> kept = new ArrayList<>(bars);
    bars.clear();
    for (Bar b : kept) {
      bars.add(new Bar(to[b.lane()], b.name(), b.fn(), b.start(), b.end(), b.failed(), b.count(), b.estimated()));
    }
    for (Runs r : runs) {
      for (int i = 0; i < r.size; i++) {
        r.lane[i] = to[r.lane[i]];
      }
    }
    openBars.clear(); // none is open between drains
    newBars.clear(); // the full message carries them
    lanesChanged = true;
    return true;
  }

  /**
   * After a snapshot: forgets the functions that have no node any more and nothing to show (never ran, not on the
   * task stream), and all but the {@value #MAX_GONE_FNS} most recently seen of those that ran, so that a process
   * making sources or computed nodes of ever new names keeps a picture (and messages) as large as its graph, not
   * as large as every name it ever used. The others are renumbered; the caller then sends a new structure, whose
   * full message carries the new numbers.
   *
   * @return whether any function was forgotten
   */
  private boolean prune() {
    Set<Fn> onStream = new java.util.HashSet<>();
    for (Bar b : bars) {
      onStream.add(b.fn());
    }
    for (OpenBar o : openBars) {
      if (o.count > 0) {
        onStream.add(o.rec.fn);
      }
    }
    List<Fn> idle = new ArrayList<>();
    for (Fn f : fnList) {
      if (Arrays.stream(f.counts).allMatch(c -> c == 0) && !onStream.contains(f)) {
        idle.add(f);
      }
    }
    idle.sort((a, b) -> Long.compare(b.seen, a.seen));
    Set<Fn> drop = new java.util.HashSet<>();
    int keptForStats = 0;
    for (Fn f : idle) {
      if (f.runs == 0 && f.failures == 0 || keptForStats++ >= MAX_GONE_FNS) {
        drop.add(f);
      }
    }
    if (drop.isEmpty()) {
      return false;
    }
    fnList.removeIf(drop::contains);
    fns.values().removeIf(drop::contains);
    changedFns.removeAll(drop); // a set: one lookup per dropped function
    for (int i = 0; i < fnList.size(); i++) {
      fnList.get(i).index = i;
    }
    return true;
  }

  private void layOut(List<Rec> recs, Map<Long, Integer> position) {
    grouped = recs.size() > MAX_NODES_DRAWN;
    if (!grouped) {
      drawn = recs.toArray(new Rec[0]);
      drawnDeps = new int[drawn.length][];
      for (int i = 0; i < drawn.length; i++) {
        drawn[i].slot = i;
        long[] d = drawn[i].deps;
        drawnDeps[i] = new int[d.length];
        for (int j = 0; j < d.length; j++) {
          drawnDeps[i][j] = position.get(d[j]);
        }
      }
      groups = new Fn[0];
      layout = Layout.layered(drawn.length, drawnDeps);
      return;
    }
    for (Rec r : drawn) {
      r.slot = -1;
    }
    drawn = new Rec[0];
    drawnDeps = new int[0][];
    int[] size = new int[fnList.size()];
    for (Rec r : recs) {
      size[r.fn.index]++;
    }
    List<Fn> present = new ArrayList<>();
    for (Fn f : fnList) {
      if (size[f.index] > 0) {
        present.add(f);
      }
    }
    present.sort((a, b) -> Integer.compare(size[b.index], size[a.index]));
    int shown = Math.min(present.size(), MAX_GROUPS);
    groups = present.subList(0, shown).toArray(new Fn[0]);
    groupOfFn = new int[fnList.size()];
    Arrays.fill(groupOfFn, -1);
    for (int i = 0; i < groups.length; i++) {
      groupOfFn[groups[i].index] = i;
    }
    Map<Long, int[]> edges = new HashMap<>();
    for (Rec r : recs) {
      int to = groupOfFn[r.fn.index];
      for (long d : r.deps) {
        int from = groupOfFn[byId.get(d).fn.index];
        if (from >= 0 && to >= 0 && from != to) {
          edges.computeIfAbsent(((long) from << 32) | to, k -> new int[] {from, to, 0})[2]++;
        }
      }
    }
    groupEdges = edges.values().toArray(new int[0][]);
    int[][] deps = new int[groups.length][];
    List<List<Integer>> lists = new ArrayList<>();
    for (int i = 0; i < groups.length; i++) {
      lists.add(new ArrayList<>());
    }
    for (int[] e : groupEdges) {
      lists.get(e[1]).add(e[0]);
    }
    for (int i = 0; i < groups.length; i++) {
      deps[i] = lists.get(i).stream().mapToInt(Integer::intValue).toArray();
    }
    layout = Layout.layered(groups.length, deps);
  }

  private static int of(NodeState s) {
    return switch (s) {
      case NEW -> WAITING;
      case RUNNING -> RUNNING;
      case VALID -> DONE;
      case FAILED -> FAILED;
      case STALE -> STALE;
    };
  }

  private Fn fn(String name) {
    Fn f = fns.get(name);
    if (f == null) {
      f = new Fn(fnList.size(), name);
      fns.put(name, f);
      fnList.add(f);
      changedFns.add(f);
    }
    return f;
  }

  // ---------------------------------------------------------------------------------------------- events

  /** Takes in everything the tap buffered, in time order (one tick's worth). */
  synchronized void drain(Tap tap) {
    tap.runningTo(sink); // what runs now (starts are not buffered); the finishes drained next win
    externals.clear();
    tap.drainExternal(externals::add);
    nextExternal = 0;
    errors = tap.errors;
    long dropped = tap.drainTo(ordered); // each remote run goes in before the first event after its end
    externalsUpTo(Long.MAX_VALUE);
    if (dropped > 0) {
      droppedEvents += dropped;
      want(SOON); // states may be wrong until the next snapshot
    }
    if (tap.rareDropped() > 0 && current != null && open > 0) {
      // an evaluation's end may be among the lost: close the episode rather than show it running forever
      open = 0;
      current.end = System.nanoTime();
      current.ok = false;
      last = current;
      evalChanged = true;
    }
    markInvalidated();
    flushOpenBars();
  }

  private final Tap.Sink sink = this::event;
  /** This drain's remote runs (see {@link #external}), in arrival order, and the next to apply. */
  private final List<Tap.External> externals = new ArrayList<>();
  private int nextExternal;
  private java.util.concurrent.atomic.AtomicLong errors;
  /**
   * The drain's events, each after the remote runs that ended before it: a run of the last {@code get()} must not
   * land on the task stream (and in the trace) of a {@code get()} that started after it, in the same tick.
   */
  private final Tap.Sink ordered = (kind, node, arg, cause, time, lane) -> {
    externalsUpTo(time);
    event(kind, node, arg, cause, time, lane);
  };

  /** Applies the remote runs that ended at or before {@code time} (and lost members' marks, in arrival order). */
  private void externalsUpTo(long time) {
    while (nextExternal < externals.size() && externals.get(nextExternal).end() <= time) {
      try {
        external(externals.get(nextExternal++));
      } catch (RuntimeException bad) {
        errors.incrementAndGet(); // as in Tap.drainTo: one bad event costs itself only
      }
    }
  }

  /**
   * A run on another machine (or its lane's loss): a bar on its own lane, coloured by its function, with a record
   * of its own that no snapshot knows (so it changes no node's state or count: the graph's node that waited for it
   * has its own bar on its thread's lane).
   */
  private void external(Tap.External e) {
    if (e.end() < 0) {
      Integer i = laneIndex.get(e.lane());
      if (i != null && !lanes.get(i).endsWith(" (lost)")) {
        lanes.set(i, e.lane() + " (lost)");
        lanesChanged = true;
      }
      return;
    }
    Rec r = new Rec();
    r.name = e.name();
    r.fn = fn(e.function());
    r.dead = true;
    bar(e.lane(), e.end(), r, e.start(), false, false);
  }
  /** Sources set during this drain: name -> {latest time, latest revision}. */
  private final Map<String, long[]> invalidations = new LinkedHashMap<>();

  /**
   * Every node below a source set during this drain that is done, and was done before the set, turns stale; a node
   * that finished or was found valid after the set (in the same drain) stays done. So the result is the one event
   * by event application would give, with one walk per source instead of one per set.
   */
  private void markInvalidated() {
    for (Map.Entry<String, long[]> inv : invalidations.entrySet()) {
      String name = inv.getKey();
      long first = inv.getValue()[0];
      long time = inv.getValue()[1];
      Rec r = byName.get(name);
      if (r == null) {
        want(URGENT);
        continue;
      }
      boolean fresh = time >= stateFloor;
      String why = "source '" + name + "' changed (revision " + inv.getValue()[2] + ")";
      ArrayDeque<Rec> todo = new ArrayDeque<>();
      Set<Rec> seen = new java.util.HashSet<>();
      for (; r != null; r = r.twin) {
        todo.add(r);
        seen.add(r);
      }
      while (!todo.isEmpty()) {
        Rec n = todo.poll();
        for (long id : n.dependents) {
          Rec d = byId.get(id);
          if (d != null && seen.add(d)) {
            if (d.doneAt < time) {
              d.pendingWhy = why;
              if (fresh && d.state == DONE) {
                state(d, STALE);
              }
            } else if (d.whyGuessed && d.doneAt >= first) {
              d.why = why; // it ran again after this set, in the same drain: this set is why
              d.whyGuessed = false;
            }
            todo.add(d);
          }
        }
      }
    }
    invalidations.clear();
  }

  /** Applies one event; called by {@link #drain} in time order. */
  private void event(byte kind, dev.sloth.graph.Node<?> node, long arg, Throwable cause, long time, String lane) {
    boolean fresh = time >= stateFloor;
    switch (kind) {
      case Tap.EVAL_STARTED -> {
        if (open++ == 0) {
          current = new Episode(++episodes, node.name(), time);
          Arrays.fill(virtualEnds, Long.MIN_VALUE);
          bars.clear();
          for (OpenBar o : openBars) {
            o.count = 0;
          }
        }
        current.planned += arg;
        evalChanged = true;
      }
      case Tap.EVAL_FINISHED -> {
        if (open == 0) {
          return; // the dashboard started in the middle of this get()
        }
        current.ok &= arg == 1;
        if (--open == 0) {
          current.end = time;
          last = current;
          want(SOON);
          evalChanged = true;
          criticalPath(last);
        }
      }
      case Tap.STARTED -> { // from a virtual thread: platform threads' starts come as RUNNING_NOW
        for (Rec r = recOf(node); r != null; r = r.twin) {
          r.startedAt = time;
          if (r.state != RUNNING) {
            r.beforeRun = r.state;
          }
          if (fresh) {
            state(r, RUNNING);
          }
        }
      }
      case Tap.RUNNING_NOW -> {
        for (Rec r = recOf(node); r != null; r = r.twin) {
          if (r.state != RUNNING) {
            r.startedAt = time;
            r.beforeRun = r.state;
            state(r, RUNNING); // running at this tick, whenever it started (see Tap.runningTo)
          }
        }
      }
      case Tap.FINISHED -> {
        Rec r = recOf(node);
        boolean estimated = arg == GraphListener.UNTIMED;
        long nanos = estimated ? r.fn.meanTimedNanos() : arg;
        if (!estimated) {
          r.fn.timed(nanos);
        }
        // an untimed run on a platform thread is at its lane's last time, which is before it started (Tap);
        // on a virtual thread at the clock's reading when it finished
        long end = estimated && !lane.equals("virtual") ? time + nanos : time;
        bar(lane, end, r, end - nanos, false, estimated);
        for (; r != null; r = r.twin) {
          r.runs++;
          r.lastNanos = nanos;
          r.lastEstimated = estimated;
          r.fn.runs++;
          r.fn.totalNanos += nanos;
          if (estimated) {
            r.fn.estimated++;
          }
          changedFns.add(r.fn);
          r.fn.seen = time;
          int prior = r.state == RUNNING ? r.beforeRun : r.state;
          r.why = r.pendingWhy != null ? r.pendingWhy
              : prior == WAITING ? "first computation: it had never run"
              : prior == FAILED ? "it failed the last time it ran"
              : "recomputed";
          r.whyGuessed = r.pendingWhy == null && prior != WAITING && prior != FAILED;
          r.pendingWhy = null;
          r.doneAt = time;
          if (failures.remove(r) != null) {
            failuresChanged = true;
          }
          // A finish older than the last snapshot changes nothing the snapshot showed, except "never run": g.dump()
          // read the node before this run ended (an untimed finish carries its lane's last time, before the dump's),
          // and a node once run never shows as never run again. Left waiting, its next run would be called a first
          // computation.
          if (fresh || r.state == WAITING) {
            state(r, DONE);
          }
        }
        if (current != null) {
          current.ran++;
        }
      }
      case Tap.FAILED -> {
        Rec r = recOf(node);
        if (arg != Tap.Lane.NO_START) {
          bar(lane, time, r, Math.min(arg, time), true, false);
        } else if (r.state == RUNNING) {
          bar(lane, time, r, r.startedAt, true, false);
        }
        if (current != null) {
          current.failed++;
        }
        for (; r != null; r = r.twin) {
          Failure f = failures.computeIfAbsent(r, Failure::new);
          if (f.error == null) {
            r.fn.failures++;
          }
          boolean root = !(cause instanceof EvaluationException);
          f.root = root;
          f.error = root ? String.valueOf(cause)
              : "a node it read failed: " + firstLine(cause.getMessage());
          f.time = time;
          f.requested = current != null ? current.requested : r.name;
          f.path = pathTo(f.requested, r);
          r.error = f.error;
          failuresChanged = true;
          changedFns.add(r.fn);
          r.fn.seen = time;
          if (fresh) {
            state(r, FAILED);
          }
        }
      }
      case Tap.HIT -> {
        if (current != null) {
          current.hits++;
        }
        for (Rec r = recOf(node); r != null; r = r.twin) {
          r.doneAt = time;
          if (fresh) {
            if (r.state == STALE || r.state == WAITING) {
              state(r, DONE);
            }
          }
        }
      }
      case Tap.INVALIDATED -> {
        // marked at the end of the drain, once per source (a storm of sets costs one walk per tick, not one per set)
        long[] at = invalidations.computeIfAbsent(node.name(), k -> new long[] {time, time, arg});
        at[1] = Math.max(at[1], time);
        at[2] = Math.max(at[2], arg);
      }
      default -> throw new IllegalStateException("unknown event kind " + kind);
    }
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  /**
   * The record of {@code node}, through a direct-mapped cache keyed by identity that holds nodes only weakly: a
   * call node's name is built on every {@code name()}, and the pump sees each node twice per run.
   */
  private Rec recOf(dev.sloth.graph.Node<?> node) {
    int h = System.identityHashCode(node) & (CACHE - 1);
    java.lang.ref.WeakReference<dev.sloth.graph.Node<?>> w = cacheRefs[h];
    if (w != null && w.get() == node && !cacheRecs[h].dead) {
      return cacheRecs[h];
    }
    Rec r = rec(node.name());
    cacheRefs[h] = new java.lang.ref.WeakReference<>(node);
    cacheRecs[h] = r;
    r.node = cacheRefs[h];
    return r;
  }

  private static final int CACHE = 8192;
  @SuppressWarnings("unchecked")
  private final java.lang.ref.WeakReference<dev.sloth.graph.Node<?>>[] cacheRefs =
      new java.lang.ref.WeakReference[CACHE];
  private final Rec[] cacheRecs = new Rec[CACHE];

  /** The record for {@code name}, made (and a snapshot asked for) if no snapshot has shown it yet. */
  private Rec rec(String name) {
    Rec r = byName.get(name);
    if (r == null) {
      r = new Rec();
      r.name = name;
      int hash = name.lastIndexOf('#');
      r.fn = fn(hash > 0 ? name.substring(0, hash) : name);
      r.fn.counts[WAITING]++;
      totals[WAITING]++;
      changedFns.add(r.fn);
      byName.put(name, r);
      want(URGENT);
    }
    return r;
  }

  private void state(Rec r, int s) {
    if (r.state == s) {
      return;
    }
    r.fn.counts[r.state]--;
    totals[r.state]--;
    r.state = s;
    r.fn.counts[s]++;
    totals[s]++;
    changedFns.add(r.fn);
    if (r.slot >= 0) {
      changedNodes.add(r);
    }
  }

  private void bar(String laneName, long end, Rec r, long start, boolean failed, boolean estimated) {
    int lane = lane(laneName, start, end);
    if (current != null) {
      current.runs.add(lane, r, start, end, failed, estimated);
    }
    while (openBars.size() <= lane) {
      openBars.add(new OpenBar());
    }
    OpenBar o = openBars.get(lane);
    if (o.count > 0 && !failed && !o.failed && o.rec.fn == r.fn && start - o.end < MERGE_GAP_NANOS) {
      o.end = Math.max(o.end, end);
      o.count++;
      o.estimated += estimated ? 1 : 0;
      return;
    }
    if (o.count > 0) {
      keep(o.freeze(lane));
    }
    o.rec = r;
    o.start = start;
    o.end = end;
    o.failed = failed;
    o.count = 1;
    o.estimated = estimated ? 1 : 0;
  }

  private void flushOpenBars() {
    for (int lane = 0; lane < openBars.size(); lane++) {
      OpenBar o = openBars.get(lane);
      if (o.count > 0) {
        keep(o.freeze(lane));
        o.count = 0;
      }
    }
  }

  /** The bar a lane is growing this tick: runs of one function close together merge into it, in place. */
  private static final class OpenBar {
    Rec rec;
    long start;
    long end;
    boolean failed;
    int count;
    int estimated;

    Bar freeze(int lane) {
      return new Bar(lane, rec.name, rec.fn, start, end, failed, count, estimated);
    }
  }

  private void keep(Bar b) {
    bars.addLast(b);
    if (bars.size() > MAX_BARS) {
      bars.removeFirst();
    }
    newBars.add(b);
  }

  /** The lane's index; virtual threads are packed into at most 16 lanes by start time. */
  private int lane(String name, long start, long end) {
    if (name.equals("virtual")) {
      int pick = virtualEnds.length - 1;
      for (int i = 0; i < virtualEnds.length; i++) {
        if (virtualEnds[i] <= start) {
          pick = i;
          break;
        }
      }
      virtualEnds[pick] = end;
      name = VIRTUAL[pick];
    }
    Integer i = laneIndex.get(name);
    if (i == null) {
      i = lanes.size();
      lanes.add(name);
      laneIndex.put(name, i);
      lanesChanged = true;
    }
    return i;
  }

  /** Node names from the node called {@code requested} down dependency edges to {@code target}, both included. */
  private List<String> pathTo(String requested, Rec target) {
    Rec from = byName.get(requested);
    if (from == null || from == target) {
      return List.of(target.name);
    }
    Map<Rec, Rec> parent = new HashMap<>();
    ArrayDeque<Rec> todo = new ArrayDeque<>();
    todo.add(from);
    parent.put(from, from);
    while (!todo.isEmpty()) {
      Rec n = todo.poll();
      if (n == target) {
        List<String> path = new ArrayList<>();
        for (Rec p = n; ; p = parent.get(p)) {
          path.add(0, p.name);
          if (p == from) {
            return path;
          }
        }
      }
      for (long id : n.deps) {
        Rec d = byId.get(id);
        if (d != null && parent.putIfAbsent(d, n) == null) {
          todo.add(d);
        }
      }
    }
    return List.of(requested, target.name);
  }

  /**
   * The heaviest chain of runs of a {@code get()}: each run's weight is its own time plus the heaviest of the runs
   * of its dependencies in the same {@code get()}. Runs are visited in order of their end, and a dependency ends
   * before its dependent does, so one pass suffices.
   */
  private void criticalPath(Episode ep) {
    Runs runs = ep.runs; // recorded as runs ended, so already in order of their end
    Rec top = null;
    double topMs = 0;
    for (int i = 0; i < runs.size; i++) {
      Rec r = runs.rec[i];
      double own = (runs.end[i] - runs.start[i]) / 1e6;
      double before = 0;
      Rec prev = null;
      for (long id : r.deps) {
        Rec d = byId.get(id);
        if (d != null && d.pathEpisode == ep.number && d.pathMs > before) {
          before = d.pathMs;
          prev = d;
        }
      }
      r.pathEpisode = ep.number;
      r.pathMs = before + own;
      r.pathVia = prev;
      if (r.pathMs >= topMs) {
        topMs = r.pathMs;
        top = r;
      }
    }
    List<String> path = new ArrayList<>();
    for (Rec n = top; n != null && path.size() < 10_000; n = n.pathVia) {
      path.add(0, n.name);
    }
    ep.critical = path;
    ep.criticalMs = topMs;
  }

  /**
   * A pinned node's observer delivered {@code value} (its {@code updates}th delivery): the page's pinned list and
   * the node's detail show it.
   */
  synchronized void pinned(String name, Object value, long updates) {
    String text;
    try {
      text = String.valueOf(value);
    } catch (RuntimeException | LinkageError | StackOverflowError e) {
      text = "(its toString() threw " + e + ")";
    }
    if (text.length() > PIN_TEXT) {
      text = text.substring(0, PIN_TEXT - 3) + "...";
    }
    pins.put(name, new PinView(text, updates, System.nanoTime()));
    pinsChanged = true;
    for (Rec r = byName.get(name); r != null; r = r.twin) {
      r.value = text;
    }
  }

  synchronized void modules(String json) {
    if (json != null && !json.equals(modulesJson)) {
      modulesJson = json;
      modulesChanged = true;
    }
  }

  // ---------------------------------------------------------------------------------------------- messages

  private double ms(long nanoTime) {
    return (nanoTime - origin) / 1e6;
  }

  /**
   * The whole picture, for a client that just connected or fell behind, and for the HTML report. It leaves what
   * changed since the last {@link #delta()} for that delta: a report is made on another thread than the pump's, maybe
   * between its drain and its delta, and the live pages must still get those changes (the pump clears them itself
   * after a full message it sends).
   */
  synchronized String full(boolean withDetails) {
    Json j = new Json().open().field("type", "full").field("t", ms(System.nanoTime()))
        .field("mode", grouped ? "groups" : "nodes").field("version", structureVersion)
        .field("width", layout.width).field("height", layout.height)
        .key("box").array().value(Layout.BOX_W).value(Layout.BOX_H).close();
    j.key("nodes").array();
    for (int i = 0; i < drawn.length; i++) {
      Rec r = drawn[i];
      j.array().value(r.name).value(r.fn.index).value(String.valueOf(r.kind)).value(r.state)
          .value(layout.x[i]).value(layout.y[i]).close();
    }
    j.close().key("edges").array();
    for (int i = 0; i < drawnDeps.length; i++) {
      for (int d : drawnDeps[i]) {
        j.array().value(d).value(i).close();
      }
    }
    j.close().key("groups").array();
    for (int i = 0; i < groups.length; i++) {
      j.array().value(groups[i].index).value(layout.x[i]).value(layout.y[i]).close();
    }
    j.close().key("groupEdges").array();
    for (int[] e : groupEdges) {
      j.array().value(e[0]).value(e[1]).value(e[2]).close();
    }
    j.close().field("groupsHidden", grouped ? Math.max(0, countPresentFns() - groups.length) : 0);
    j.key("fns").array();
    for (Fn f : fnList) {
      fnJson(j, f);
    }
    j.close();
    common(j, true);
    j.key("bars").array();
    for (Bar b : bars) {
      barJson(j, b);
    }
    j.close();
    if (withDetails && !grouped) {
      j.key("details").open();
      for (Rec r : drawn) {
        j.key(r.name);
        detailJson(j, r);
      }
      j.close();
    }
    return j.close().toString();
  }

  private int countPresentFns() {
    int n = 0;
    for (Fn f : fnList) {
      int sum = 0;
      for (int c : f.counts) {
        sum += c;
      }
      n += sum > 0 ? 1 : 0;
    }
    return n;
  }

  /** What changed since the last message, or null if nothing did. */
  synchronized String delta() {
    if (changedNodes.isEmpty() && changedFns.isEmpty() && newBars.isEmpty() && !failuresChanged && !evalChanged
        && !lanesChanged && !modulesChanged && !pinsChanged) {
      return null;
    }
    Json j = new Json().open().field("type", "delta").field("t", ms(System.nanoTime()));
    j.key("nodes").array();
    for (Rec r : changedNodes) {
      if (r.slot >= 0) {
        j.array().value(r.slot).value(r.state).close();
      }
    }
    j.close().key("fns").array();
    for (Fn f : changedFns) {
      fnJson(j, f);
    }
    j.close();
    common(j, false);
    j.key("bars").array();
    for (Bar b : newBars) {
      barJson(j, b);
    }
    j.close();
    clearChanges();
    return j.close().toString();
  }

  private void clearChanges() {
    changedNodes.clear();
    changedFns.clear();
    newBars.clear();
    failuresChanged = false;
    evalChanged = false;
    lanesChanged = false;
    modulesChanged = false;
    pinsChanged = false;
  }

  private void common(Json j, boolean all) {
    j.key("totals").array();
    for (int t : totals) {
      j.value(t);
    }
    j.close().field("dropped", droppedEvents);
    if (all || lanesChanged) {
      j.key("lanes").array();
      for (String l : lanes) {
        j.value(l);
      }
      j.close();
    }
    if (all || failuresChanged) {
      j.key("failures").open().field("total", failures.size()).key("list").array();
      int n = 0;
      for (Failure f : failures.values()) {
        if (n++ == MAX_FAILURES_SHOWN) {
          break;
        }
        j.open().field("name", f.rec.name).field("fn", f.rec.fn.name).field("error", f.error)
            .field("root", f.root).key("path").array();
        for (String p : f.path) {
          j.value(p);
        }
        j.close().close();
      }
      j.close().close();
    }
    if (all || evalChanged) {
      j.key("eval");
      episodeJson(j, current);
      j.key("lastEval");
      episodeJson(j, last);
    }
    if (all || pinsChanged) {
      j.key("pins").array();
      for (Map.Entry<String, PinView> e : pins.entrySet()) {
        PinView v = e.getValue();
        j.array().value(e.getKey()).value(v.value()).value(v.updates()).value(ms(v.at())).close();
      }
      j.close();
    }
    if ((all || modulesChanged) && modulesJson != null) {
      j.key("modules").raw(modulesJson);
    }
  }

  private void episodeJson(Json j, Episode e) {
    if (e == null) {
      j.raw("null");
      return;
    }
    j.open().field("number", e.number).field("requested", e.requested).field("start", ms(e.start))
        .field("end", e.end < 0 ? -1 : ms(e.end)).field("planned", e.planned).field("ok", e.ok)
        .field("ran", e.ran).field("hits", e.hits).field("failed", e.failed)
        .field("criticalMs", e.criticalMs).key("critical").array();
    for (String n : e.critical) {
      j.value(n);
    }
    j.close().close();
  }

  private static void fnJson(Json j, Fn f) {
    j.array().value(f.index).value(f.name).array();
    for (int c : f.counts) {
      j.value(c);
    }
    j.close().value(f.runs).value(f.totalNanos / 1e6).value(f.failures).value(f.estimated).close();
  }

  private void barJson(Json j, Bar b) {
    j.array().value(b.lane()).value(ms(b.start())).value(ms(b.end())).value(b.name()).value(b.fn().index)
        .value(b.failed()).value(b.count()).value(b.estimated()).close();
  }

  /** Detail of the node called {@code name} as JSON, or null if there is none. */
  synchronized String detail(String name) {
    Rec r = byName.get(name);
    if (r == null) {
      return null;
    }
    Json j = new Json();
    detailJson(j, r);
    return j.toString();
  }

  private void detailJson(Json j, Rec r) {
    j.open().field("name", r.name).field("fn", r.fn.name).field("kind", switch (r.kind) {
      case 's' -> "source";
      case 'k' -> "computed";
      default -> "call";
    }).field("state", STATES[r.state]).field("value", r.value).field("runs", r.runs)
        .field("lastMs", r.lastNanos < 0 ? -1 : r.lastNanos / 1e6).field("lastEstimated", r.lastEstimated)
        .field("why", r.why)
        .field("ranInLastGet", r.ranInLastGet).field("error", r.error);
    if (explainer != null) {
      j.field("cache", explanation(r));
    }
    Failure f = failures.get(r);
    if (f != null) {
      j.key("path").array();
      for (String p : f.path) {
        j.value(p);
      }
      j.close();
    }
    neighbours(j, "deps", r.deps);
    neighbours(j, "dependents", r.dependents);
    j.close();
  }

  /** The persistent cache's sentence about {@code r}'s node; never throws. */
  private String explanation(Rec r) {
    dev.sloth.graph.Node<?> n = r.node == null ? null : r.node.get();
    if (n == null) {
      return "not known: the dashboard has not seen this node run since it started";
    }
    try {
      return String.valueOf(explainer.apply(n));
    } catch (RuntimeException | LinkageError | StackOverflowError e) {
      return "(the cache's explain threw " + e + ")";
    }
  }

  private void neighbours(Json j, String key, long[] ids) {
    j.key(key).array();
    for (int i = 0; i < ids.length && i < 100; i++) {
      Rec d = byId.get(ids[i]);
      if (d != null) {
        j.array().value(d.name).value(d.state).close();
      }
    }
    j.close().field(key + "Total", ids.length);
  }

  /** The first {@code limit} nodes of function {@code name} with their states, as JSON, or null. */
  synchronized String members(String name, int limit) {
    Fn f = fns.get(name);
    if (f == null) {
      return null;
    }
    Json j = new Json().open().field("fn", name).key("counts").array();
    for (int c : f.counts) {
      j.value(c);
    }
    j.close().key("nodes").array();
    int n = 0;
    // failed nodes first, so that the one a user is looking for is on the first page
    for (int pass = 0; pass < 2 && n < limit; pass++) {
      for (Rec r : byId.values()) {
        if (r.fn == f && (pass == 0) == (r.state == FAILED) && n < limit) {
          j.array().value(r.name).value(r.state).close();
          n++;
        }
      }
    }
    return j.close().close().toString();
  }

  /** The last finished {@code get()} as Chrome Trace Event JSON (opens in Perfetto and chrome://tracing). */
  synchronized String trace() {
    Episode e = last != null ? last : current;
    Json j = new Json().open().key("traceEvents").array();
    if (e != null) {
      Runs runs = e.runs;
      Set<Integer> used = new java.util.TreeSet<>();
      for (int i = 0; i < runs.size; i++) {
        used.add(runs.lane[i]);
      }
      j.open().field("ph", "M").field("name", "process_name").field("pid", 1).key("args").open()
          .field("name", "sloth get " + e.requested).close().close();
      for (int lane : used) {
        j.open().field("ph", "M").field("name", "thread_name").field("pid", 1).field("tid", lane).key("args").open()
            .field("name", lanes.get(lane)).close().close();
      }
      for (int i = 0; i < runs.size; i++) {
        Rec r = runs.rec[i];
        j.open().field("name", r.name).field("cat", r.fn.name).field("ph", "X").field("pid", 1)
            .field("tid", runs.lane[i]).field("ts", (runs.start[i] - e.start) / 1e3)
            .field("dur", (runs.end[i] - runs.start[i]) / 1e3)
            .key("args").open().field("function", r.fn.name).field("failed", runs.failed[i])
            .field("estimated", runs.estimated[i]).close().close();
      }
    }
    j.close().field("displayTimeUnit", "ms").key("otherData").open();
    if (e != null) {
      int estimated = 0;
      for (int i = 0; i < e.runs.size; i++) {
        estimated += e.runs.estimated[i] ? 1 : 0;
      }
      j.field("requested", e.requested).field("ok", e.ok).field("runsDropped", e.runs.dropped)
          .field("runsEstimated", estimated)
          .field("criticalPathMs", e.criticalMs);
    }
    return j.close().close().toString();
  }

  /** How long the last snapshot took. */
  synchronized long lastDumpNanos() {
    return lastDumpNanos;
  }

  /** For tests and the tour: counts of nodes per state, in {@link #STATES} order. */
  synchronized int[] totals() {
    return totals.clone();
  }

  /** For tests: the function called {@code name}, or null. */
  synchronized Fn fnNamed(String name) {
    return fns.get(name);
  }

  /** For tests: the record of the node called {@code name}, or null. */
  synchronized Rec recNamed(String name) {
    return byName.get(name);
  }
}
