package dev.sloth.graph;


/**
 * A recorded call of a wrapped function (or a {@link Graph#computed} body): its arguments are its static
 * dependencies, and the nodes its function read on the last run are its dynamic ones. {@link #step} is the whole
 * per-node algorithm: claim, verify, run if stale, publish, release.
 */
final class CallNode<T> extends AbstractNode<T> {
  final WrappedFunction fn;
  private final Object[] args;
  private final long sequence;
  /** Nodes read on the last run (dynamic dependencies), in read order; null if none. Written under the claim. */
  private AbstractNode<?>[] reads;



  /**
   * Whether an argument was a node when the call was recorded; false for a leaf of constants, whose arguments the
   * plan and the run then never look at (each is another object to load). Never turns true: freezing only replaces
   * node arguments by values. Fits in the object's alignment padding.
   */
  private final boolean nodeArguments;
  /**
   * One more than the index of this node's entry in the last plan that entered it (if among its first 65,535), or 0:
   * a hint, written and read without synchronisation by planning threads (see {@code Evaluation.Planned}, which says
   * why a stale or foreign value is harmless). 16 bits: it fits in the object's alignment padding (an {@code int}
   * made every node 8 bytes bigger), beside the fields a plan reads anyway.
   */
  char planSlot;

  /** A call of a function that does not share its calls, or a computed node's body: numbered here. */
  CallNode(WrappedFunction fn, Object[] args) {
    this(fn, args, fn.computed ? 0 : fn.nextSequence());
  }

  /** A call numbered {@code sequence} (a sharing function's, numbered under its table segment's monitor). */
  CallNode(WrappedFunction fn, Object[] args, long sequence) {
    super(fn.graph);
    this.fn = fn;
    this.args = args;
    this.sequence = sequence;
    boolean nodes = false;
    for (Object a : args) {
      if (a instanceof AbstractNode<?>) {
        nodes = true;
        break;
      }
    }
    this.nodeArguments = nodes;
  }

  /** Whether some argument may be a node: if not, none is (see {@link #nodeArguments}). */
  boolean hasNodeArguments() {
    return nodeArguments;
  }

  @Override
  public Node<T> executor(java.util.concurrent.Executor executor) {
    extras().executor = java.util.Objects.requireNonNull(executor, () -> "the executor given for '" + name() + "' is null");
    return this;
  }

  /** Whether this node is a constant now, see {@link #freeze()}. */
  boolean isFrozen() {
    return verifiedAt == Long.MAX_VALUE;
  }

  /**
   * Whether this node was evaluated successfully from constants alone (plain values and frozen nodes, no reads):
   * then its value can never change.
   */
  boolean canFreeze() {
    Object v = value;
    if (reads != null || inflight != null || v == UNSET || v instanceof Failure || v instanceof LruPolicy.Evicted
        || isFrozen()) {
      return false;
    }
    for (Object a : args) {
      if (a instanceof AbstractNode<?> d && !(d instanceof CallNode<?> c && c.isFrozen())) {
        return false;
      }
    }
    return true;
  }

  /**
   * Replaces node arguments by their values and makes this node current forever. Under the node's claim, so that it
   * cannot interleave with an eviction ({@link LruPolicy}, which never evicts a frozen node); a node claimed by
   * someone else, or whose value was evicted meanwhile, is left as it is.
   */
  void freeze() {
    Computation c = new Computation(this);
    if (!claim(c)) {
      return;
    }
    try {
      if (value instanceof LruPolicy.Evicted) {
        return;
      }
      for (int i = 0; i < args.length; i++) {
        if (args[i] instanceof AbstractNode<?> d) {
          args[i] = d.value;
        }
      }
      validFrom = 0; // computed from constants: its value at every revision
      verifiedAt = Long.MAX_VALUE;
    } finally {
      if (inflight == c) {
        inflight = null; // a brief claim: released by a write, which cannot overflow (see Computation#isBrief)
      }
    }
  }

  @Override
  Object[] arguments() {
    return args;
  }

  @Override
  AbstractNode<?>[] reads() {
    return reads;
  }

  @Override
  public String name() {
    return fn.computed ? fn.name : fn.name + "#" + sequence;
  }

  @Override
  public Graph graph() {
    return fn.graph;
  }

  /**
   * Brings this node up to date for {@code ev}, as plan entry {@code e}. Returns the next entry the caller should
   * run on this thread, or null when there is none or the work continues elsewhere (another evaluation holds the
   * claim, or the function runs on another thread or returned a future).
   *
   * <p>Everything between the claim and its release is inside one {@code try}: whatever is thrown (an engine bug, an
   * {@code Error} such as a stack overflow), the claim is released and the entry resolved. If even that fails (the
   * stack is exhausted in the handler), the claim is still in {@link Evaluation#innerClaim}, where an outer frame
   * releases it.
   */
  Evaluation.Entry step(Evaluation ev, Evaluation.Entry e) {
    long rev = ev.revision;
    if (failedEarlierIn(ev.session)) {
      return ev.settled(e, this);
    }
    int u = usableAt(rev);
    if (u != NOT_CURRENT) {
      return u == CURRENT ? ev.settled(e, this) : ev.overtaken(e);
    }
    Computation c;
    if (e.claimedOnce) {
      c = new Computation(this, ev); // e was a claim already, and is completed: see Evaluation.Entry
    } else {
      c = e; // the entry is the claim: one object for both
      e.owner = Thread.currentThread(); // published by the compare-and-set
    }
    for (int spins = 0; !claim(c); spins++) {
      Computation other = inflight;
      if (other != null) {
        if (other.isBrief()) { // an eviction's or a freeze's: gone after a few field writes, and wakes no one
          if (spins < 64) {
            Thread.onSpinWait();
          } else {
            Thread.yield();
          }
          continue;
        }
        ev.awaitOther(e, other);
        return null;
      }
    }
    e.claimedOnce = true;
    boolean own = ev.onOwnThread();
    if (own) {
      ev.innerClaim = c;
    }
    try {
      Evaluation.Entry next = claimed(ev, e, c);
      if (own && ev.innerClaim == c) {
        ev.innerClaim = null;
      }
      return next;
    } catch (Throwable t) {
      c.abandonNested();
      c.release();
      if (own) {
        ev.innerClaim = null;
      }
      try {
        uncount(c, ev.graph);
      } catch (Throwable stillAtTheLimit) {
        // the count stays one high: Graph#isRunningFunctions may refuse a common-pool read it would allow
      }
      return ev.failed(e, new Failure(t, false));
    }
  }

  private Evaluation.Entry claimed(Evaluation ev, Evaluation.Entry e, Computation c) {
    long rev = ev.revision;
    int u = usableAt(rev);
    if (u != NOT_CURRENT || failedEarlierIn(ev.session)) { // settled by another evaluation since our check
      c.release();
      return u == NEWER ? ev.overtaken(e) : ev.settled(e, this);
    }
    Object own = value;
    long verified = verifiedAt;
    boolean evicted = own instanceof LruPolicy.Evicted;
    if (evicted) {
      // Its value was evicted (LruPolicy): verify it as of when it was last verified, then restore it by a run.
      if (validFrom > rev) {
        c.release(); // valid only from after our revision: a run here would compute another revision's value
        return ev.overtaken(e);
      }
      verified = ((LruPolicy.Evicted) own).verifiedAt;
    }
    // On the first run (again if a first run was abandonned: a duplicate is harmless), this node is recorded as a
    // dependent of each node argument, in the loop below, just before that argument is read (see the loop).
    boolean register = own == UNSET && nodeArguments;
    boolean stale = verified < 0 || own == UNSET || own instanceof Failure;
    long depsValidFrom = 0; // the latest revision from which a dependency's value is known valid
    // The arguments themselves while none is a node (a leaf's constants: no copy); a copy from the first node on.
    // Nothing writes into them then: the values of nodes go into the copy, and a mutated argument is copied first.
    Object[] values = args;
    // The values the plan gathered as the arguments ran (Entry.Collecting#gathered): their arguments were registered
    // with and read already, at this revision. Only for a first run: the copy was made for one.
    Object[] gathered = register && e instanceof Evaluation.Entry.Collecting k ? k.gathered : null;
    if (gathered != null) {
      values = gathered;
    }
    boolean missing = false; // an argument's value is evicted, and not needed unless this node runs
    // One pass over the arguments, for a wide node's sake (a fan-in's 20,000 leaves are each another cache line,
    // evicted again between passes): each node argument is registered with (on the first run), read, and its value's
    // type checked (acted on only if the node runs: see prepareArguments). Registering each argument just before
    // reading it keeps addDependent's rule for that pair of nodes; an exit from the loop registers the rest first,
    // since this node depends on them all even if it never runs (registerIfNew).
    int wrongType = -1; // the first argument whose value is not an argType, or -1
    for (int i = 0, n = nodeArguments ? args.length : 0; i < n; i++) {
      Object a = args[i];
      if (gathered != null && gathered[i] != a) {
        continue; // gathered: registered, read and checked by the plan
      }
      if (a instanceof AbstractNode<?> d) {
        if (register) {
          d.addDependent(this, rev);
        }
        Object dv;
        long changed;
        long from;
        if (d instanceof SourceNode<?> s) {
          SourceNode.Version v = s.versionAt(rev); // one look-up for value and revisions
          if (v == null) {
            registerAfter(register, i, rev);
            c.release();
            return ev.overtaken(e);
          }
          dv = v.value();
          changed = from = v.revision();
        } else {
          dv = d.value; // then its interval: a newer value comes with a newer validFrom
          if (valuesBounded && LruPolicy.evictedElseTouch(d, dv)) {
            if (((LruPolicy.Evicted) dv).currentAt(d, rev)) {
              missing = true; // its revisions decide whether we run; its value is fetched only if we do
            } else {
              // Evicted and possibly changed since: verify (and restore) it by a nested read, at our revision.
              try {
                dv = fetchEvicted(d, c);
              } catch (Overtaken o) {
                registerAfter(register, i, rev);
                c.release();
                return ev.overtaken(e);
              }
            }
          }
          from = d.validFrom;
          if (from > rev) {
            registerAfter(register, i, rev);
            c.release();
            return ev.overtaken(e);
          }
          changed = d.changedAt;
        }
        if (dv instanceof Failure f) {
          registerAfter(register, i, rev);
          c.release();
          return ev.dependencyFailed(e, d, f);
        }
        stale |= changed > verified;
        depsValidFrom = Math.max(depsValidFrom, from);
        if (values == args) {
          values = args.clone();
        }
        values[i] = dv;
        if (wrongType < 0 && isWrongType(dv)) {
          wrongType = i;
        }
      }
    }
    if (!stale && reads != null) {
      try {
        long dynamicFrom = dynamicDependencyChanged(c, verified);
        stale = dynamicFrom < 0;
        depsValidFrom = Math.max(depsValidFrom, dynamicFrom);
      } catch (Overtaken o) {
        c.release();
        return ev.overtaken(e);
      }
    }
    if (!stale && evicted) {
      // Nothing it depends on changed: the run restores the value it had, which stays valid as it was.
      c.restore = new LruPolicy.Restore(depsValidFrom > verified ? rev : validFrom, Math.max(rev, verified));
    } else if (!stale) {
      if (depsValidFrom > verifiedAt) {
        // A dependency's value is valid only since after our last verification (it ran again, to an equal value):
        // ours is then known valid from now, not over the gap.
        VALID_FROM.setRelease(this, rev);
      }
      VERIFIED_AT.setRelease(this, rev); // release stores: see AbstractNode.VALUE
      c.release();
      ev.graph.events().cacheHit(this);
      return ev.settled(e, this);
    }
    if (missing) {
      for (int i = 0; i < values.length; i++) {
        if (values[i] instanceof LruPolicy.Evicted) {
          AbstractNode<?> d = (AbstractNode<?>) args[i];
          Object v;
          try {
            v = fetchEvicted(d, c);
          } catch (Overtaken o) {
            c.release();
            return ev.overtaken(e);
          }
          if (v instanceof Failure f) {
            c.release();
            return ev.dependencyFailed(e, d, f);
          }
          values[i] = v;
          if ((wrongType < 0 || i < wrongType) && isWrongType(v)) {
            wrongType = i;
          }
        }
      }
    }
    if (values == args && args.length > 0 && fn.options.mutatedArgument() >= 0) {
      values = args.clone(); // the function mutates its copy of an argument: never the node's own
    }
    if (!prepareArguments(ev, e, c, values, wrongType)) {
      return ev.resolve(e, false);
    }
    java.util.concurrent.Executor where = ev.eagerStep == e ? null : executor(); // null an instant ago: see plan
    if (where == null && fn.options.isBlocking() && ev.parallel) {
      where = Pools.VIRTUAL;
    }
    if (where != null) {
      try {
        where.execute(new Finish(this, ev, e, c, values));
      } catch (Throwable rejected) {
        return publish(ev, e, c, null, new IllegalStateException("the executor of '" + name() + "' rejected it ("
            + rejected + "); was it shut down?", rejected), null, UNTIMED, false);
      }
      return null;
    }
    return finish(ev, e, c, values);
  }

  /** Runs the function on another thread (a virtual thread, or the node's own executor). */
  private record Finish(CallNode<?> node, Evaluation ev, Evaluation.Entry e, Computation c, Object[] values)
      implements Runnable {
    @Override
    public void run() {
      Evaluation.Entry next;
      try {
        next = node.finish(ev, e, c, values);
      } catch (Throwable t) {
        c.abandonNested();
        c.release();
        next = ev.failed(e, new Failure(t, false));
      }
      ev.continueWith(next);
    }
  }

  /**
   * The value of {@code d}, whose value was evicted ({@link LruPolicy}), brought back by a nested read at {@code
   * c}'s revision (restored once, however many ask); its {@link Failure} if it fails. Throws {@link Overtaken}.
   */
  private static Object fetchEvicted(AbstractNode<?> d, Computation c) {
    try {
      return Evaluation.ensure(d, c, 0L);
    } catch (Overtaken o) {
      throw o;
    } catch (EvaluationException failed) {
      return d.value instanceof Failure f ? f : new Failure(failed, true);
    } catch (java.util.concurrent.TimeoutException impossible) {
      throw new AssertionError(impossible);
    }
  }

  /**
   * What {@link #claimed}'s pass does for node argument {@code i}, {@code d}, on a first run, done by the plan that
   * just ran {@code d} (see {@link Evaluation.Entry.Collecting#gathered}): records this node as its dependent, then
   * puts its value at revision {@code rev} in {@code g[i]}, unless the step must see the node itself (its value
   * failed, was evicted, is newer than {@code rev}, or is not an {@code argType}).
   */
  void gather(Object[] g, int i, AbstractNode<?> d, long rev) {
    d.addDependent(this, rev);
    Object dv = d.value; // then its interval, as in claimed
    if (valuesBounded && LruPolicy.evictedElseTouch(d, dv)) {
      return;
    }
    if (dv == UNSET || d.newerThan(rev) || dv instanceof Failure || isWrongType(dv)) {
      return;
    }
    g[i] = dv;
  }

  /** Records this node as a dependent of its node arguments if it never ran (it was never recorded then). */
  void registerIfNew(long rev) {
    if (value == UNSET) {
      registerWithArguments(rev);
    }
  }

  /** Records this node as a dependent of each node argument (once: arguments never change). */
  private void registerWithArguments(long rev) {
    if (!nodeArguments) {
      return;
    }
    for (Object a : args) {
      if (a instanceof AbstractNode<?> d) {
        d.addDependent(this, rev);
      }
    }
  }

  private boolean failedEarlierIn(Session session) {
    return failedIn(session);
  }

  /**
   * Re-verifies the nodes read on the last run, in the order they were read, and stops at the first that changed:
   * a later one may not be read at all any more (a conditional read), so it must not be computed. Returns -1 if one
   * changed, else the latest revision from which one of them is known valid.
   */
  private long dynamicDependencyChanged(Computation c, long verified) {
    long rev = c.revision();
    long from = 0;
    for (AbstractNode<?> d : reads) {
      if (d.usableAt(rev) == NEWER) {
        throw c.overtaken();
      }
      if (d.usableAt(rev) == NOT_CURRENT && !(valuesBounded && LruPolicy.evictedButCurrent(d, rev))) {
        try {
          Object v = Evaluation.ensure(d, c, 0L);
          if (v instanceof Failure) {
            return -1;
          }
        } catch (Overtaken o) {
          throw o;
        } catch (RuntimeException | java.util.concurrent.TimeoutException failedOrCycle) {
          return -1; // rerun: the function's own read reports the failure with its path
        }
      }
      Object v = d.valueAt(rev);
      if (d.newerThan(rev)) {
        throw c.overtaken();
      }
      if (v instanceof Failure || d.changedAt(rev) > verified) {
        return -1;
      }
      from = Math.max(from, d.validFrom(rev));
    }
    return from;
  }

  /** Whether {@code v}, a node argument's value, is not of the function's declared argument type. */
  private boolean isWrongType(Object v) {
    return fn.argType != null && v != null && !fn.argType.isInstance(v) && !(v instanceof LruPolicy.Evicted);
  }

  /** {@link #registerWithArguments}'s work for the node arguments after the {@code i}th, if {@code register}. */
  private void registerAfter(boolean register, int i, long rev) {
    if (register) {
      for (int j = i + 1; j < args.length; j++) {
        if (args[j] instanceof AbstractNode<?> d) {
          d.addDependent(this, rev);
        }
      }
    }
  }

  /**
   * The type check found in {@link #claimed}'s pass over the arguments ({@code wrongType}, the first node argument
   * whose value is not an {@code argType}, or -1), and the private copy of a mutated argument; false (the entry
   * failed) if one fails.
   */
  private boolean prepareArguments(Evaluation ev, Evaluation.Entry e, Computation c, Object[] values,
      int wrongType) {
    if (wrongType >= 0) {
      Object v = values[wrongType];
      failBeforeRunning(ev, e, c, new IllegalArgumentException("argument " + (wrongType + 1) + " of '" + name()
          + "' is node '" + ((AbstractNode<?>) args[wrongType]).name() + "', which produced a "
          + v.getClass().getName() + " (" + ValueText.of(v) + "), expected a " + fn.argType.getName()));
      return false;
    }
    int mutated = fn.options.mutatedArgument();
    if (mutated >= 0) {
      if (mutated >= values.length) {
        failBeforeRunning(ev, e, c, new IllegalArgumentException("'" + name() + "' is declared to mutate "
            + "argument " + mutated + " (0-based) but has only " + values.length + " arguments"));
        return false;
      }
      try {
        values[mutated] = fn.options.copier().copy(values[mutated]);
      } catch (RuntimeException noCopy) {
        failBeforeRunning(ev, e, c, new IllegalArgumentException("'" + name() + "' mutates argument "
            + mutated + " in place, and copying it failed: " + ValueText.messageOf(noCopy), noCopy));
        return false;
      }
    }
    return true;
  }

  private void failBeforeRunning(Evaluation ev, Evaluation.Entry e, Computation c, Throwable why) {
    Failure failure = new Failure(why, false);
    validFrom = ev.revision;
    changedAt = ev.revision;
    value = failure;
    verifiedAt = -1;
    RAN_IN.setRelease(this, ev.session); // after the outcome: see AbstractNode#failedIn
    c.failure = failure;
    c.release();
    ev.report(e, failure);
  }

  /**
   * The start time of a run that nobody hears: no listener was registered when it started (a listener registered
   * during the run is told 0 ns). Differs from {@link GraphListener#UNTIMED}, a run heard but not timed.
   */
  private static final long UNTIMED = Long.MIN_VALUE + 1;

  /**
   * Under {@link GraphListener.RunTiming#SAMPLED}: whether this run is timed. Every run of a function is, until one
   * took less than {@link GraphListener#SHORT_RUN_NANOS} ({@link WrappedFunction#shortRuns}); then one in {@link
   * GraphListener#SAMPLE_EVERY}, picked by a hash of the node's sequence number and the revision (two Weyl
   * sequences: over revisions each node is timed one time in 16, within a revision one node in 16 is), so no
   * state is written per run and no node is never timed.
   */
  private boolean timedBySample(long revision) {
    return !fn.shortRuns
        || (((int) sequence * 0x9E3779B9 + (int) revision * 0x85EBCA6B) >>> 28) == 0; // SAMPLE_EVERY == 16 == 2^(32-28)
  }

  /**
   * Takes {@code c}'s run out of its graph's running functions, if it is still counted in the graph's counter;
   * idempotent. (A run counted in its worker's frame is uncounted by {@link #finish} itself, with field writes.)
   */
  private static void uncount(Computation c, Graph graph) {
    if (c.counting == Computation.IN_COUNTER) {
      graph.functionFinished();
      c.counting = Computation.UNCOUNTED; // after the call: if the call overflows, the next frame out tries again
    }
  }

  /**
   * Runs the function with {@code c} as the current computation and publishes the outcome; for an asynchronous
   * function, publishes when its future completes (holding the claim until then, with no thread waiting).
   */
  Evaluation.Entry finish(Evaluation ev, Evaluation.Entry e, Computation c, Object[] values) {
    Object result = null;
    Throwable thrown = null;
    Object jfr = null;
    long started = UNTIMED;
    Computation.Frame frame = Computation.frame(); // before the try: if these fail, nothing has changed yet
    Computation outer = frame.current();
    Graph graph = ev.graph;
    try {
      c.enter(frame, outer);
      // Counted once: by this thread's count of an evaluation it runs inline (Evaluation#run), by its frame on a
      // worker of the engine's pools (Frame#runningOf; covering functions nested in this one too), else here.
      if (frame.counted != graph && frame.runningOf != graph) {
        if (frame.worker && frame.runningOf == null) {
          frame.runningOf = graph;
          c.counting = Computation.IN_FRAME;
        } else {
          graph.functionStarted();
          c.counting = Computation.IN_COUNTER;
        }
      }
      jfr = Jfr.begin();
      Events events = graph.events();
      int timing = events.timing();
      if (timing != Events.NO_LISTENER) {
        // a clock read costs 20 to 200 ns: only for listeners that want it (see GraphListener.RunTiming)
        started = timing == Events.TIME_EVERY_RUN || timing == Events.TIME_SAMPLED && timedBySample(ev.revision)
            ? System.nanoTime() : GraphListener.UNTIMED;
        events.nodeStarted(this, started);
      } else {
        started = UNTIMED;
      }
      result = PersistedCall.invoke(this, c, values, ev.eagerStep != e);
    } catch (Throwable t) {
      thrown = t;
    } finally {
      // At the stack limit any call here can overflow, a field write cannot: so the writes come first, and what a
      // failed call leaves undone is finished by an outer frame (CallNode#step's handler, see uncount).
      c.exited = true; // current() skips c from now on
      frame.current = outer; // a field write, no thread-local operation
      if (c.counting == Computation.IN_FRAME) {
        frame.runningOf = null; // field writes: this cannot fail, so no outer frame has it to do
        c.counting = Computation.UNCOUNTED;
      }
      uncount(c, graph);
    }
    c.abandonNested(); // a claim an Error left held below the function's frames
    if ((fn.async || result instanceof PersistedCall.Elsewhere) && thrown == null && !c.overtaken) {
      if (result instanceof PersistedCall.Elsewhere away) {
        result = away.stage();
      }
      if (!(result instanceof java.util.concurrent.CompletionStage<?> stage)) {
        thrown = new IllegalStateException("asynchronous function '" + fn.name + "' returned " + result
            + " instead of a CompletableFuture");
      } else {
        Completed k = new Completed(this, ev, e, c, jfr, started);
        stage.whenComplete(k);
        k.registered = true;
        return null;
      }
    }
    return publish(ev, e, c, result, thrown, jfr, started, false);
  }

  /** Publishes an asynchronous function's outcome when its future completes. */
  private static final class Completed implements java.util.function.BiConsumer<Object, Throwable> {
    private final CallNode<?> node;
    private final Evaluation ev;
    private final Evaluation.Entry e;
    private final Computation c;
    private final Object jfr;
    private final long started;
    /** The thread that ran the function and registers this on its future. */
    private final Thread runner = Thread.currentThread();
    /**
     * Set by {@link #runner} once registered. A future already complete runs {@link #accept} at registration, on the
     * runner before this is set: the outcome is then published on the function's own thread, and if that thread is
     * interrupted (its caller stopped waiting), the failure is judged as a plain function's is. Any other completion
     * runs on a thread that is not the function's (or on the runner later, after this is set): see publish's
     * {@code ofFuture}.
     */
    volatile boolean registered;

    Completed(CallNode<?> node, Evaluation ev, Evaluation.Entry e, Computation c, Object jfr, long started) {
      this.node = node;
      this.ev = ev;
      this.e = e;
      this.c = c;
      this.jfr = jfr;
      this.started = started;
    }

    @Override
    public void accept(Object v, Throwable t) {
      Evaluation.Entry next;
      try {
        // Only the function's own thread, interrupted, is a sign that its caller stopped waiting: a cause chain with
        // an InterruptedException is not (a remote failure may have come first, before the function returned).
        boolean interruptedHere = !registered && Thread.currentThread() == runner
            && Thread.currentThread().isInterrupted();
        next = node.publish(ev, e, c, v, unwrap(t), jfr, started, !interruptedHere);
      } catch (Throwable bug) {
        c.release();
        next = ev.failed(e, new Failure(bug, false));
      }
      ev.continueWith(next);
    }
  }

  private static Throwable unwrap(Throwable t) {
    while ((t instanceof java.util.concurrent.CompletionException
        || t instanceof java.util.concurrent.ExecutionException) && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  /**
   * Whether a function's failure came from an interrupt of the thread running it (a caller that stopped waiting):
   * then it is not the node's failure, and others who need the node run it again.
   */
  private static boolean isInterruption(Throwable thrown) {
    if (Thread.currentThread().isInterrupted()) {
      return true;
    }
    for (Throwable t = thrown; t != null; t = t.getCause()) {
      if (t instanceof InterruptedException || t instanceof java.io.InterruptedIOException
          || t instanceof java.nio.channels.ClosedByInterruptException) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  /**
   * Stores the outcome of a run, releases the claim, reports it, and resolves the entry. {@code ofFuture}: the
   * outcome is that of an asynchronous function's future, published by whatever thread completed it.
   */
  Evaluation.Entry publish(Evaluation ev, Evaluation.Entry e, Computation c, Object result,
      Throwable thrown, Object jfr, long started, boolean ofFuture) {
    long rev = ev.revision;
    if (c.overtaken || thrown instanceof Overtaken) {
      c.release(); // it read a newer value: discard the run, the session restarts
      return ev.overtaken(e);
    }
    // A failure of a future completed elsewhere is never an interruption: the engine interrupts no thread that
    // works for a future, and the thread completing it (a client's, the remote work's) is not one the caller could
    // have interrupted; its interrupt flag, or an InterruptedException of the remote side, says nothing about
    // whether anyone stopped waiting for this node (a caller that does cancels the evaluation itself). Taking it for
    // one cancelled the evaluation and told an uninterrupted caller that its get() was interrupted. (A failed future
    // returned by a function whose own thread is interrupted is judged as a plain function's failure: Completed.)
    if (thrown != null && !ofFuture && !(thrown instanceof EvaluationException) && isInterruption(thrown)) {
      c.release(); // not the node's failure: whoever still needs the node runs it again
      if (ev.onOwnThread() && !Thread.currentThread().isInterrupted()) {
        Thread.currentThread().interrupt(); // the interrupt was meant for this thread's caller: keep it
      }
      ev.cancelled = true;
      return ev.abort(e);
    }
    AbstractNode<?>[] nowRead = c.readsArray(thrown == null);
    reads = nowRead;
    if (thrown == null) {
      Object old = value;
      LruPolicy.Restore restored = c.restore;
      boolean unchanged;
      try {
        unchanged = old != UNSET && !(old instanceof Failure) && !(old instanceof LruPolicy.Evicted)
            && fn.options.unchanged(old, result);
      } catch (Throwable inEquals) {
        unchanged = false;
        thrown = new IllegalStateException("the early-cutoff comparison of '" + name() + "' failed: comparing its "
            + "previous value, a " + old.getClass().getName() + ", with the new one (equals, or the function's "
            + "cutoff equivalence) threw " + ValueText.ofThrowable(inEquals) + "; the function itself returned normally",
            inEquals);
      }
      if (thrown == null) {
        // Release stores, in this order (see AbstractNode's publication rule and VALUE); c.release() fences.
        if (restored != null) { // an evicted value, recomputed from unchanged inputs: changedAt stays (LruPolicy)
          VALID_FROM.setRelease(this, restored.validFrom());
          VALUE.setRelease(this, result);
          VERIFIED_AT.setRelease(this, restored.verifiedAt());
        } else {
          VALID_FROM.setRelease(this, rev);
          if (!unchanged) {
            CHANGED_AT.setRelease(this, rev);
            VALUE.setRelease(this, result);
          }
          VERIFIED_AT.setRelease(this, rev);
        }
        RAN_IN.setRelease(this, ev.session); // last: see AbstractNode#failedIn
        Object kept = unchanged ? old : result;
        if (e instanceof Evaluation.Entry.Collecting k) {
          k.result = kept; // before the release: a newer run may replace the value after it
        }
        c.release();
        LruPolicy bound = fn.lru;
        if (bound != null) {
          bound.stored(this, kept);
        }
        recordRun(ev, jfr, started, !unchanged && restored == null, null);
        return ev.resolve(e, true);
      }
    }
    boolean ofRead = thrown instanceof EvaluationException x && c.isReadFailure(x);
    Failure failure = new Failure(thrown, ofRead); // a failed read is reported as the read node's failure
    validFrom = rev;
    changedAt = rev;
    value = failure;
    verifiedAt = fn.options.isCachingFailures() && !ofRead ? rev : -1;
    RAN_IN.setRelease(this, ev.session); // last: see AbstractNode#failedIn
    c.failure = failure;
    c.release();
    LruPolicy bound = fn.lru;
    if (bound != null) {
      bound.stored(this, failure);
    }
    recordRun(ev, jfr, started, false, thrown);
    return ev.failed(e, failure);
  }

  private void recordRun(Evaluation ev, Object jfr, long started, boolean changed, Throwable failure) {
    if (jfr != null) {
      Jfr.end(jfr, this, changed, failure);
    }
    Events events = ev.graph.events();
    if (failure == null) {
      long nanos;
      if (started == UNTIMED) {
        nanos = 0L;
      } else if (started == GraphListener.UNTIMED) {
        nanos = GraphListener.UNTIMED;
      } else {
        nanos = System.nanoTime() - started;
        boolean isShort = nanos < GraphListener.SHORT_RUN_NANOS;
        if (fn.shortRuns != isShort) {
          fn.shortRuns = isShort; // written only on a change: no shared line written per run
        }
      }
      events.nodeFinished(this, nanos, changed);
    } else {
      events.nodeFailed(this, failure);
    }
  }

  @Override
  public NodeState state() {
    if (inflight != null) {
      return NodeState.RUNNING;
    }
    Object v = value;
    if (v == UNSET) {
      return NodeState.NEW;
    }
    if (v instanceof Failure) {
      return NodeState.FAILED;
    }
    return usableAt(Revisions.published()) == NOT_CURRENT ? NodeState.STALE : NodeState.VALID;
  }
}
