package dev.sloth.graph;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.IdentityHashMap;

/**
 * A bound on the values one function, or one graph, keeps: {@link FnOptions#maximumCachedValues}, {@link
 * FnOptions#maximumCachedWeight}, and the {@link Graph.Builder} methods of the same names. The least recently used
 * values go first, and an evicted node keeps everything but its value, as Salsa's LRU does.
 *
 * <p><b>What eviction keeps.</b> A node's value is one field; its revisions ({@code changedAt}, {@code validFrom}),
 * its recorded reads and dependents, and its place in the dirty marking are the rest, and stay. Evicting writes
 * {@code verifiedAt = -1} and then replaces the value by an {@link Evicted} marker that carries the old {@code
 * verifiedAt}. So:
 *
 * <ul>
 *   <li>dependents verify against it exactly as before: its {@code changedAt} is unchanged, and a change below it
 *       still marks it and everything above it dirty (marking does not look at values). While it is current by the
 *       kept {@code verifiedAt} ({@link Evicted#currentAt}), a plan does not enter it and a dependent compares its
 *       {@code changedAt} without its value, which is fetched (a nested read) only if the dependent runs;
 *   <li>the node is not current at any revision ({@code verifiedAt < 0}), so every path that needs its value (a
 *       {@code get()}, a plan, a read inside a function) brings it up to date through the ordinary claimed step, the
 *       one place where functions run: the claim makes the recomputation happen once, however many readers race
 *       for it, and they all wait on that claim;
 *   <li>the step verifies the node against the {@code verifiedAt} kept in the marker. If no dependency changed since,
 *       the run <em>restores</em> the value: it is the value the node had (functions are pure of what they read, the
 *       assumption every cached value already rests on), so {@code changedAt} and {@code validFrom} stay and the
 *       dependents stay valid (early cutoff holds through an eviction). If a dependency changed, the node runs as
 *       after any change, but it has no previous value to compare with, so it counts as changed (as in Salsa);
 *   <li>a session pinned to a revision before the node's {@code validFrom} cannot restore it (it would compute a
 *       value of another revision): it is overtaken and restarts, as it would on meeting the value itself.
 * </ul>
 *
 * <p><b>Concurrency.</b> The eviction of a node is done under the node's claim (a compare-and-set of {@code
 * inflight}, the same one runs use), so it never interleaves with a run or a verification of the node: a node that
 * is claimed is skipped and tried again at the next store. The eviction's claim is a <em>brief</em> one ({@link
 * Computation#isBrief}): held for a few field writes that run no user code, released by a plain volatile write, and
 * never completed; a claimant that meets it spins until it is gone instead of waiting to be woken. Readers that do not claim (the two-volatile-read fast path
 * of {@code get()}, a plan looking at an argument) may read the old {@code verifiedAt} and then the marker: every
 * place that takes a value checks for the marker and then goes the slow way, which finds {@code verifiedAt = -1},
 * written before the marker. A reader that reads the value before the marker is written has a value that was
 * current, which is all a reader without a claim ever has. The marker check is guarded by {@link AbstractNode#valuesBounded}, a plain
 * static field read after the volatile read of the value: a thread that reads a marker synchronizes with the evictor,
 * which had seen {@code active} set, so the check never misses a marker, and a JVM without any bound pays one field
 * read.
 *
 * <p><b>At the stack limit.</b> A {@code StackOverflowError} can strike at any call, so nothing this class holds may
 * need a call to be given back: the eviction's claim and the list's lock are both released by a volatile field
 * write in a {@code finally} (a {@code ReentrantLock}'s {@code unlock()}, or completing a future, is a call that can
 * itself overflow, and left one held forever). Between two calls the list is consistent: {@link #unlink} and {@link
 * #linkLast} make no calls, and unlinking a link that is not in the list does nothing, so a store cut short leaves at
 * worst a link out of the list (its value kept past the bound until the node is stored or read again) and a weight
 * off by that link's: bookkeeping only, never a wrong value or a lost claim.
 *
 * <p><b>Order and accounting.</b> One lock-guarded doubly linked list per policy, least recently used first, of the
 * nodes (by their weak table entry, so that a node held only here is still collected) that store a value. A store
 * (after a run publishes) links the node last, with its weight, and then evicts from the front while the bound is
 * exceeded; accesses (a read of the value) move a node last (nothing to do for the node already last, checked
 * without the lock, so a hot loop on one node costs a field read), but only if the lock is free at once ({@code tryLock}):
 * under contention an access is dropped, as Caffeine's read buffers drop, so that readers never wait for each other.
 * Entries of collected nodes are dropped when met, and all at once after as many stores as the list has entries.
 * Observed nodes ({@link Graph#observe}) are kept: they count, and are passed over.
 */
final class LruPolicy {
  private static final System.Logger LOG = System.getLogger("dev.sloth.graph");


  /** What an evicted node holds instead of its value: the revision up to which that value was verified. */
  static final class Evicted {
    final long verifiedAt;

    Evicted(long verifiedAt) {
      this.verifiedAt = verifiedAt;
    }

    /**
     * Whether {@code n}, which holds this marker, would be current at {@code r} had its value been kept ({@link
     * AbstractNode#usableAt} with the kept {@code verifiedAt}): then its {@code changedAt} is its change revision as
     * of r, and a dependent can be verified against it without the value.
     */
    boolean currentAt(AbstractNode<?> n, long r) {
      long v = verifiedAt;
      return v >= r || (v >= 0 && n.dirtyAt <= v);
    }

    @Override
    public String toString() {
      return "<evicted>";
    }
  }

  /** A node in the list: its table entry and its weight. */
  private static final class Link {
    final Registry.NodeRef ref;
    long weight;
    Link prev;
    Link next;

    Link(Registry.NodeRef ref) {
      this.ref = ref;
    }
  }

  private final long maximum;
  /** Null: each value weighs 1. */
  private final FnOptions.Weigher weigher;
  /** What the bound is of, for messages: "function 'F'" or "graph". */
  private final String owner;
  /**
   * The list's lock: 1 while held. A spin lock, not a {@code ReentrantLock}, so that releasing it is a field write
   * (see "At the stack limit" above); it is held for list updates and evictions only, which run no user code, wait
   * for nothing and take no other lock, so a waiter spins for a few microseconds at most.
   */
  private volatile int locked;
  private static final VarHandle LOCKED;

  static {
    try {
      LOCKED = MethodHandles.lookup().findVarHandle(LruPolicy.class, "locked", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }
  private final IdentityHashMap<Registry.NodeRef, Link> links = new IdentityHashMap<>();
  /** The list's sentinel: {@code head.next} is the least recently used, {@code head.prev} the most. */
  private final Link head = new Link(null);
  /** The node linked last, read without the lock: a read of the most recent node (a hot loop) records nothing. */
  private volatile Registry.NodeRef mostRecent;
  private long weight;
  private long evictions;
  private int storesSinceSweep;

  LruPolicy(CacheBound bound, String owner) {
    this.maximum = bound.maximum();
    this.weigher = bound.weigher();
    this.owner = owner;
    head.prev = head.next = head;
    AbstractNode.valuesBounded = true;
  }

  /** The revisions a run that restores an evicted value publishes, which are the value's own (see above). */
  record Restore(long validFrom, long verifiedAt) {}

  /** How many values ({@code weigher} null), or how much weight, a function or graph keeps. */
  record CacheBound(long maximum, FnOptions.Weigher weigher) {
    /** A bound of {@code count} values; refused below 1, with the option's name. */
    static CacheBound ofCount(long count) {
      if (count < 1) {
        throw new IllegalArgumentException("maximumCachedValues must be at least 1, was " + count);
      }
      return new CacheBound(count, null);
    }

    /** A bound of {@code maximum} total weight; refused below 1, with the option's name, or without a weigher. */
    static CacheBound ofWeight(long maximum, FnOptions.Weigher weigher) {
      if (maximum < 1) {
        throw new IllegalArgumentException("maximumCachedWeight must be at least 1, was " + maximum);
      }
      return new CacheBound(maximum, java.util.Objects.requireNonNull(weigher, "weigher"));
    }

    @Override
    public String toString() {
      return weigher == null ? "at most " + maximum + " values" : "a weight of at most " + maximum;
    }
  }

  // ------------------------------------------------------------------------------------------ readers' side

  /**
   * For a reader that just read {@code v} from {@code n.value} (call only when {@link AbstractNode#valuesBounded}): true if it is the
   * eviction marker (the reader must take the slow way), else records the access and returns false.
   */
  static boolean evictedElseTouch(AbstractNode<?> n, Object v) {
    if (v instanceof Evicted) {
      return true;
    }
    if (n instanceof CallNode<?> c) {
      LruPolicy p = c.fn.lru;
      if (p != null && p.mostRecent != c.ref) {
        p.touch(c);
      }
    }
    return false;
  }

  /** Whether {@code n}'s value is evicted while the node is current at {@code r} by its kept revisions. */
  static boolean evictedButCurrent(AbstractNode<?> n, long r) {
    return n.value instanceof Evicted x && x.currentAt(n, r);
  }

  private boolean tryLock() {
    return LOCKED.compareAndSet(this, 0, 1);
  }

  /** Takes the lock (release it with {@code locked = 0} in a {@code finally}: a write, which cannot overflow). */
  private void lock() {
    for (int spins = 0; !tryLock(); spins++) {
      if (spins < 64) {
        Thread.onSpinWait();
      } else {
        Thread.yield(); // its holder was descheduled: let it run
      }
    }
  }

  private void touch(CallNode<?> n) {
    if (!tryLock()) {
      return; // contended: drop this access rather than wait
    }
    try {
      Link l = links.get(n.ref);
      if (l != null && l.next != head) { // not last, or not in the list at all
        unlink(l);
        linkLast(l);
      }
    } finally {
      locked = 0;
    }
  }

  // ------------------------------------------------------------------------------------------ writers' side

  /**
   * {@code n}'s run published {@code v} (a value, or a failure, which holds nothing worth bounding): links it last
   * and evicts the least recently used values while the bound is exceeded. Called after the run's claim is released,
   * by the engine's publication, which must go on to resolve the run: so this never throws. A failure here (the stack
   * limit, say) leaves every claim released ({@link #evictOverBound}) and at worst a value kept past the bound, or
   * not counted, until later stores evict it: bookkeeping only, never a wrong value.
   */
  void stored(CallNode<?> n, Object v) {
    try {
      store(n, v);
    } catch (Throwable t) {
      // see above: nothing to undo; logging could overflow again, so the failure is dropped
    }
  }

  private void store(CallNode<?> n, Object v) {
    Registry.NodeRef ref = n.ref;
    if (ref == null) {
      return;
    }
    boolean keep = !(v instanceof Failure);
    long w = keep ? weigh(n, v) : 0;
    lock();
    try {
      Link l = links.get(ref);
      if (l != null) {
        unlink(l);
        weight -= l.weight;
        if (!keep) {
          links.remove(ref);
        }
      }
      if (keep) {
        if (l == null) {
          l = new Link(ref);
          links.put(ref, l);
        }
        l.weight = w;
        weight += w;
        linkLast(l);
        if (++storesSinceSweep >= Math.max(64, links.size())) {
          sweepCollected();
        }
        evictOverBound();
      }
    } finally {
      locked = 0;
    }
  }

  private long weigh(CallNode<?> n, Object v) {
    if (weigher == null) {
      return 1;
    }
    try {
      long w = weigher.weigh(v);
      if (w >= 0) {
        return w;
      }
      log("the weigher of the " + owner + " bound gave " + w + " for the value of '" + n.name()
          + "'; counted as 0", null);
    } catch (Throwable t) {
      log("the weigher of the " + owner + " bound threw for the value of '" + n.name() + "'; counted as 0", t);
    }
    return 0;
  }

  private static void log(String message, Throwable t) {
    try {
      LOG.log(System.Logger.Level.WARNING, message, t);
    } catch (Throwable cannotLog) {
      // dropped
    }
  }

  private boolean over() {
    return weigher == null ? links.size() > maximum : weight > maximum;
  }

  /** Evicts from the least recently used end while over the bound. */
  private void evictOverBound() {
    for (Link l = head.next; l != head && over(); ) {
      Link next = l.next;
      AbstractNode<?> node = l.ref.get();
      int outcome = node == null ? GONE : tryEvict((CallNode<?>) node);
      if (outcome == EVICTED) {
        evictions++;
        ((CallNode<?>) node).fn.evictions++; // under this lock, the only one that evicts this function's values
      }
      if (outcome != BUSY) {
        remove(l);
      }
      l = next;
    }
  }

  /** Evicted: its value is replaced by the marker. */
  private static final int EVICTED = 0;
  /** Claimed (running, verified, or being evicted elsewhere), or observed: kept for now. */
  private static final int BUSY = 1;
  /** Holds no value worth evicting (collected, failed, frozen): leaves the list. */
  private static final int GONE = 2;

  /**
   * Evicts {@code n}'s value under a brief claim ({@link Computation#isBrief}), released before this returns. Frozen
   * nodes ({@link Trace}) are constants whose value other nodes copied: they are never evicted.
   */
  private static int tryEvict(CallNode<?> n) {
    if (n.observations() != null) {
      return BUSY;
    }
    Computation c = new Computation(n);
    if (!n.claim(c)) {
      return BUSY;
    }
    try {
      Object v = n.value;
      long verified = n.verifiedAt;
      if (v == AbstractNode.UNSET || v instanceof Failure || v instanceof Evicted || verified < 0
          || verified == Long.MAX_VALUE) {
        return GONE;
      }
      Evicted marker = new Evicted(verified); // before any write: an overflow here leaves the node as it was
      n.verifiedAt = -1; // first: a reader that sees the marker then sees the node not current
      n.value = marker;
      return EVICTED;
    } finally {
      n.inflight = null; // a write, not a call: the claim cannot outlive an overflow (nobody waits to be woken)
    }
  }

  private void sweepCollected() {
    storesSinceSweep = 0;
    for (Link l = head.next; l != head; ) {
      Link next = l.next;
      if (l.ref.get() == null) {
        remove(l);
      }
      l = next;
    }
  }

  private void remove(Link l) {
    unlink(l);
    weight -= l.weight;
    links.remove(l.ref);
  }

  /** Takes {@code l} out of the list; nothing if it is not in it (a store cut short by the stack limit). */
  private void unlink(Link l) {
    if (l.prev == null) {
      return;
    }
    l.prev.next = l.next;
    l.next.prev = l.prev;
    l.prev = l.next = null;
  }

  private void linkLast(Link l) {
    mostRecent = l.ref;
    l.prev = head.prev;
    l.next = head;
    head.prev.next = l;
    head.prev = l;
  }

  // ------------------------------------------------------------------------------------------ inspection

  /** How many values the list holds now (entries of collected nodes included until they are dropped). */
  int size() {
    lock();
    try {
      return links.size();
    } finally {
      locked = 0;
    }
  }

  /** The total weight of the values held now (their count, for a bound by count). */
  long weight() {
    lock();
    try {
      return weigher == null ? links.size() : weight;
    } finally {
      locked = 0;
    }
  }

  /** How many values this policy has evicted so far. */
  long evictions() {
    lock();
    try {
      return evictions;
    } finally {
      locked = 0;
    }
  }

  @Override
  public String toString() {
    return "LruPolicy[" + owner + ", " + (weigher == null ? "at most " + maximum + " values"
        : "at most " + maximum + " in weight") + "]";
  }
}
