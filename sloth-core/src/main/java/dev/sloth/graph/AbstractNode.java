package dev.sloth.graph;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

/**
 * The state every node keeps, and reading it. See {@code docs/architecture.md} for the algorithm; in short:
 *
 * <ul>
 *   <li>a node's value is valid over the revisions {@code [changedAt, verifiedAt]};
 *   <li>a change of a source marks every node that (transitively) recorded it as a dependency <em>dirty</em>, by
 *       raising their {@code dirtyAt} to the change's revision, before that revision is published;
 *   <li>so a node that is not dirty ({@code dirtyAt <= verifiedAt}) is current at every published revision from
 *       {@code verifiedAt} on without looking at its dependencies, and a {@code get()} after a change verifies only
 *       the dirty nodes, the ones the change can reach.
 * </ul>
 *
 * <p>Publication: {@code changedAt} is written before {@code value}, both volatile, so a reader that reads {@code
 * value} and then {@code changedAt} never pairs a new value with an old change revision (it may pair an old value
 * with a new revision, which only makes it restart). {@code verifiedAt} is written last. Only the thread holding
 * the node's claim ({@link #inflight}) writes these three.
 */
abstract sealed class AbstractNode<T> implements Node<T> permits CallNode, SourceNode {
  static final Object UNSET = new Object() {
    @Override
    public String toString() {
      return "<unset>";
    }
  };

  /**
   * Set once a bound on cached values exists in this JVM ({@link LruPolicy}): until then no value can be evicted, and
   * readers skip the marker check. Written before any policy is used; see {@link LruPolicy}'s class comment for why a
   * plain field is enough. It lives here, not in {@code LruPolicy}, so that reading it never initialises that class:
   * a first read at the stack limit would leave the class unusable for the life of the JVM.
   */
  static boolean valuesBounded;

  static final VarHandle INFLIGHT;
  private static final VarHandle DIRTY_AT;
  private static final VarHandle DEPENDENTS;
  /**
   * Release stores of a successful run's outcome (see {@link CallNode#publish}): readers read these fields as
   * volatile, so a release store keeps the publication order above; it only drops the full fence a volatile store
   * adds, which nothing needs here, because the claim's release that follows is a compare-and-set (a full fence).
   */
  static final VarHandle VALUE;
  static final VarHandle CHANGED_AT;
  static final VarHandle VALID_FROM;
  static final VarHandle VERIFIED_AT;
  static final VarHandle RAN_IN;

  static {
    try {
      MethodHandles.Lookup l = MethodHandles.lookup();
      INFLIGHT = l.findVarHandle(AbstractNode.class, "inflight", Computation.class);
      DIRTY_AT = l.findVarHandle(AbstractNode.class, "dirtyAt", long.class);
      DEPENDENTS = l.findVarHandle(AbstractNode.class, "dependents", Object.class);
      VALUE = l.findVarHandle(AbstractNode.class, "value", Object.class);
      CHANGED_AT = l.findVarHandle(AbstractNode.class, "changedAt", long.class);
      VALID_FROM = l.findVarHandle(AbstractNode.class, "validFrom", long.class);
      VERIFIED_AT = l.findVarHandle(AbstractNode.class, "verifiedAt", long.class);
      RAN_IN = l.findVarHandle(AbstractNode.class, "ranIn", Object.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /**
   * The session in which the function last ran. A node that failed in the current session is not run again in it;
   * a node that ran in the graph's latest session is drawn as "ran in the last get". Written last of a run's outcome,
   * by a release store ({@link #RAN_IN}), and read by {@link #failedIn} with acquire: see there.
   */
  Object ranIn;
  /** The value, {@link #UNSET}, or a {@link Failure}. Starts {@code UNSET}: see the constructor. */
  volatile Object value;
  /** The revision at which the value last changed (kept by early cutoff: what dependents compare with). */
  volatile long changedAt;
  /**
   * The value is known to be the node's value at every revision from this one to {@code verifiedAt} (and on, while
   * the node is not dirty). Unlike {@code changedAt} it moves up whenever the function runs, even to an equal value:
   * between two verifications the value may have been different (A, then B unobserved, then A again), so a session
   * pinned to an older revision must not use it.
   */
  volatile long validFrom;
  /**
   * The value is current as of this revision; -1 if it is not current at any (never ran, or failed uncached). Starts
   * at -1: see the constructor.
   */
  volatile long verifiedAt;
  /** The highest revision of a change that reached this node through its recorded dependencies. */
  volatile long dirtyAt;
  /** The computation that has claimed this node, or null. */
  volatile Computation inflight;
  /** This node's entry in its graph's table: the weak reference its dependencies hold to it. */
  Registry.NodeRef ref;
  /** See {@link #id()}; set at registration, before the node is handed out, and never changed. */
  long id;
  /**
   * Nodes that recorded this one as a dependency: null, one {@link Registry.NodeRef}, or a {@link Dependents}, which
   * also holds what few nodes have (an executor of their own, observations). Written under this node's monitor.
   */
  private volatile Object dependents;

  /** The node's {@link Dependents} holder, made on first use (for two dependents, or an extra). */
  synchronized Dependents extras() {
    for (;;) {
      Object d = dependents;
      if (d instanceof Dependents many) {
        return many;
      }
      Dependents many = new Dependents();
      if (d instanceof Registry.NodeRef one) {
        many.add(one);
        dependents = many; // replaces a non-null value: no compare-and-set of addDependent can race with it
        return many;
      }
      if (DEPENDENTS.compareAndSet(this, null, many)) {
        return many;
      }
    }
  }

  /** The executor given for this node, or null. */
  java.util.concurrent.Executor executor() {
    return dependents instanceof Dependents d ? d.executor : null;
  }

  /** The observations of this node, or null. */
  Observation[] observations() {
    return dependents instanceof Dependents d ? d.observations : null;
  }

  /**
   * Whether this node failed in session {@code s}: a node that failed in the current session is not run again in
   * it; its failure is reported to every later reader.
   */
  boolean failedIn(Object s) {
    // ranIn first, with acquire, then value: the run that wrote ranIn wrote its outcome before (a release store), so
    // a reader that sees this session's mark sees that run's value or a later one. (With ranIn written first, a
    // reader in the same session on another thread could pair the new mark with the value of an older revision's
    // failure, which the run was replacing by a success: a stale failure, reported at a revision where the node
    // does not fail. The engine's model property found it about once in 35,000 parallel cases.)
    return RAN_IN.getAcquire(this) == s && value instanceof Failure;
  }

  /**
   * Unique within the graph for its whole life (a {@code long}: it never wraps), growing in creation order; orders
   * and names nodes in snapshots, and hashes the node. Kept in the node itself (8 bytes), not only reached through
   * {@link #ref}: a plan reads it for every node it enters, and the reference is another cache line.
   */
  long id() {
    return id;
  }

  /**
   * Starts the node unset and not current. Plain writes, not the volatile stores that field initialisers of volatile
   * fields are (a full fence each, two per node built): the node is not shared yet, and it is published to other
   * threads safely, by its table's monitor (the registration that follows, which a sharing call's look-up also
   * takes) or by the user's hand-off; and the constructor of a class with final fields ends with a release barrier
   * in HotSpot, as Caffeine's nodes rely on for their relaxed initial writes.
   */
  AbstractNode(Graph graph) {
    VALUE.set(this, UNSET);
    VERIFIED_AT.set(this, -1L);
  }

  /** Static dependencies: the call's arguments, of which the nodes count. */
  abstract Object[] arguments();

  /** Dynamic dependencies recorded on the last run, or null. */
  abstract AbstractNode<?>[] reads();

  boolean claim(Computation c) {
    return INFLIGHT.compareAndSet(this, null, c);
  }

  /** Usable at {@code r}: the value is valid at r. */
  static final int CURRENT = 1;
  /** Must be verified at r first. */
  static final int NOT_CURRENT = 0;
  /** The value was recomputed past r: a session pinned to r must restart. */
  static final int NEWER = -1;

  /**
   * Whether the value can be used at revision {@code r}: {@link #CURRENT}, {@link #NOT_CURRENT} or {@link #NEWER}.
   *
   * <p>A node that is not current at any revision ({@code verifiedAt < 0}: it failed, uncached) but whose last
   * outcome is from after {@code r} is {@code NEWER}, not {@code NOT_CURRENT}: a session pinned to {@code r} must not
   * run it. Its arguments may have been registered by that newer run, whose check ({@link #addDependent}) covers
   * only the changes after its own revision; a run at {@code r} would publish a value verified at {@code r} that the
   * changes between {@code r} and that revision never marked dirty, and that value would then pass as current at
   * every later revision. (Found by the engine's model property with an observer refreshing on another thread; see
   * {@code OlderSessionTest}.) A successful value from after {@code r} is {@code NEWER} anyway.
   */
  int usableAt(long r) {
    long v = verifiedAt;
    if (v < r && (v < 0 || dirtyAt > v)) {
      return v < 0 && validFrom > r ? NEWER : NOT_CURRENT; // validFrom read after verifiedAt: see the class comment
    }
    return validFrom > r ? NEWER : CURRENT;
  }

  /** Whether the value (read just before) is newer than revision {@code r}: a session pinned to r cannot use it. */
  boolean newerThan(long r) {
    return validFrom > r;
  }

  /** From which revision the value as of {@code r} is known valid (for a verification's interval). */
  long validFrom(long r) {
    return validFrom;
  }

  /** The value as of revision {@code r}, for a node usable at r (a source: the version current at r). */
  Object valueAt(long r) {
    return value;
  }

  /** The revision at which the value as of {@code r} last changed. */
  long changedAt(long r) {
    return changedAt;
  }

  /** Raises {@link #dirtyAt} to at least {@code revision}; returns the previous value. */
  long raiseDirty(long revision) {
    for (;;) {
      long d = dirtyAt;
      if (d >= revision || DIRTY_AT.compareAndSet(this, d, revision)) {
        return d;
      }
    }
  }

  // ------------------------------------------------------------------------------------------ dependents

  /**
   * Records {@code dependent} (by its weak reference) as depending on this node, then makes it dirty if this node may
   * have changed after {@code revision}, at which the dependent read it. The add and the check race with a change's
   * marking ({@link #markDependents}), which raises {@code dirtyAt} and then reads the dependents under the same
   * monitor: either the marking sees the new dependent, or the check here sees the raised {@code dirtyAt}. In the
   * second case the change missed the dependent <em>and everything depending on it</em> (a reader running now, up
   * the stack, will publish as verified at {@code revision}): so the mark is carried on from the dependent.
   */
  void addDependent(AbstractNode<?> dependent, long revision) {
    Registry.NodeRef r = dependent.ref;
    // The first dependent (most nodes have one) is installed by a compare-and-set, without the monitor; writes
    // under the monitor replace only a non-null value, so they never overwrite it.
    if (r != null && !(dependents == null && DEPENDENTS.compareAndSet(this, null, r))) {
      synchronized (this) {
        for (;;) {
          Object d = dependents;
          if (d == null) {
            if (DEPENDENTS.compareAndSet(this, null, r)) {
              break;
            }
          } else if (d instanceof Registry.NodeRef one) {
            if (one != r) {
              Dependents many = new Dependents();
              many.add(one);
              many.add(r);
              dependents = many;
            }
            break;
          } else {
            ((Dependents) d).add(r);
            break;
          }
        }
      }
    }
    long mine = dirtyAt;
    if (mine > revision) {
      new Propagation().runFrom(dependent, mine);
    }
  }

  /** Forgets {@code dependent} (a read its function no longer makes). */
  synchronized void removeDependent(AbstractNode<?> dependent) {
    Object d = dependents;
    if (d == dependent.ref) {
      dependents = null;
    } else if (d instanceof Dependents many) {
      many.remove(dependent.ref);
    }
  }

  /** Marks the live dependents dirty at {@code revision}; pushes those not visited yet onto {@code todo}. */
  void markDependents(long revision, Propagation todo) {
    synchronized (this) {
      Object d = dependents;
      if (d instanceof Registry.NodeRef one) {
        AbstractNode<?> n = one.get();
        if (n == null) {
          dependents = null;
        } else {
          todo.mark(n, revision);
        }
      } else if (d instanceof Dependents many) {
        many.markAll(revision, todo);
      }
    }
  }

  /**
   * Nodes depending on this one, two or more: a growable array, compacted (cleared references dropped) on growth;
   * and the node's rare extras.
   */
  static final class Dependents {
    Registry.NodeRef[] refs = new Registry.NodeRef[4];
    int size;
    volatile java.util.concurrent.Executor executor;
    /** The {@link Observation}s of the node, copied on write; null if none. */
    volatile Observation[] observations;

    void add(Registry.NodeRef r) {
      if (size == refs.length) {
        compact();
        if (size * 2 > refs.length) {
          refs = java.util.Arrays.copyOf(refs, refs.length * 2);
        }
      }
      refs[size++] = r;
    }

    void remove(Registry.NodeRef r) {
      for (int i = 0; i < size; i++) {
        if (refs[i] == r) {
          refs[i] = refs[--size];
          refs[size] = null;
          return;
        }
      }
    }

    private void compact() {
      int j = 0;
      for (int i = 0; i < size; i++) {
        if (refs[i].get() != null) {
          refs[j++] = refs[i];
        }
      }
      java.util.Arrays.fill(refs, j, size, null);
      size = j;
    }

    void markAll(long revision, Propagation todo) {
      int j = 0;
      for (int i = 0; i < size; i++) {
        Registry.NodeRef r = refs[i];
        AbstractNode<?> n = r.get();
        if (n != null) {
          refs[j++] = r;
          todo.mark(n, revision);
        }
      }
      java.util.Arrays.fill(refs, j, size, null);
      size = j;
    }
  }

  synchronized void addObservation(Observation o) {
    Dependents x = extras();
    Observation[] now = x.observations;
    Observation[] next = now == null ? new Observation[1] : java.util.Arrays.copyOf(now, now.length + 1);
    next[next.length - 1] = o;
    x.observations = next;
  }

  synchronized void removeObservation(Observation o) {
    Dependents x = dependents instanceof Dependents d ? d : null;
    Observation[] now = x == null ? null : x.observations;
    if (now == null) {
      return;
    }
    Observation[] next = java.util.Arrays.stream(now).filter(y -> y != o).toArray(Observation[]::new);
    x.observations = next.length == 0 ? null : next;
  }

  // -------------------------------------------------------------------------------------------- reading

  @Override
  public T get() {
    Computation reader = Computation.current();
    if (reader != null) {
      return reader.read(this, 0L);
    }
    if (Thread.currentThread() instanceof java.util.concurrent.ForkJoinWorkerThread) {
      Evaluation.checkTopLevelRead(this);
    }
    long v = verifiedAt;
    if (v >= Revisions.published() || (v >= 0 && dirtyAt <= v)) {
      Object x = value;
      if (!valuesBounded || !LruPolicy.evictedElseTouch(this, x)) { // without a bound: one static field read
        return valueOrThrow(x);
      }
    }
    return Evaluation.evaluate(this, 0L);
  }

  @Override
  public T get(Duration timeout) throws TimeoutException {
    long deadline = Evaluation.deadline(timeout);
    Computation reader = Computation.current();
    if (reader != null) {
      return reader.readWithin(this, deadline);
    }
    return Evaluation.evaluateWithin(this, deadline);
  }

  @Override
  public CompletableFuture<T> getAsync() {
    Computation reader = Computation.current();
    if (reader != null) {
      // A read on behalf of the running function: recorded like get(), and made now, at the function's revision.
      try {
        return CompletableFuture.completedFuture(reader.read(this, 0L));
      } catch (Overtaken o) {
        throw o;
      } catch (RuntimeException e) {
        return CompletableFuture.failedFuture(e);
      }
    }
    return Evaluation.evaluateAsync(this);
  }

  @Override
  public List<Node<?>> dependencies() {
    // Identity set: a fan-in node may have tens of thousands of arguments.
    java.util.Set<Node<?>> out = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    java.util.List<Node<?>> ordered = new java.util.ArrayList<>();
    for (Object a : arguments()) {
      if (a instanceof AbstractNode<?> n && out.add(n)) {
        ordered.add(n);
      }
    }
    AbstractNode<?>[] r = reads();
    if (r != null) {
      for (AbstractNode<?> n : r) {
        if (out.add(n)) {
          ordered.add(n);
        }
      }
    }
    return List.copyOf(ordered);
  }

  @Override
  public GraphSnapshot controlFlow() {
    return Snapshots.controlFlow(this);
  }

  /** {@code v} (this node's value), or throws it if it is a failure. */
  @SuppressWarnings("unchecked")
  T valueOrThrow(Object v) {
    if (v instanceof Failure f) {
      throw new EvaluationException(name(), f.report(name(), List.of(name())));
    }
    return (T) v;
  }

  /**
   * Identity equality, with the node's id as its hash instead of the identity hash: a sharing function's table
   * hashes the node arguments of every call, and the JVM makes an object's identity hash by a slow runtime call on
   * first use. The id itself, not a mix of it: nodes made one after the other then make calls with consecutive
   * hashes, which the table places side by side ({@link NodeTable#spread}). The id is set at registration, before
   * the node is handed out, and never changes.
   */
  @Override
  public final int hashCode() {
    return (int) id; // the low bits: consecutive ids, consecutive hashes
  }

  @Override
  public String toString() {
    return name();
  }
}
