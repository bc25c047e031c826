package dev.sloth.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.memberselector.MemberSelectors;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import dev.sloth.graph.Fn0;
import dev.sloth.graph.Fn1;
import dev.sloth.graph.Fn2;
import dev.sloth.graph.FnN;
import dev.sloth.graph.FunctionRunner;
import dev.sloth.graph.Graph;
import dev.sloth.graph.Node;
import dev.sloth.graph.PersistentCache;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A driver: records calls of remote functions in a {@link Graph} and runs them on the data members of a Hazelcast
 * cluster. The graph plans as always (only stale, needed nodes run; equal calls are one node; errors carry paths);
 * a remote node is an asynchronous graph function ({@code Graph.fnAsync1} and the like) whose run hands a
 * description to this driver's scheduler, which batches it with other ready nodes and
 * sends it to a member. Results stay on the members; a node's value is fetched only when asked for.
 *
 * <pre>{@code
 * HazelcastInstance hz = Hazelcast.newHazelcastInstance(Configs.loopbackDriver("jobs", 5701));
 * Graph g = Graph.create();
 * Cluster cluster = Cluster.connect(hz, g, App.FUNCTIONS);
 * RemoteNode<Integer> a = cluster.call(App.SQUARE, 3);            // records, runs nothing
 * RemoteNode<Integer> b = cluster.call(App.ADD, a, 1);             // a's result stays on its member
 * int ten = b.get();                                               // runs Square, then Add, remotely: 10
 * Node<Integer> local = g.fn1("Twice", (Integer x) -> 2 * x).call(b.value());   // mix with local nodes
 * }</pre>
 *
 * <p>Arguments are plain values (sent with the node), local {@link Node}s (their values are sent) or {@link
 * RemoteNode}s (only a reference is sent; the member fetches the result from wherever it is held). Every value
 * sent must be serializable. Scheduling, placement, work stealing and fault handling are described in {@code
 * docs/cluster.md}; results and their keys in {@link ClusterMember}.
 */
public final class Cluster implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(Cluster.class.getName());
  private final HazelcastInstance hz;
  private final Graph graph;
  private final ClusterFunctions functions;
  private final String namespace;
  private final Events events = new Events();
  private final Scheduler scheduler;
  private final UUID registration;
  private final IMap<Object, Object> results;
  private final PartitionKeys keys;
  private final com.hazelcast.internal.serialization.SerializationService serialization;
  /** Values fetched from the members' maps (for tests). */
  private final java.util.concurrent.atomic.AtomicLong fetches = new java.util.concurrent.atomic.AtomicLong();
  private final Map<RemoteFn<?>, Object> graphFns = new ConcurrentHashMap<>();
  private final Fn1<Object, Object> fetch;
  private final Set<String> keepLocal;
  /** For {@link #runRemotely}: whether a graph function object is the registered code of its name. */
  private final Map<Object, Boolean> sameCode = new ConcurrentHashMap<>();
  /** Set by {@link #close()}: the driver no longer follows member deaths, so it sends nothing more. */
  private volatile boolean closed;

  private Cluster(Builder b) {
    this.hz = b.hz;
    this.graph = b.graph;
    this.functions = b.functions;
    this.namespace = b.namespace;
    this.keys = new PartitionKeys(hz.getPartitionService());
    this.serialization = ((com.hazelcast.spi.impl.SerializationServiceSupport) hz).getSerializationService();
    this.scheduler = new Scheduler(hz, namespace, b.maxMemberDeaths, b.maxBatch, events, keys);
    this.registration = hz.getCluster().addMembershipListener(scheduler);
    this.results = hz.getMap(Configs.RESULTS_PREFIX + namespace);
    this.fetch = graph.fnAsync1("cluster.fetch." + namespace, r -> fetchAsync((Ref) r, 0));
    this.keepLocal = Set.copyOf(b.keepLocal);
    if (b.remoteByDefault) {
      runGraphFunctions();
    }
  }

  private void runGraphFunctions() {
    try {
      graph.runFunctionsWith(new FunctionRunner() {
        @Override
        public CompletionStage<?> runElsewhere(PersistentCache.Call call) {
          return runRemotely(call);
        }

        @Override
        public String toString() {
          return Cluster.this.toString();
        }
      });
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /**
   * A run of one of the graph's own functions ({@link Builder#runPureFunctionsRemotely()}): a registered function
   * runs on a member, and its value comes back to be the node's value. Computed bodies (they read nodes) and
   * asynchronous functions (this driver's own among them) run here.
   */
  private CompletionStage<?> runRemotely(PersistentCache.Call call) {
    if (call.isComputed() || call.isAsynchronous() || keepLocal.contains(call.functionName())) {
      return null;
    }
    String name = call.functionName();
    if (closed) {
      throw new IllegalStateException("the cluster driver " + this + " was closed, and this graph runs its functions "
          + "on it (runPureFunctionsRemotely): function '" + name + "' cannot run; use a graph without it, or keep "
          + "the driver open while the graph runs");
    }
    RemoteFn<?> fn = functions.get(name);
    if (fn == null) {
      throw new IllegalStateException("function '" + name + "' is not in the cluster's function table, and this "
          + "graph runs its functions on the cluster (runPureFunctionsRemotely): register it under that name on the "
          + "driver and every member, or keep it here with keepLocal(\"" + name + "\")");
    }
    Boolean same = sameCode.computeIfAbsent(call.function(),
        f -> functions.versionOf(name, f).equals(fn.codeVersion()));
    if (!same) {
      throw new IllegalStateException("the graph's function '" + name + "' is not the code registered under that "
          + "name in the cluster's function table (its code version is " + functions.versionOf(name, call.function())
          + ", the table's " + fn.codeVersion() + ")");
    }
    Object[] args = call.arguments().toArray();
    fn.checkArity(args);
    return scheduler.submit(Keys.refOf(fn, args), true).thenCompose(this::valueOf);
  }

  /**
   * Waits until the cluster of {@code hz} is ready for work: {@code hz} sees at least {@code members} members (lite
   * members, such as a driver, included; clients not), and then every data member's partitions are safe (each
   * replica has an owner, no migration runs, backups are in sync). Nothing polls: the members are counted by a
   * membership listener, and each data member waits for its own partitions in a task sent to it (so the members need
   * sloth-cluster on their class path, as {@link ClusterMember} does anyway). Works from a member or a client.
   *
   * <pre>{@code
   * HazelcastInstance hz = Hazelcast.newHazelcastInstance(Configs.loopbackDriver("jobs", 5701));
   * Cluster.awaitReady(hz, 4, Duration.ofSeconds(60));   // three data members and this driver
   * Cluster cluster = Cluster.connect(hz, graph, App.FUNCTIONS);
   * }</pre>
   *
   * @param hz a member or client of the cluster
   * @param members how many members to wait for, at least 1
   * @param timeout how long to wait in all, positive
   * @throws IllegalStateException when the time is up: how many members {@code hz} saw, and which, or which data
   *     member's partitions were not safe; or once the members are there, if they are all lite (none can own a
   *     partition)
   * @throws InterruptedException if the thread is interrupted while it waits
   */
  public static void awaitReady(HazelcastInstance hz, int members, Duration timeout)
      throws InterruptedException {
    Readiness.awaitReady(hz, members, timeout);
  }

  /**
   * A driver for {@code graph} on the cluster of {@code hz}, with default settings.
   *
   * @param hz a member or client of the cluster the work goes to
   * @param graph the graph the calls are recorded in
   * @param functions the function table every member serves (see {@link ClusterMember#serve})
   * @return the driver, following membership changes until {@link #close()}
   */
  public static Cluster connect(HazelcastInstance hz, Graph graph, ClusterFunctions functions) {
    return builder(hz, graph, functions).build();
  }

  /**
   * Settings for a driver; see {@link Builder}.
   *
   * @param hz a member or client of the cluster the work goes to
   * @param graph the graph the calls are recorded in
   * @param functions the function table every member serves
   * @return a builder with the default settings
   */
  public static Builder builder(HazelcastInstance hz, Graph graph, ClusterFunctions functions) {
    return new Builder(hz, graph, functions);
  }

  /**
   * Records a call of {@code fn} with {@code args} (plain values, {@link Node}s, {@link RemoteNode}s); runs
   * nothing.
   *
   * @throws IllegalArgumentException if the count of arguments is wrong, or {@code fn} is not in this driver's table
    * @param <R> the type of the function's result
    * @param fn a function of this driver's table
    * @param args its arguments, in order
    * @return a node of {@code graph} whose value is computed on a member when first read
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public <R> RemoteNode<R> call(RemoteFn<R> fn, Object... args) {
    Objects.requireNonNull(fn, "the function is null");
    if (closed) {
      throw new IllegalStateException("the cluster driver " + this + " was closed: call '" + fn.name()
          + "' through an open one");
    }
    fn.checkArity(args);
    if (functions.get(fn.name()) != fn) {
      throw new IllegalArgumentException("function '" + fn.name() + "' is not in this cluster's function table");
    }
    Object[] a = new Object[args.length];
    for (int i = 0; i < a.length; i++) {
      a[i] = args[i] instanceof RemoteNode<?> r ? r.ref : args[i];
    }
    Object gf = graphFns.computeIfAbsent(fn, this::graphFunction);
    Node<Object> ref;
    if (gf instanceof Fn0 f0) {
      ref = f0.call();
    } else if (gf instanceof Fn1 f1) {
      ref = a[0] instanceof Node n ? f1.call(n) : f1.call(a[0]);
    } else if (gf instanceof Fn2 f2) {
      if (a[0] instanceof Node n0) {
        ref = a[1] instanceof Node n1 ? f2.call(n0, n1) : f2.call(n0, a[1]);
      } else {
        ref = a[1] instanceof Node n1 ? f2.call(a[0], n1) : f2.call(a[0], a[1]);
      }
    } else {
      ref = ((FnN) gf).call(Arrays.asList(a));
    }
    return new RemoteNode<>(this, ref);
  }

  /**
   * The graph function standing for {@code fn}: an asynchronous function whose body computes the node's key and
   * hands the node to the scheduler.
   */
  private Object graphFunction(RemoteFn<?> fn) {
    String name = fn.name();
    return switch (fn.arity()) {
      case 0 -> graph.fnAsync0(name, () -> submit(fn));
      case 1 -> graph.<Object, Object>fnAsync1(name, x -> submit(fn, x));
      case 2 -> graph.<Object, Object, Object>fnAsync2(name, (x, y) -> submit(fn, x, y));
      default -> graph.<Object, Object>fnAsyncN(name, Object.class, xs -> submit(fn, xs.toArray()));
    };
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private CompletableFuture<Object> submit(RemoteFn<?> fn, Object... args) {
    return (CompletableFuture) scheduler.submit(Keys.refOf(fn, args));
  }

  /** The value of a result just computed: the one its member sent with the answer, else fetched. */
  private CompletableFuture<Object> valueOf(Ref r) {
    com.hazelcast.internal.serialization.Data sent = r.takeValue();
    if (sent == null) {
      return fetchAsync(r, 0);
    }
    try {
      Object v = serialization.toObject(sent);
      return CompletableFuture.completedFuture(v == NullValue.INSTANCE ? null : v);
    } catch (RuntimeException e) {
      return fetchAsync(r, 0);
    }
  }

  /** Fetches a result, recomputing it from its lineage if it was lost (at most three times). */
  private CompletableFuture<Object> fetchAsync(Ref r, int attempt) {
    fetches.incrementAndGet();
    if (r.partition < 0) {
      return scheduler.recover(r).thenCompose(x -> fetchAsync(r, attempt + 1));
    }
    return Callbacks.thenCompose(results.getAsync(keys.mapKey(r.k1, r.k2, r.partition)), v -> {
      if (v != null) {
        return CompletableFuture.completedFuture(v == NullValue.INSTANCE ? null : v);
      }
      if (attempt >= 3) {
        return CompletableFuture.failedFuture(new RemoteFunctionException(r.fn.name(), null,
            "the result of '" + r.fn.name() + "' was lost " + attempt + " times while fetching it; giving up"));
      }
      com.hazelcast.cluster.Member holder = scheduler.holderOf(r);
      if (holder == null) {
        return scheduler.recover(r).thenCompose(x -> fetchAsync(r, attempt + 1));
      }
      // Its member is alive: the result may only be late (a store retried while partitions migrate). Ask it.
      return scheduler.holds(holder, r).thenCompose(held -> held
          ? fetchAsync(r, attempt + 1)
          : scheduler.recover(r).thenCompose(x -> fetchAsync(r, attempt + 1)));
    });
  }

  @SuppressWarnings("unchecked")
  <T> Node<T> valueOf(Node<Object> ref) {
    return (Node<T>) fetch.call(ref);
  }

  /** The member holding {@code ref}'s result now, or null if it is not computed (or lost). */
  String memberOf(Node<Object> ref) {
    if (ref.state() != dev.sloth.graph.NodeState.VALID) {
      return null;
    }
    return ref.get() instanceof Ref r ? scheduler.nameOf(r.member) : null;
  }

  /** Values fetched from the members' maps so far (for tests). */
  long fetches() {
    return fetches.get();
  }

  /** Whether the scheduler's lateness timer was stopped (for tests). */
  boolean timerStopped() {
    return scheduler.timerStopped();
  }

  /** Nodes queued on this driver, not yet sent (for tests). */
  int queuedNodes() {
    return scheduler.queued();
  }

  /** Runs {@code r} after each change of the scheduler's state (for tests; see {@link Scheduler#onChange}). */
  void onSchedulerChange(Runnable r) {
    scheduler.onChange(r);
  }

  /**
   * Registers a listener; see {@link ClusterListener}.
   *
   * @param listener told of runs, refusals, lost members and recomputations; one that throws is logged and skipped
   */
  public void addListener(ClusterListener listener) {
    events.add(Objects.requireNonNull(listener, "the listener is null"));
  }

  /**
   * Unregisters a listener; returns whether it was registered.
   *
   * @param listener the listener to remove
   * @return true if it was registered
   */
  public boolean removeListener(ClusterListener listener) {
    return events.remove(listener);
  }

  /**
   * This driver's counters.
   *
   * @return a snapshot of the counters
   */
  public ClusterStats stats() {
    return scheduler.stats();
  }

  /**
   * The data members this driver sends work to (addresses).
   *
   * @return the addresses, {@code host:port}, of the data members the scheduler knows now
   */
  public List<String> members() {
    return scheduler.memberNames();
  }

  /**
   * The graph calls are recorded in.
   *
   * @return the graph given to {@link #connect} or {@link #builder}
   */
  public Graph graph() {
    return graph;
  }

  /**
   * Deletes every result of this driver's namespace from the cluster (they are kept for a restarted driver), and
   * waits (30 s at most for each) until every data member has forgotten its records of them.
   */
  public void destroyResults() {
    results.destroy();
    Map<Member, Future<long[]>> answers = hz.getExecutorService(Configs.CONTROL)
        .submitToMembers(Probe.forget(namespace), MemberSelectors.DATA_MEMBER_SELECTOR);
    for (Map.Entry<Member, Future<long[]>> a : answers.entrySet()) {
      try {
        a.getValue().get(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (ExecutionException | TimeoutException e) {
        // a member that left keeps nothing; one that did not answer keeps records that point to no result
        LOG.log(System.Logger.Level.WARNING, "member " + a.getKey().getAddress() + " did not confirm that it forgot "
            + "the destroyed results of namespace " + namespace, e);
      }
    }
  }

  /**
   * Stops following membership changes; results stay on the cluster and the Hazelcast instance stays up. Later calls,
   * and runs of a graph whose functions run on this driver ({@link Builder#runPureFunctionsRemotely()}), are refused
   * with an {@link IllegalStateException} saying it was closed. Idempotent, and it works after the Hazelcast instance
   * was shut down or terminated (its listeners are gone with it).
   */
  @Override
  public void close() {
    closed = true;
    scheduler.close(); // first: nothing below may keep the timer's thread alive
    try {
      hz.getCluster().removeMembershipListener(registration);
    } catch (com.hazelcast.core.HazelcastInstanceNotActiveException gone) {
      // the instance was shut down: its membership listeners went with it
    }
  }

  @Override
  public String toString() {
    return "Cluster[" + namespace + ", " + members().size() + " members]";
  }

  /**
   * Settings of a {@link Cluster} driver.
   *
   * <pre>{@code
   * Cluster c = Cluster.builder(hz, graph, App.FUNCTIONS).namespace("nightly").maxMemberDeaths(3).build();
   * }</pre>
   */
  public static final class Builder {
    private final HazelcastInstance hz;
    private final Graph graph;
    private final ClusterFunctions functions;
    private String namespace = "default";
    private int maxMemberDeaths = 3;
    private int maxBatch = 1024;
    private boolean remoteByDefault;
    private final Set<String> keepLocal = new HashSet<>();

    private Builder(HazelcastInstance hz, Graph graph, ClusterFunctions functions) {
      this.hz = Objects.requireNonNull(hz, "the Hazelcast instance is null");
      this.graph = Objects.requireNonNull(graph, "the graph is null");
      this.functions = Objects.requireNonNull(functions, "the function table is null");
    }

    /**
     * The namespace of the results (default {@code "default"}): drivers with the same namespace and the same graph
     * share results, so a restarted driver finds those still held.
      *
      * @param namespace letters, digits, {@code _}, {@code .} and {@code -}
      * @return this builder
      * @throws IllegalArgumentException if {@code namespace} has any other character
     */
    public Builder namespace(String namespace) {
      Objects.requireNonNull(namespace, "the namespace is null");
      if (!namespace.matches("[A-Za-z0-9_.-]+")) {
        throw new IllegalArgumentException("a namespace is letters, digits, '_', '.', '-'; was '" + namespace + "'");
      }
      this.namespace = namespace;
      return this;
    }

    /**
     * A node fails once this many members died while running it (default 3, Dask's allowed failures), instead of
     * killing member after member.
      *
      * @param deaths at least 1
      * @return this builder
      * @throws IllegalArgumentException if {@code deaths} is below 1
     */
    public Builder maxMemberDeaths(int deaths) {
      if (deaths < 1) {
        throw new IllegalArgumentException("maxMemberDeaths must be at least 1, was " + deaths);
      }
      this.maxMemberDeaths = deaths;
      return this;
    }

    /**
     * The most nodes in one batch (default 1024); 1 sends every node on its own.
     *
     * @param nodes at least 1
     * @return this builder
     * @throws IllegalArgumentException if {@code nodes} is below 1
     */
    public Builder maxBatch(int nodes) {
      if (nodes < 1) {
        throw new IllegalArgumentException("maxBatch must be at least 1, was " + nodes);
      }
      this.maxBatch = nodes;
      return this;
    }

    /**
     * Makes the graph's own pure functions run on the cluster: a call of a function wrapped by the graph ({@code
     * graph.fn1("Square", f)} and the like) whose name is registered in the function table runs on a member, and
     * its value comes back to be the node's value, as if it had run here. The graph plans, caches and reports
     * errors as always. A function that is not registered is an error naming it, unless {@linkplain #keepLocal
     * kept local}; a graph function whose code differs from the one registered under its name is an error too.
     * Computed bodies and asynchronous functions always run here.
     *
     * <pre>{@code
     * Graph g = Graph.create();
     * Cluster.builder(hz, g, App.FUNCTIONS).runPureFunctionsRemotely().keepLocal("Print").build();
     * Fn1<Integer, Integer> square = g.fn1("Square", App.SQUARE_CODE);   // registered as "Square" in FUNCTIONS
     * int nine = square.call(3).get();                                     // ran on a member
     * }</pre>
     *
     * <p>Each value comes back to the driver (the graph holds values); to leave results on the members and pass
     * only references between them, record calls with {@link Cluster#call} instead.
     *
     * @return this builder
     */
    public Builder runPureFunctionsRemotely() {
      this.remoteByDefault = true;
      return this;
    }

    /**
     * Functions of the graph that run here even with {@link #runPureFunctionsRemotely()}.
     *
     * @param names the names the graph's functions were wrapped with
     * @return this builder
     */
    public Builder keepLocal(String... names) {
      for (String n : names) {
        keepLocal.add(Objects.requireNonNull(n, "a name given to keepLocal is null"));
      }
      return this;
    }

    /**
     * The driver.
     *
     * @return a driver with these settings, following membership changes until {@link Cluster#close()}
     * @throws IllegalStateException with {@link #runPureFunctionsRemotely()}, if the graph already runs its
     *     functions elsewhere (another driver took it)
     */
    public Cluster build() {
      return new Cluster(this);
    }
  }
}
