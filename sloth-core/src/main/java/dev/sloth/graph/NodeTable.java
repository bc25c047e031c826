package dev.sloth.graph;

import java.lang.ref.ReferenceQueue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A graph's table of nodes ({@link Registry}): the weak {@link Registry.NodeRef references} of every live node, and
 * for a sharing function the look-up of an equal call. It replaces a {@code ConcurrentHashMap<NodeRef, NodeRef>},
 * which cost a fresh graph about a fifth of its build time, mostly in growing (a resize re-creates and re-locks every
 * bin), plus a 32-byte map entry per node and a look-up key per call.
 *
 * <p><b>Layout.</b> {@value #SEGMENTS} segments, each an open-addressing table of references with linear probing
 * in lanes (the spread hash picks the slot; see Probing), at most two thirds full, and beside it
 * an array of the references' hashes, so that probing compares ints and reads a reference only when its hash
 * matches (each reference is another cache line): a node costs its slot and its hash (8 to 12 bytes) and growing a
 * segment moves references only.
 *
 * <p><b>Locality.</b> What recording a node costs here is mostly cache misses: a slot picked at random in a table of
 * 20,000 nodes is two lines (its reference, its hash) that the nodes allocated since have pushed out of the cache.
 * Measured on a fresh 20,000-leaf fan-in, the table was about 40 of the 75 ns a node cost to record, while its
 * monitor, the weak reference's fence, the id's and the sequence number's atomic increments were a few ns each.
 * So {@link #spread} keeps runs of eight consecutive hashes in consecutive slots, and the hashes of a build are
 * consecutive (see there): eight nodes share the lines one used to touch.
 *
 * <p><b>Probing.</b> Such a run fills a block of eight slots, and probing slot by slot made every key of another run
 * whose home is that block scan the rest of it and beyond: a table of 20,000 consecutive hashes passed 4 slots a
 * held key, and a new key's look-up (every call of a fresh build) passed 9 to 12 before the empty slot that ends it.
 * So a probe stays in its slot's lane (its index modulo eight) and goes to the same lane of the next block, and after
 * the last block to the next lane's first slot ({@link #nextProbe}): the runs that meet in a block then go on in
 * eight lanes side by side, about 0.8 slots a held key and 2 a look-up; a fresh 20,000-leaf fan-in records its
 * nodes 2 to 6 % faster, within the noise (docs/benchmarks.md, session 17), but no pattern of calls can make it
 * scan a long cluster. This is linear probing in another order of the slots
 * ({@link #probeOrder}, lane by lane), so it finds an empty slot whenever the table has one and the removal below
 * works unchanged in that order. That hashes agreeing in their low bits (calls on multiples of eight) do not all go
 * to one lane, {@link #spread} rotates each run's lanes by bits of its mixed hash.
 *
 * <p><b>Segments.</b> Every node of a sharing function is in one segment, the function's ({@link
 * WrappedFunction#tableSegment}, from its identity hash); any other node's reference goes to the segment the top
 * bits of its spread hash pick. So a sharing function's nodes are all made under one monitor, and what must be
 * unique and in order per node is given there with plain writes, where two atomic increments a node cost a parallel
 * 20,000-leaf fan-in 9 % (docs/benchmarks.md, session 12):
 * <ul>
 *   <li><b>Names.</b> The function's sequence number ({@code Square#17}) is {@link WrappedFunction#sharedCalls},
 *       written only under that monitor: dense and in creation order per function, as before.</li>
 *   <li><b>Ids.</b> A segment takes ids from its graph's counter in blocks ({@link Segment#takeId}: one atomic add
 *       a block, of up to {@value #MAX_ID_BLOCK}) and gives them out one by one under its monitor, but only while its
 *       block is the graph's latest reservation (the counter still ends at the block's end); otherwise it takes a new
 *       block. So an id is larger than every id given before it anywhere in the graph, as with one counter: the
 *       earlier ones are in older blocks (below this block's start) or in this block (below the next). Creation order
 *       is kept on a thread and across any hand-off, a dependent's id is above its arguments' (snapshots list nodes
 *       by id), and a build's ids stay consecutive (see {@link #spread}). A block overtaken with ids left is
 *       dropped (the next one is of one id; a block used up is followed by one about twice its size), so a thread
 *       alternating functions of different segments leaves gaps but takes fewer than three ids a node.</li>
 * </ul>
 * Non-sharing calls, sources and computed nodes take a sequence number and an id by atomic increments, as before.
 *
 * <p><b>Concurrency.</b> Every access to a segment holds its monitor: a sharing call's look-up and the creation of its
 * node are one atomic step, so two threads making the same call get the same node. An uncontended monitor is about what
 * the concurrent map's compare-and-sets cost. Threads building nodes of different functions mostly hit different
 * segments; threads building nodes of one sharing function at once share its segment's monitor (held for a look-up and
 * an insert): two threads doing nothing else took 1.6x as long as with sixteen segments and two atomic increments
 * (ConcurrentBuildBenchmark), the price of the single thread's 10 %. The user code that runs under a monitor is the
 * arguments' {@code equals}; whatever it throws leaves the segment unchanged (the new node is made and inserted only
 * after the look-up) and releases the monitor.
 *
 * <p><b>Removal</b> ({@link #remove}, by the purger thread when the collector clears a reference) deletes the slot
 * and shifts back the run of references after it (in probe order) that belong before it (Knuth's algorithm R), so
 * look-ups stop at the first empty slot and need no tombstones.
 */
final class NodeTable {
  static final int SEGMENTS = 16;
  /** The most ids a segment reserves at once (see {@link Segment#takeId}). */
  static final int MAX_ID_BLOCK = 64;
  private static final int SEGMENT_SHIFT = 28; // 32 - log2(SEGMENTS)

  private final Segment[] segments = new Segment[SEGMENTS];

  NodeTable() {
    for (int i = 0; i < SEGMENTS; i++) {
      segments[i] = new Segment();
    }
  }

  /** Hashes that differ in their low {@value #RUN_BITS} bits only are placed side by side: see {@link #spread}. */
  static final int RUN_BITS = 3;

  /**
   * Where a hash goes: its top bits pick the segment and the others the slot. The hash without its low {@value
   * #RUN_BITS} bits is mixed (MurmurHash3's finalizer: a Fibonacci multiply left hashes that differ in their high
   * bits only, calls on multiples of 65,536, in a few clusters), so that unrelated hashes land far apart; the low
   * bits are kept, rotated by three bits of the mix (see Probing in the class comment), so that eight consecutive
   * hashes land in the eight slots of one block of one segment. Consecutive hashes are what a build makes: a call's
   * hash is its arguments' hashes, and a node
   * hashes by its id (given in creation order), a small {@code Integer} by its value. Together they share two cache
   * lines (the references' and the hashes') instead of touching two each, which halved the cost of recording a node
   * in the table (see the class comment). Runs longer than eight would cluster (linear probing packs the run and
   * pushes colliding runs along), so they are cut at eight.
   */
  static int spread(int hash) {
    int h = hash >>> RUN_BITS;
    h = (h ^ h >>> 16) * 0x85EBCA6B;
    h = (h ^ h >>> 13) * 0xC2B2AE35;
    h ^= h >>> 16;
    return (h & -LANES) | ((hash + (h >>> LANE_ROTATION_SHIFT)) & (LANES - 1));
  }

  /**
   * The slots in a block, and so the lanes of a segment: as many as the consecutive hashes {@link #spread} keeps
   * together.
   */
  static final int LANES = 1 << RUN_BITS;
  /** Which mixed bits rotate a run's lanes: below the segment's bits. */
  private static final int LANE_ROTATION_SHIFT = SEGMENT_SHIFT - RUN_BITS;

  /**
   * The slot a probe goes to after slot {@code i} of a table of {@code length} slots: the same lane of the next
   * block, or after the last block the next lane's first slot (see {@link #probeOrder}).
   */
  static int nextProbe(int i, int length) {
    int j = i + LANES;
    return j < length ? j : (i + 1) & (LANES - 1);
  }

  /**
   * Where slot {@code i} is in the probe cycle that {@link #nextProbe} makes of a table of {@code 1 << (shift + }
   * {@value #RUN_BITS}{@code )} slots: lane by lane, block by block within a lane. Probing is linear in this order, so
   * the backward shift of {@link Segment#remove} works in it as in any linear probing.
   */
  static int probeOrder(int i, int shift) {
    return ((i & (LANES - 1)) << shift) | (i >>> RUN_BITS);
  }

  private Segment segment(int spread) {
    return segments[spread >>> SEGMENT_SHIFT];
  }

  /** The segment of a sharing function whose identity hash is {@code identityHash}: see {@link #shared}. */
  static int functionSegment(int identityHash) {
    return spread(identityHash) >>> SEGMENT_SHIFT;
  }

  /** The segment a reference is in: its sharing function's, else the one its hash picks. */
  private Segment segmentOf(Registry.NodeRef ref, int spread) {
    WrappedFunction fn = ref.fn();
    return fn != null ? segments[fn.tableSegment] : segment(spread);
  }

  /** Adds the reference of a node that no look-up can find (not a sharing function's). */
  void add(Registry.NodeRef ref) {
    int h = spread(ref.hash);
    Segment s = segment(h);
    synchronized (s) {
      s.insert(ref, h);
    }
  }

  /**
   * The live node of sharing function {@code fn} for {@code args} (equal values, identical nodes), or a new one
   * recorded now: the look-up and the insert are one step under the segment's monitor. A new node's arguments array
   * is {@code args} itself, which tells the caller that it was made now.
   */
  AbstractNode<?> shared(WrappedFunction fn, Object[] args, int hash, ReferenceQueue<AbstractNode<?>> queue) {
    int h = spread(hash);
    Segment s = segments[fn.tableSegment];
    synchronized (s) {
      Registry.NodeRef[] t = s.slots;
      int[] hashes = s.hashes;
      int mask = t.length - 1;
      for (int i = h & mask; ; i = nextProbe(i, t.length)) {
        Registry.NodeRef r = t[i];
        if (r == null) {
          break;
        }
        if (hashes[i] == hash && r.fn() == fn) {
          AbstractNode<?> live = r.get();
          if (live != null && Arrays.equals(args, live.arguments())) {
            return live;
          }
        }
      }
      CallNode<?> n = new CallNode<>(fn, args, ++fn.sharedCalls);
      s.insert(new Registry.NodeRef(n, queue, fn, hash, s.takeId(fn.graph)), h);
      return n;
    }
  }

  /** Removes exactly {@code ref}, if it is in the table. */
  void remove(Registry.NodeRef ref) {
    int h = spread(ref.hash);
    Segment s = segmentOf(ref, h);
    synchronized (s) {
      s.remove(ref, h);
    }
  }

  /** The live nodes, in no particular order; each segment is copied under its monitor. */
  List<AbstractNode<?>> liveNodes() {
    List<AbstractNode<?>> out = new ArrayList<>();
    for (Segment s : segments) {
      synchronized (s) {
        for (Registry.NodeRef r : s.slots) {
          AbstractNode<?> n = r == null ? null : r.get();
          if (n != null) {
            out.add(n);
          }
        }
      }
    }
    return out;
  }

  /** The number of live nodes; counts them. */
  int liveCount() {
    int live = 0;
    for (Segment s : segments) {
      synchronized (s) {
        for (Registry.NodeRef r : s.slots) {
          if (r != null && r.get() != null) {
            live++;
          }
        }
      }
    }
    return live;
  }

  /**
   * The number of entries, live or cleared and not yet removed (by the purger or a call's expunge): for tests that
   * wait for the purger. Counts without removing anything; each segment is read under its monitor.
   */
  int entries() {
    int n = 0;
    for (Segment s : segments) {
      synchronized (s) {
        n += s.count;
      }
    }
    return n;
  }

  /**
   * The mean number of slots a look-up of a held reference passes before it (0 when every reference is in its home
   * slot): for tests of the probing's clustering. Each segment is read under its monitor.
   */
  double meanDisplacement() {
    long sum = 0;
    long n = 0;
    for (Segment s : segments) {
      synchronized (s) {
        sum += s.displacement();
        n += s.count;
      }
    }
    return n == 0 ? 0 : (double) sum / n;
  }

  /** The slots of all segments, used or not: for tests that check a table gives memory back. */
  int capacity() {
    int n = 0;
    for (Segment s : segments) {
      synchronized (s) {
        n += s.slots.length;
      }
    }
    return n;
  }

  /** One open-addressing table; every access holds its monitor. */
  private static final class Segment {
    /** The fewest slots a segment has: one block ({@link #nextProbe} walks whole blocks). */
    static final int MIN_SLOTS = LANES;
    Registry.NodeRef[] slots = new Registry.NodeRef[MIN_SLOTS];
    /** {@code hashes[i]} is {@code slots[i].hash} for a used slot. */
    int[] hashes = new int[MIN_SLOTS];
    int count;
    /** The ids this segment may still give: {@code nextId} to {@code lastId}; none if {@code nextId > lastId}. */
    private long nextId = 1;
    private long lastId;
    /** The size of the last block of ids taken. */
    private int blockSize;

    /**
     * The id of a node made now under this segment's monitor: from its block if that is still the graph's latest
     * reservation, so that the id is larger than every id given before (see the class comment), else from a new
     * block, of one id after the last was overtaken, of twice the last size after it was used up.
     */
    long takeId(Graph graph) {
      if (nextId <= lastId && graph.lastNodeId() == lastId) {
        return nextId++;
      }
      int size = nextId <= lastId ? 1 : Math.min(2 * blockSize + 1, MAX_ID_BLOCK);
      long last = graph.reserveNodeIds(size);
      blockSize = size;
      lastId = last;
      nextId = last - size + 2;
      return last - size + 1;
    }

    void insert(Registry.NodeRef ref, int h) {
      if (3 * (count + 1) > 2 * slots.length) {
        grow();
      }
      place(slots, hashes, ref, ref.hash, h);
      count++;
    }

    /** Puts {@code ref}, whose hash is {@code hash} and spread hash {@code h}, in the first free slot from its own. */
    private static void place(Registry.NodeRef[] t, int[] hashes, Registry.NodeRef ref, int hash, int h) {
      int i = h & (t.length - 1);
      while (t[i] != null) {
        i = nextProbe(i, t.length);
      }
      t[i] = ref;
      hashes[i] = hash;
    }

    private void grow() {
      resize(slots.length * 2);
    }

    /**
     * Rebuilds the arrays at {@code length} slots (a power of two, above the count by the load factor): twice as many
     * when they are two thirds full, fewer when a removal left them less than an eighth full. A table never shrinks
     * below {@link #MIN_SLOTS}, and a shrink leaves it a quarter full at most, so it grows again only after the count
     * more than doubles, and shrinks again only after it halves: no resizing back and forth.
     */
    private void resize(int length) {
      Registry.NodeRef[] old = slots;
      int[] oldHashes = hashes;
      Registry.NodeRef[] t = new Registry.NodeRef[length];
      int[] th = new int[length];
      // The arrays only: a cleared reference moves too (the purger removes it), so that growing never loads the
      // references themselves, another cache line each.
      for (int i = 0; i < old.length; i++) {
        Registry.NodeRef r = old[i];
        if (r != null) {
          place(t, th, r, oldHashes[i], spread(oldHashes[i]));
        }
      }
      slots = t;
      hashes = th;
    }

    /** The sum over the used slots of their distance along the probe sequence from their home slot. */
    long displacement() {
      Registry.NodeRef[] t = slots;
      int mask = t.length - 1;
      long sum = 0;
      for (int i = 0; i < t.length; i++) {
        if (t[i] != null) {
          for (int j = spread(hashes[i]) & mask; j != i; j = nextProbe(j, t.length)) {
            sum++;
          }
        }
      }
      return sum;
    }

    void remove(Registry.NodeRef ref, int h) {
      Registry.NodeRef[] t = slots;
      int mask = t.length - 1;
      int shift = Integer.numberOfTrailingZeros(t.length) - RUN_BITS;
      int i = h & mask;
      for (; ; i = nextProbe(i, t.length)) {
        Registry.NodeRef r = t[i];
        if (r == null) {
          return; // not here (removed already)
        }
        if (r == ref) {
          break;
        }
      }
      int[] hashes = this.hashes;
      t[i] = null;
      count--;
      // Shift back the references after the hole that probing would no longer reach (algorithm R, in probe order).
      int oi = probeOrder(i, shift); // the hole's place in probe order
      for (int j = nextProbe(i, t.length); t[j] != null; j = nextProbe(j, t.length)) {
        int oj = probeOrder(j, shift);
        int home = probeOrder(spread(hashes[j]) & mask, shift);
        boolean reachable = oi <= oj ? (oi < home && home <= oj) : (oi < home || home <= oj);
        if (!reachable) {
          t[i] = t[j];
          hashes[i] = hashes[j];
          t[j] = null;
          i = j;
          oi = oj;
        }
      }
      // A burst of nodes that were then collected (a function's million calls, say) left the arrays at their peak:
      // give the memory back once they are less than an eighth full (8 bytes a slot).
      if (count < t.length >>> 3 && t.length > MIN_SLOTS) {
        resize(Math.max(MIN_SLOTS, Integer.highestOneBit(Math.max(1, count) * 4 - 1) << 1));
      }
    }
  }
}
