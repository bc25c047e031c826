package dev.sloth.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.config.MapConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.internal.serialization.Data;
import com.hazelcast.internal.serialization.SerializationService;
import com.hazelcast.spi.impl.SerializationServiceSupport;
import com.hazelcast.map.IMap;
import com.hazelcast.partition.Partition;
import com.hazelcast.partition.PartitionAwareKey;
import com.hazelcast.partition.PartitionService;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The member side: runs the batches drivers send, with the functions of the application's {@link
 * ClusterFunctions} table, and keeps each result in a partition it owns.
 *
 * <pre>{@code
 * HazelcastInstance hz = Hazelcast.newHazelcastInstance(Configs.loopbackMember("jobs", 5701));
 * ClusterMember member = ClusterMember.serve(hz, App.FUNCTIONS);
 * }</pre>
 *
 * <p>For each node of a batch the member checks that it knows the function under the same code version (else it
 * refuses the node, naming itself and the function, and the driver places the node elsewhere), fetches the
 * referenced results (one {@code getAll} per batch; a reference whose result is gone, or is being recomputed, is
 * reported back as missing, and the driver recomputes it from its lineage or waits for the recomputation under
 * way), runs the function, serializes the result once, and stores it under a key routed to a partition this member
 * owns, so that results stay where they were computed and move only when a consumer elsewhere reads them. A node whose key this member already holds is not
 * run again.
 */
public final class ClusterMember {
  private static final System.Logger LOG = System.getLogger(ClusterMember.class.getName());
  static final String CONTEXT_KEY = "dev.sloth.cluster.member";
  /** A result asked for with the answer travels in it if it is at most this big (64 KiB); else it is fetched. */
  static final int VALUE_IN_ANSWER = 64 * 1024;

  private final HazelcastInstance hz;
  private final ClusterFunctions functions;
  private final String name;
  private final SerializationService serialization;
  private final PartitionKeys keys;
  private final AtomicInteger nextOwned = new AtomicInteger();
  private volatile int[] owned = new int[0];
  /** Results this member stored, by namespace and key (hex): where and how big, so that a repeated node is answered, not run. */
  private final Map<String, long[]> held = new ConcurrentHashMap<>();
  /** Stores under way, by the same ids as {@link #held}: removed when the store completed (or failed). */
  private final Map<String, CompletableFuture<Void>> pending = new ConcurrentHashMap<>();
  private final AtomicLong runs = new AtomicLong();
  private final AtomicLong stores = new AtomicLong();
  private final AtomicLong refusals = new AtomicLong();
  private final AtomicLong reused = new AtomicLong();
  private final AtomicLong bytesIn = new AtomicLong();
  private final AtomicLong returned = new AtomicLong();
  /** The batches running here, by namespace, driver and batch id: what {@link #giveBack} looks in. */
  private final Map<String, Progress> running = new ConcurrentHashMap<>();

  private ClusterMember(HazelcastInstance hz, ClusterFunctions functions) {
    this.hz = hz;
    this.functions = functions;
    Member local = hz.getCluster().getLocalMember();
    this.name = local.getAddress().getHost() + ":" + local.getAddress().getPort();
    this.serialization = ((SerializationServiceSupport) hz).getSerializationService();
    this.keys = new PartitionKeys(hz.getPartitionService());
  }

  /**
   * Makes {@code hz} run Sloth batches with {@code functions}. Call it once per member, with the same table the
   * driver uses.
   *
   * @throws IllegalStateException if {@code hz} is a lite member, already serves, or its config lacks Sloth's
   *     settings ({@link Configs#withSlothSettings})
    *
    * @param hz a data member of the cluster, configured with Sloth's settings
    * @param functions the function table, the same as the driver's
    * @return the member's handle, for its counters
   */
  public static ClusterMember serve(HazelcastInstance hz, ClusterFunctions functions) {
    Objects.requireNonNull(hz, "the Hazelcast instance is null");
    Objects.requireNonNull(functions, "the function table is null");
    if (hz.getCluster().getLocalMember().isLiteMember()) {
      throw new IllegalStateException("a lite member holds no partitions, so it cannot keep results: serve on a data member");
    }
    MapConfig results = hz.getConfig().getMapConfig(Configs.RESULTS_PREFIX + "check");
    if (results.getBackupCount() != 0 || !hz.getConfig().getExecutorConfigs().containsKey(Configs.EXECUTOR)) {
      throw new IllegalStateException("member " + hz.getName() + " was configured without Sloth's settings: "
          + "build its config with Configs.loopbackMember or pass it through Configs.withSlothSettings");
    }
    ClusterMember m = new ClusterMember(hz, functions);
    if (hz.getUserContext().putIfAbsent(CONTEXT_KEY, m) != null) {
      throw new IllegalStateException("member " + m.name + " already serves a function table");
    }
    return m;
  }

  /**
   * Runs a loopback member in its own JVM: {@code java -cp app.jar dev.sloth.cluster.ClusterMember <cluster>
   * <first port> <table class> [--until-stdin-closes]}, where the table class has a static field {@code
   * FUNCTIONS} holding the application's {@link ClusterFunctions}. Prints {@code READY <address> <pid>} once it
   * serves. With {@code --until-stdin-closes} it halts when its standard input closes (a parent process that
   * starts members ends them by closing it, or by dying); otherwise it runs until killed.
    *
    * @param args {@code <cluster> <first port> <table class> [--until-stdin-closes]}
    * @throws Exception if the member cannot start or the table class cannot be loaded
   */
  public static void main(String[] args) throws Exception {
    if (args.length < 3) {
      System.err.println("usage: ClusterMember <cluster> <first port> <table class> [--until-stdin-closes]");
      System.exit(2);
    }
    HazelcastInstance hz = com.hazelcast.core.Hazelcast.newHazelcastInstance(
        Configs.loopbackMember(args[0], Integer.parseInt(args[1])));
    Object table = Class.forName(args[2]).getField("FUNCTIONS").get(null);
    if (!(table instanceof ClusterFunctions functions)) {
      throw new IllegalArgumentException(args[2] + ".FUNCTIONS is not a ClusterFunctions table");
    }
    ClusterMember m = serve(hz, functions);
    System.out.println("READY " + m.name() + " " + ProcessHandle.current().pid());
    System.out.flush();
    if (args.length > 3 && args[3].equals("--until-stdin-closes")) {
      while (System.in.read() != -1) {
        // wait for the parent to close stdin, or die
      }
      Runtime.getRuntime().halt(0);
    }
  }

  static ClusterMember of(HazelcastInstance hz) {
    return (ClusterMember) hz.getUserContext().get(CONTEXT_KEY);
  }

  /**
   * This member's address, as events and errors name it.
   *
   * @return {@code host:port}
   */
  public String name() {
    return name;
  }

  /**
   * Functions run here so far (a node answered from a result already held is not counted).
   *
   * @return the count of function runs on this member
   */
  public long runs() {
    return runs.get();
  }

  /**
   * Results stored here so far.
   *
   * @return the count of results stored
   */
  public long stores() {
    return stores.get();
  }

  /**
   * Nodes refused here so far (unknown function or another code version).
   *
   * @return the count of refused nodes
   */
  public long refusals() {
    return refusals.get();
  }

  /**
   * Nodes answered with a result this member already held, without running.
   *
   * @return the count of nodes answered without running
   */
  public long reused() {
    return reused.get();
  }

  /**
   * Bytes of inputs this member fetched from results held by other members.
   *
   * @return the bytes fetched from other members
   */
  public long bytesFetched() {
    return bytesIn.get();
  }

  /**
   * Nodes of batches sent here that this member gave back, not started, to be run by an idle member.
   *
   * @return the count of nodes given back
   */
  public long givenBack() {
    return returned.get();
  }

  @Override
  public String toString() {
    return "ClusterMember[" + name + ", " + functions.size() + " functions, " + runs() + " runs]";
  }

  // ------------------------------------------------------------------------------------------- running

  Reply run(Batch b) {
    int n = b.size();
    Reply reply = new Reply(name, n);
    IMap<Object, Object> results = hz.getMap(Configs.RESULTS_PREFIX + b.namespace);
    RemoteFn<?>[] fns = new RemoteFn<?>[b.names.length];
    String[] refusal = new String[b.names.length];
    for (int i = 0; i < fns.length; i++) {
      RemoteFn<?> f = functions.get(b.names[i]);
      refusal[i] = refusal(f, b.names[i], b.versions[i]);
      fns[i] = refusal[i] == null ? f : null;
    }
    // Which nodes run, which are refused or already held; and the references the running ones read.
    boolean[] runHere = new boolean[n];
    Set<Object> wanted = new HashSet<>();
    int refArgs = 0;
    for (int i = 0; i < n; i++) {
      if (fns[b.fn[i]] == null) {
        reply.status[i] = Reply.REFUSED;
        reply.message[i] = refusal[b.fn[i]];
        refusals.incrementAndGet();
        continue;
      }
      String id = b.namespace + "/" + Ref.hex(b.k1[i], b.k2[i]);
      long[] have = held.get(id);
      if (have != null) {
        awaitStore(id);
        have = held.get(id);
      }
      if (have != null && results.containsKey(keys.mapKey(b.k1[i], b.k2[i], (int) have[0]))) {
        reply.status[i] = Reply.STORED;
        reply.partition[i] = (int) have[0];
        reply.bytes[i] = have[1];
        reply.reused[i] = true;
        reused.incrementAndGet();
        continue;
      }
      runHere[i] = true;
      for (Object a : b.args[i]) {
        if (a instanceof Batch.RefArg r) {
          if (r.partition() >= 0) { // else it is being recomputed (lost): reported missing, the driver waits for it
            wanted.add(keys.mapKey(r.k1(), r.k2(), r.partition()));
          }
          refArgs++;
        }
      }
    }
    Progress progress = new Progress(runHere);
    String batchKey = b.namespace + "/" + b.driver + "/" + b.id;
    running.put(batchKey, progress);
    try {
      return runFrom(b, reply, results, fns, runHere, wanted, refArgs, progress);
    } finally {
      running.remove(batchKey);
    }
  }

  /** Why this member refuses to run function {@code fn} (looked up by {@code name}) at {@code version}; else null. */
  private String refusal(RemoteFn<?> fn, String name, String version) {
    if (fn == null) {
      return "member " + this.name + " has no function '" + name + "'";
    }
    if (!fn.codeVersion().equals(version)) {
      return "member " + this.name + " has code version " + fn.codeVersion() + " of function '" + name
          + "', the driver asked for " + version;
    }
    return null;
  }

  /**
   * Runs a lone quick node on the partition thread of {@code entry}, the entry its result is kept in, and sets it
   * there: no hand-off to another thread, no separate store (see {@link RunOne}). A node whose result this member
   * already holds (or is storing) is answered {@link Reply#DEFERRED}, for the driver to send it in a batch: checking
   * that store may mean waiting, which a partition thread must not.
   */
  Reply runOne(RunOne t, Map.Entry<Object, Object> entry) {
    Reply reply = new Reply(name, 1);
    RemoteFn<?> f = functions.get(t.name);
    String refused = refusal(f, t.name, t.version);
    if (refused != null) {
      reply.status[0] = Reply.REFUSED;
      reply.message[0] = refused;
      refusals.incrementAndGet();
      return reply;
    }
    String id = t.namespace + "/" + Ref.hex(t.k1, t.k2);
    if (held.containsKey(id)) {
      reply.status[0] = Reply.DEFERRED;
      return reply;
    }
    long start = System.nanoTime();
    Data data = runAndSerialize(f, t.args, reply, 0);
    if (data == null) {
      return reply;
    }
    long computed = System.nanoTime() - start;
    entry.setValue(data);
    held.put(id, new long[] {t.partition, data.totalSize()});
    stores.incrementAndGet();
    reply.status[0] = Reply.STORED;
    reply.partition[0] = t.partition;
    reply.bytes[0] = data.totalSize();
    reply.computeNanos[0] = computed;
    reply.value[0] = t.wantValue && data.totalSize() <= VALUE_IN_ANSWER ? data : null;
    return reply;
  }

  /**
   * Runs {@code f} on {@code args} and serializes its result; on failure (the function threw, or its result cannot
   * be serialized) records it in slot {@code i} of {@code reply} and returns null.
   */
  private Data runAndSerialize(RemoteFn<?> f, Object[] args, Reply reply, int i) {
    Object value;
    try {
      value = f.apply(args);
    } catch (Throwable t) {
      reply.status[i] = Reply.FAILED;
      reply.message[i] = describe(t);
      runs.incrementAndGet();
      return null;
    }
    runs.incrementAndGet();
    try {
      return serialization.toData(value == null ? NullValue.INSTANCE : value);
    } catch (Throwable e) { // any Throwable from the value's codec (an Error too) is that node's, not the member's
      reply.status[i] = Reply.FAILED;
      reply.message[i] = "the result of '" + f.name() + "' (a " + value.getClass().getName()
          + ") cannot be serialized: " + describe(e);
      return null;
    }
  }

  /**
   * Which of a running batch's nodes have started, so that a driver can take back some that have not ({@link
   * #giveBack}). Guarded by itself: the runner claims each node under the lock before it starts it, and a node
   * given back is never claimed, so each node either runs here or is given back, never both.
   */
  static final class Progress {
    private final boolean[] mayGive;
    private final boolean[] given;

    Progress(boolean[] runHere) {
      this.mayGive = runHere.clone();
      this.given = new boolean[runHere.length];
    }

    /** Claims node {@code i} for running here; false if it was given back. */
    synchronized boolean claim(int i) {
      if (given[i]) {
        return false;
      }
      mayGive[i] = false;
      return true;
    }

    /** Gives back those of {@code wanted} not started (nor claimed); returns them. */
    synchronized int[] give(int[] wanted) {
      int[] out = new int[wanted.length];
      int k = 0;
      for (int i : wanted) {
        if (i >= 0 && i < mayGive.length && mayGive[i]) {
          mayGive[i] = false;
          given[i] = true;
          out[k++] = i;
        }
      }
      return java.util.Arrays.copyOf(out, k);
    }
  }

  /**
   * Gives back the nodes of a batch running here that have not started, of those {@code wanted} (indices in the
   * batch): the driver sends them to an idle member. A batch not running here (not begun, or finished) gives
   * nothing.
   */
  int[] giveBack(String namespace, long driver, long id, int[] wanted) {
    Progress p = running.get(namespace + "/" + driver + "/" + id);
    int[] given = p == null ? new int[0] : p.give(wanted);
    returned.addAndGet(given.length);
    return given;
  }

  private Reply runFrom(Batch b, Reply reply, IMap<Object, Object> results, RemoteFn<?>[] fns, boolean[] runHere,
      Set<Object> wanted, int refArgs, Progress progress) {
    int n = b.size();
    long fetchStart = System.nanoTime();
    Map<Object, Object> inputs = wanted.isEmpty() ? Map.of() : results.getAll(wanted);
    long fetchNanos = System.nanoTime() - fetchStart;
    PartitionService partitions = hz.getPartitionService();
    Map<Object, Object> toStore = new HashMap<>();
    for (int i = 0; i < n; i++) {
      if (!runHere[i]) {
        continue;
      }
      if (!progress.claim(i)) {
        reply.status[i] = Reply.RETURNED; // the driver took it back for another member
        continue;
      }
      Object[] args = b.args[i];
      List<Long> lost = null;
      int myRefs = 0;
      long in = 0;
      for (int j = 0; j < args.length; j++) {
        if (args[j] instanceof Batch.RefArg r) {
          myRefs++;
          Object v = r.partition() < 0 ? null : inputs.get(keys.mapKey(r.k1(), r.k2(), r.partition()));
          if (v == null) {
            if (lost == null) {
              lost = new ArrayList<>();
            }
            lost.add(r.k1());
            lost.add(r.k2());
          } else {
            Member owner = keys.owner(partitions, r.partition());
            if (owner == null || !owner.localMember()) {
              in += r.bytes();
            }
            args[j] = v == NullValue.INSTANCE ? null : v;
          }
        }
      }
      if (lost != null) {
        reply.status[i] = Reply.MISSING;
        reply.missing[i] = lost.stream().mapToLong(Long::longValue).toArray();
        continue;
      }
      RemoteFn<?> f = fns[b.fn[i]];
      long start = System.nanoTime();
      Data data = runAndSerialize(f, args, reply, i);
      if (data == null) {
        continue;
      }
      long computed = System.nanoTime() - start;
      int p = localPartition(partitions);
      toStore.put(keys.mapKey(b.k1[i], b.k2[i], p), data);
      held.put(b.namespace + "/" + Ref.hex(b.k1[i], b.k2[i]), new long[] {p, data.totalSize()});
      reply.status[i] = Reply.STORED;
      reply.partition[i] = p;
      reply.bytes[i] = data.totalSize();
      reply.computeNanos[i] = computed;
      reply.value[i] = b.wantValue[i] && data.totalSize() <= VALUE_IN_ANSWER ? data : null;
      reply.transferNanos[i] = refArgs == 0 ? 0 : fetchNanos * myRefs / refArgs; // the batch's fetch, shared out
      reply.bytesIn[i] = in;
      bytesIn.addAndGet(in);
    }
    // The answer does not wait for the stores (waiting cost about 130 us of a 700 us node). A store is queued on
    // its partition's thread here, before the answer leaves, so a read sent on the answer's strength queues behind
    // it and finds the result; only a store retried while partitions migrate can be overtaken. Such a read finds
    // nothing, and the driver then asks this member (held(), which waits for pending stores) before it believes
    // the result lost: nothing is recomputed that was not lost.
    if (!toStore.isEmpty()) {
      store(results, b.namespace, toStore);
    }
    return reply;
  }

  /** Starts storing {@code toStore}; each key stays in {@link #pending} until its store completed. */
  private void store(IMap<Object, Object> results, String namespace, Map<Object, Object> toStore) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    List<String> ids = new ArrayList<>(toStore.size());
    for (Object k : toStore.keySet()) {
      String id = namespace + "/" + ((PartitionAwareKey<?, ?>) k).getKey();
      ids.add(id);
      pending.put(id, done);
    }
    stores.addAndGet(ids.size()); // counted when started, so that a count read after the answer is exact
    CompletionStage<?> stored;
    try {
      if (toStore.size() == 1) { // one set costs a third of a one-entry setAll
        Map.Entry<Object, Object> e = toStore.entrySet().iterator().next();
        stored = Invocations.store(results, e.getKey(), (Data) e.getValue());
      } else {
        stored = results.setAllAsync(toStore);
      }
    } catch (RuntimeException e) {
      stored = CompletableFuture.failedFuture(e);
    }
    stored.whenCompleteAsync((ok, e) -> { // on the partition thread that stored them (see Callbacks)
      if (e != null) {
        stores.addAndGet(-ids.size());
        LOG.log(System.Logger.Level.WARNING, "member " + name + " could not store " + ids.size() + " result(s)", e);
        ids.forEach(held::remove); // then held() says so, and the driver recomputes them
      }
      ids.forEach(id -> pending.remove(id, done));
      done.complete(null);
    }, Callbacks.DIRECT);
  }

  /** Waits (a bounded time) for the store of {@code id} if one is under way here. */
  private void awaitStore(String id) {
    CompletableFuture<Void> f = pending.get(id);
    if (f != null) {
      try {
        f.get(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (ExecutionException | TimeoutException e) {
        // answered below from what the map holds
      }
    }
  }

  /**
   * Which of {@code keys} (pairs) this member holds in {@code namespace}: triples (index, partition, size). A store
   * under way is waited for, so a result this member answered for is found here once it is stored.
   */
  long[] held(String namespace, long[] keys) {
    IMap<Object, Object> results = hz.getMap(Configs.RESULTS_PREFIX + namespace);
    List<Long> found = new ArrayList<>();
    for (int i = 0; i < keys.length / 2; i++) {
      String id = namespace + "/" + Ref.hex(keys[2 * i], keys[2 * i + 1]);
      awaitStore(id);
      long[] have = held.get(id);
      if (have != null && results.containsKey(this.keys.mapKey(keys[2 * i], keys[2 * i + 1], (int) have[0]))) {
        found.add((long) i);
        found.add(have[0]);
        found.add(have[1]);
      }
    }
    return found.stream().mapToLong(Long::longValue).toArray();
  }

  /**
   * Forgets the results of {@code namespace} this member recorded (its map was destroyed); returns how many. A result
   * stored meanwhile in the namespace's new map is forgotten too: it is then run again when asked for.
   */
  int forget(String namespace) {
    String prefix = namespace + "/";
    int[] n = {0};
    held.keySet().removeIf(id -> id.startsWith(prefix) && ++n[0] > 0);
    return n[0];
  }

  /** The results of {@code namespace} this member has a record of (for tests). */
  int heldCount(String namespace) {
    String prefix = namespace + "/";
    return (int) held.keySet().stream().filter(id -> id.startsWith(prefix)).count();
  }

  /** A partition this member owns, in turn; refreshed when ownership moved. */
  private int localPartition(PartitionService partitions) {
    for (int attempt = 0; attempt < 2; attempt++) {
      int[] mine = owned;
      if (mine.length > 0) {
        int p = mine[Math.floorMod(nextOwned.getAndIncrement(), mine.length)];
        Member owner = keys.owner(partitions, p);
        if (owner != null && owner.localMember()) {
          return p;
        }
      }
      List<Integer> now = new ArrayList<>();
      for (Partition part : partitions.getPartitions()) {
        if (part.getOwner() != null && part.getOwner().localMember()) {
          now.add(part.getPartitionId());
        }
      }
      owned = now.stream().mapToInt(Integer::intValue).toArray();
    }
    // Owns nothing yet (just joined, partitions not migrated): any partition will do; the result then lives elsewhere.
    return Math.floorMod(nextOwned.getAndIncrement(), keys.count());
  }

  /**
   * A Throwable of user code as text: its stack trace, at most 4,000 characters. If printing it throws (its {@code
   * getMessage} or {@code toString} is user code too), its class and the class of what printing threw, so that the error stays
   * the node's and the rest of its batch is answered.
   */
  private static String describe(Throwable t) {
    String text;
    try {
      StringWriter s = new StringWriter();
      t.printStackTrace(new PrintWriter(s));
      text = s.toString();
    } catch (Throwable unprintable) {
      text = t.getClass().getName() + " (its message cannot be read: printing it threw "
          + unprintable.getClass().getName() + ")";
    }
    return text.length() > 4000 ? text.substring(0, 4000) + "..." : text;
  }
}
