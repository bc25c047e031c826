package dev.sloth.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceNotActiveException;
import com.hazelcast.core.IExecutorService;
import com.hazelcast.core.MemberLeftException;
import com.hazelcast.core.MultiExecutionCallback;
import com.hazelcast.spi.exception.TargetNotMemberException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/**
 * The driver's scheduler: places ready remote nodes on members, sends them in batches, and handles what comes back.
 *
 * <p><b>Batching.</b> Each member has a queue and at most {@link #MAX_IN_FLIGHT} batches in flight. A node placed
 * on a member with a free slot leaves at once (an unbatched node costs one round trip); otherwise it waits in the
 * queue, and when a batch returns, everything queued (up to {@code maxBatch}) leaves in the next one. Batches thus
 * grow with the load by themselves, with no timer.
 *
 * <p><b>A lone quick node</b> (a batch of one, with no reference argument, of a function whose estimate is under
 * {@link #QUICK_NANOS}) does not go to the executor: it is a {@link RunOne}, an entry processor on the entry that
 * will hold its result, in a partition the chosen member owns, so the member runs it on that partition's thread and
 * sets the result in place (two thread hand-offs fewer than a batch). A {@link Reply#ELSEWHERE} answer (the
 * partition moved: its member died and Hazelcast retried the processor on the new owner, or partitions migrated)
 * is a member death if the member left, else the node is placed again, and either way it then goes in a batch.
 *
 * <p><b>Placement.</b> A node goes to the member holding the most bytes of its reference arguments; if it has none
 * held anywhere, to the least busy member, busy meaning the sum of the per-function run-time estimates (a moving
 * average of reported compute times) of what is queued and in flight there.
 *
 * <p><b>Work stealing</b> (Dask's rule). A member with a free slot and an empty queue takes queued, not-yet-sent
 * nodes from the tail of a backlogged member's queue when it pays: when the node's estimated compute time is at
 * least twice the time to move the input bytes it would fetch. A node is in exactly one queue or batch at a time,
 * so a steal never runs anything twice.
 *
 * <p><b>Faults.</b> A batch whose member dies is charged to its nodes: each such node counts a death and is sent
 * again alone (a batch of one), so a function that kills its member is told apart from its innocent batch-mates;
 * at {@code maxDeaths} deaths the node fails, naming the members it killed. Nodes still queued for a dead member are
 * placed again at no charge. A member that reports a reference argument missing (its result was lost with a
 * member) makes the scheduler recompute exactly that result from its lineage (the {@link Ref}'s function and
 * arguments, recursively when they are lost too), and then send the node again. A refusing member is never sent
 * that function again.
 *
 * <p><b>Concurrency.</b> All state is guarded by {@code this}. Work decided under the lock (sending batches,
 * completing futures, events) is collected in an {@link Outbox} and done after it is released, so neither
 * Hazelcast's threads nor the engine's continuation of a completed node ever runs under the lock.
 */
final class Scheduler implements MembershipListener {
  static final int MAX_IN_FLIGHT = 2;
  /**
   * A batch stops growing once its estimated compute time reaches this (2 ms, a few round trips): past that,
   * batching saves nothing, and nodes left queued on the driver can still be stolen by an idle member.
   */
  private static final double BATCH_NANOS = 2_000_000;
  /**
   * A lone node runs as a {@link RunOne} on a member's partition thread only if its function's estimate is under
   * this (200 us): a partition thread serves the reads and stores of many results, so it is never held long.
   */
  static final double QUICK_NANOS = 200_000;
  /** Initial estimate for a function that never ran: 100 us. */
  private static final double DEFAULT_ESTIMATE_NANOS = 100_000;
  /** Assumed member-to-member bandwidth for the stealing rule: 200 MB/s (0.2 bytes per ns). */
  private static final double BYTES_PER_NANO = 0.2;
  /** How far past twice its plan a batch must be before its member is asked to give nodes back: 100 ms. */
  static final long LATE_NANOS = 100_000_000L;
  private static final int MAX_LATE_CHECKS = 12;
  /** A node of a late batch moves only if fetching its inputs takes under 1/50 of the lateness. */
  private static final double MOVE_FACTOR = 50;

  private final HazelcastInstance hz;
  private final IExecutorService executor;
  private final com.hazelcast.map.IMap<Object, Object> results;
  private final PartitionKeys keys;
  private final com.hazelcast.internal.serialization.SerializationService serialization;
  private final String namespace;
  private final int maxDeaths;
  private final int maxBatch;
  private final Events events;
  private final Map<UUID, Worker> workers = new LinkedHashMap<>();
  private final Map<String, double[]> estimates = new HashMap<>();
  /** True when the cluster held results of this namespace at the start: ask members before running anything. */
  private final boolean probing;
  private long placements;
  /** Names this driver's batches on the members ({@link GiveBack}). */
  private final long driverId = java.util.concurrent.ThreadLocalRandom.current().nextLong();
  private long batchIds;
  private final IExecutorService control;
  private final java.util.concurrent.ScheduledExecutorService timer =
      java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sloth-cluster-steal");
        t.setDaemon(true);
        return t;
      });
  private long batches, sent, stored, recomputed, stolen, refusals, deaths, bytesMoved, probed;

  Scheduler(HazelcastInstance hz, String namespace, int maxDeaths, int maxBatch, Events events, PartitionKeys keys) {
    this.hz = hz;
    this.executor = hz.getExecutorService(Configs.EXECUTOR);
    this.results = hz.getMap(Configs.RESULTS_PREFIX + namespace);
    this.keys = keys;
    this.serialization = ((com.hazelcast.spi.impl.SerializationServiceSupport) hz).getSerializationService();
    this.control = hz.getExecutorService(Configs.CONTROL);
    this.namespace = namespace;
    this.maxDeaths = maxDeaths;
    this.maxBatch = maxBatch;
    this.events = events;
    this.probing = !results.isEmpty();
    synchronized (this) {
      for (Member m : hz.getCluster().getMembers()) {
        if (!m.isLiteMember()) {
          workers.put(m.getUuid(), new Worker(m));
        }
      }
    }
  }

  /** A node to run: its reference (key, lineage, location), its future, and what the scheduler knows of it. */
  static final class Task {
    final Ref ref;
    final CompletableFuture<Ref> done;
    double estimate;
    int deaths;
    List<String> killed;
    boolean alone;
    /** The driver needs the value itself: the member sends it with its answer if it is small. */
    boolean wantValue;
    /** Set when a {@link RunOne} of it was not run (see {@link Reply#ELSEWHERE}, {@link Reply#DEFERRED}). */
    boolean inBatch;
    boolean probed;
    int resends;

    Task(Ref ref, CompletableFuture<Ref> done) {
      this.ref = ref;
      this.done = done;
    }
  }

  /** A data member as the scheduler sees it. */
  static final class Worker {
    final Member member;
    final String name;
    final ArrayDeque<Task> queue = new ArrayDeque<>();
    final Set<String> refused = new HashSet<>();
    int inFlight;
    /** The batches out now (at most {@link #MAX_IN_FLIGHT}). */
    final List<Sent> out = new ArrayList<>(MAX_IN_FLIGHT);
    double load;
    long lastPlaced;
    /** Partitions this member owned when last looked at (for {@link RunOne}); null until then or when stale. */
    int[] partitions;
    int nextPartition;

    Worker(Member m) {
      this.member = m;
      this.name = m.getAddress().getHost() + ":" + m.getAddress().getPort();
    }
  }

  /** A batch out at a member: its nodes, which of them the member gave back, and when it left. */
  static final class Sent {
    final long id;
    final List<Task> tasks;
    final boolean[] givenBack;
    final long sentAt = System.nanoTime();
    final double planned;
    boolean asking;
    int checks;
    Worker thief;

    Sent(long id, List<Task> tasks, double planned) {
      this.id = id;
      this.tasks = tasks;
      this.givenBack = new boolean[tasks.size()];
      this.planned = planned;
    }
  }

  /**
   * Run after each change of the scheduler's state, once its outbox is done (for tests: they wait for a state, such
   * as a number of queued nodes, by checking it again at each change instead of polling). Volatile: set by a test's
   * thread, read by whichever thread changed the state; it runs outside the lock and must not block.
   */
  private volatile Runnable changed = () -> {};

  void onChange(Runnable r) {
    changed = Objects.requireNonNull(r);
  }

  /** Work decided under the lock, done after it is released; then {@link #changed} runs. */
  final class Outbox {
    private final List<Runnable> actions = new ArrayList<>();

    void add(Runnable r) {
      actions.add(r);
    }

    void run() {
      try {
        for (Runnable r : actions) {
          r.run();
        }
      } finally {
        changed.run();
      }
    }
  }

  // ------------------------------------------------------------------------------------------ submitting

  CompletableFuture<Ref> submit(Ref ref) {
    return submit(ref, false);
  }

  /**
   * Runs {@code ref}'s node; with {@code wantValue}, the member sends its result with the answer if it is small
   * (up to {@link ClusterMember#VALUE_IN_ANSWER} bytes), to be {@linkplain Ref#takeValue taken} without a fetch.
   */
  CompletableFuture<Ref> submit(Ref ref, boolean wantValue) {
    Task t = new Task(ref, new CompletableFuture<>());
    t.wantValue = wantValue;
    Outbox out = new Outbox();
    synchronized (this) {
      place(t, out);
    }
    out.run();
    return t.done;
  }

  /**
   * Recomputes a result that was lost with its member, from its lineage; a second call while it is under way joins
   * the first.
   */
  CompletableFuture<Ref> recover(Ref lost) {
    Outbox out = new Outbox();
    CompletableFuture<Ref> f;
    synchronized (this) {
      f = recover(lost, out);
    }
    out.run();
    return f;
  }

  private CompletableFuture<Ref> recover(Ref lost, Outbox out) {
    if (lost.recovering != null) {
      return lost.recovering;
    }
    Task t = new Task(lost, new CompletableFuture<>());
    lost.recovering = t.done;
    lost.partition = -1;
    lost.member = null;
    recomputed++;
    String fn = lost.fn.name();
    String key = lost.hex();
    out.add(() -> events.recomputing(fn, key));
    t.done.whenComplete((r, e) -> {
      synchronized (this) {
        lost.recovering = null;
      }
    });
    place(t, out);
    return t.done;
  }

  private void place(Task t, Outbox out) {
    String fn = t.ref.fn.name();
    Worker best = null;
    long bestBytes = 0;
    for (Worker w : workers.values()) {
      if (w.refused.contains(fn)) {
        continue;
      }
      long held = bytesHeldOn(t.ref, w.member.getUuid());
      if (best == null || held > bestBytes || (held == bestBytes && lessBusy(w, best))) {
        best = w;
        bestBytes = held;
      }
    }
    if (best == null) {
      fail(t, new RemoteFunctionException(fn, null, workers.isEmpty()
          ? "no data member is left in the cluster to run '" + fn + "'"
          : "no member can run '" + fn + "' (version " + t.ref.fn.codeVersion() + "): every member refused it"), out);
      return;
    }
    t.estimate = estimate(fn);
    best.lastPlaced = ++placements;
    best.queue.add(t);
    best.load += t.estimate;
    pump(best, out);
  }

  /** Less estimated work; then a shorter queue; then placed on longer ago (so that idle members take turns). */
  private static boolean lessBusy(Worker a, Worker b) {
    if (a.load != b.load) {
      return a.load < b.load;
    }
    if (a.queue.size() != b.queue.size()) {
      return a.queue.size() < b.queue.size();
    }
    return a.lastPlaced < b.lastPlaced;
  }

  private static long bytesHeldOn(Ref r, UUID member) {
    long held = 0;
    for (Object a : r.args) {
      if (a instanceof Ref in && member.equals(in.member)) {
        held += in.bytes;
      }
    }
    return held;
  }

  private void pump(Worker w, Outbox out) {
    if (workers.get(w.member.getUuid()) != w) {
      return; // left the cluster
    }
    sendQueued(w, out);
    if (w.queue.isEmpty() && w.inFlight < MAX_IN_FLIGHT) {
      steal(w, out);
      if (w.queue.isEmpty()) {
        stealSent(w, out);
      }
    } else if (!w.queue.isEmpty()) {
      for (Worker idle : workers.values()) { // w is backlogged: let idle members take from it
        if (idle != w && idle.queue.isEmpty() && idle.inFlight < MAX_IN_FLIGHT) {
          steal(idle, out);
        }
      }
    }
  }

  /** Sends what {@code w} has queued, in batches, while it has free slots. */
  private void sendQueued(Worker w, Outbox out) {
    while (w.inFlight < MAX_IN_FLIGHT && !w.queue.isEmpty()) {
      List<Task> batch = new ArrayList<>(Math.min(w.queue.size(), maxBatch));
      Task head = w.queue.poll();
      batch.add(head);
      double planned = head.estimate;
      if (!head.alone) {
        while (batch.size() < maxBatch && planned < BATCH_NANOS && !w.queue.isEmpty() && !w.queue.peek().alone) {
          Task t = w.queue.poll();
          planned += t.estimate;
          batch.add(t);
        }
      }
      w.inFlight++;
      if (probing && !head.probed) {
        batch.forEach(t -> t.probed = true);
        out.add(() -> Callbacks.invoking(() -> probe(w, batch)));
      } else {
        batches++;
        sent += batch.size();
        Sent s = sent(w, batch, planned);
        int p = batch.size() == 1 && quick(head) ? ownedPartition(w) : -1;
        if (p >= 0) {
          out.add(() -> sendOne(w, s, p));
        } else {
          out.add(() -> send(w, s));
        }
      }
    }
  }

  /** Whether {@code t} may run as a {@link RunOne}: plain arguments only, a known quick function, never refused. */
  private boolean quick(Task t) {
    if (t.inBatch || t.deaths > 0) {
      return false;
    }
    double[] e = estimates.get(t.ref.fn.name());
    if (e == null || e[0] >= QUICK_NANOS) {
      return false;
    }
    for (Object a : t.ref.args) {
      if (a instanceof Ref) {
        return false;
      }
    }
    return true;
  }

  /** A partition {@code w} owns, in turn over those it owns; -1 if it owns none now. Called under the lock. */
  private int ownedPartition(Worker w) {
    com.hazelcast.partition.PartitionService ps = hz.getPartitionService();
    int[] mine = w.partitions;
    if (mine != null && mine.length > 0) {
      int p = mine[Math.floorMod(w.nextPartition++, mine.length)];
      Member owner = keys.owner(ps, p);
      if (owner != null && owner.getUuid().equals(w.member.getUuid())) {
        return p;
      }
    }
    List<Integer> now = new ArrayList<>(); // first use, or ownership moved: look again
    for (com.hazelcast.partition.Partition part : ps.getPartitions()) {
      if (part.getOwner() != null && part.getOwner().getUuid().equals(w.member.getUuid())) {
        now.add(part.getPartitionId());
      }
    }
    mine = now.stream().mapToInt(Integer::intValue).toArray();
    w.partitions = mine;
    return mine.length == 0 ? -1 : mine[Math.floorMod(w.nextPartition++, mine.length)];
  }

  /** Sends lone node {@code s} as a {@link RunOne} to partition {@code p} of {@code w}. */
  private void sendOne(Worker w, Sent s, int p) {
    Callbacks.invoking(() -> {
      Ref r = s.tasks.get(0).ref;
      try {
        Callbacks.whenDone(Invocations.runOne(results, keys.mapKey(r.k1, r.k2, p),
            new RunOne(namespace, w.member.getUuid(), r, p, s.tasks.get(0).wantValue)), (answer, t) -> {
              if (t != null) {
                batchFailed(w, s, t instanceof CompletionException c && c.getCause() != null ? c.getCause() : t);
                return;
              }
              Reply reply;
              try {
                reply = Invocations.reply(serialization, answer);
              } catch (RuntimeException e) {
                batchFailed(w, s, e);
                return;
              }
              if (reply.status[0] == Reply.ELSEWHERE) {
                elsewhere(w, s);
              } else {
                replied(w, s, reply);
              }
            });
      } catch (RuntimeException e) {
        batchFailed(w, s, e);
      }
    });
  }

  /**
   * A {@link RunOne} reached a member other than {@code w} and did not run: if {@code w} left, it died with the node
   * sent to it (a death charged, as for a batch); else partitions moved, and the node is placed again. Either way it
   * goes in a batch next time.
   */
  private void elsewhere(Worker w, Sent s) {
    s.tasks.get(0).inBatch = true;
    if (!hz.getCluster().getMembers().contains(w.member)) {
      batchFailed(w, s, new MemberLeftException(w.member));
      return;
    }
    Outbox out = new Outbox();
    synchronized (this) {
      w.inFlight--;
      w.out.remove(s);
      w.partitions = null;
      Task t = s.tasks.get(0);
      w.load -= t.estimate;
      place(t, out);
      pump(w, out);
    }
    out.run();
  }

  /** Records a batch leaving for {@code w}; one of several nodes is checked for lateness (see {@link #late}). */
  private Sent sent(Worker w, List<Task> batch, double planned) {
    Sent s = new Sent(++batchIds, batch, planned);
    w.out.add(s);
    if (batch.size() > 1) {
      checkLater(w, s, (long) (2 * planned) + LATE_NANOS);
    }
    return s;
  }

  /** Moves queued nodes that pay to move from the most backlogged member to idle {@code thief}. */
  private void steal(Worker thief, Outbox out) {
    Worker victim = workers.values().stream()
        .filter(v -> v != thief && v.inFlight >= MAX_IN_FLIGHT && !v.queue.isEmpty())
        .max(Comparator.comparingInt(v -> v.queue.size()))
        .orElse(null);
    if (victim == null) {
      return;
    }
    int want = Math.max(1, victim.queue.size() / 2);
    List<Task> taken = new ArrayList<>();
    var it = victim.queue.descendingIterator();
    while (it.hasNext() && taken.size() < want) {
      Task t = it.next();
      if (thief.refused.contains(t.ref.fn.name())) {
        continue;
      }
      long extra = extraBytes(t, thief);
      if (extra == 0 || t.estimate >= 2 * (extra / BYTES_PER_NANO)) {
        it.remove();
        victim.load -= t.estimate;
        taken.add(t);
      }
    }
    if (taken.isEmpty()) {
      return;
    }
    stolen += taken.size();
    for (int i = taken.size() - 1; i >= 0; i--) { // keep their order
      thief.queue.add(taken.get(i));
      thief.load += taken.get(i).estimate;
    }
    sendQueued(thief, out);
  }

  private void send(Worker w, Sent s) {
    if (Invocations.submitsFromAnyThread(executor)) {
      sendHere(w, s);
    } else {
      Callbacks.invoking(() -> sendHere(w, s));
    }
  }

  private void sendHere(Worker w, Sent s) {
    try {
      // The reply is handled on the response thread that receives it (see Callbacks): no hand-off.
      Batch batch = new Batch(namespace, driverId, s.id, s.tasks);
      Callbacks.whenDone(Invocations.submit(executor, batch, w.member), (reply, t) -> {
        if (t == null) {
          replied(w, s, reply);
        } else {
          batchFailed(w, s, t instanceof CompletionException c && c.getCause() != null ? c.getCause() : t);
        }
      });
    } catch (RuntimeException e) {
      batchFailed(w, s, e);
    }
  }

  // ------------------------------------------------------------------------------------------ stealing sent nodes

  private void checkLater(Worker w, Sent s, long delayNanos) {
    try {
      timer.schedule(() -> late(w, s), delayNanos, TimeUnit.NANOSECONDS);
    } catch (java.util.concurrent.RejectedExecutionException closed) {
      // the driver was closed: no more stealing
    }
  }

  /**
   * A batch of several nodes is still out long after its plan ({@link #LATE_NANOS} past twice its estimated compute
   * time): its member is stuck on a node slower than estimated, and the nodes queued behind it on the member wait.
   * If a member is idle, asks the busy one to give back some of the nodes that have not started; checked again
   * later (a bounded number of times) while the batch is out.
   */
  private void late(Worker w, Sent s) {
    Outbox out = new Outbox();
    synchronized (this) {
      if (!w.out.contains(s) || workers.get(w.member.getUuid()) != w) {
        return; // answered, or its member left
      }
      Worker thief = null;
      for (Worker x : workers.values()) {
        if (x != w && x.queue.isEmpty() && x.inFlight < MAX_IN_FLIGHT && (thief == null || lessBusy(x, thief))) {
          thief = x;
        }
      }
      if (thief == null || !askBack(w, s, thief, out)) {
        if (++s.checks < MAX_LATE_CHECKS) {
          checkLater(w, s, Math.min(1_000_000_000L, LATE_NANOS << s.checks));
        }
      }
    }
    out.run();
  }

  /**
   * Asks {@code w} to give back, for idle {@code thief}, up to half of {@code s}'s nodes not yet given back (from
   * the tail) that pay to move: those whose inputs {@code thief} would fetch in less than a fiftieth of the time
   * the batch has been late (a margin: a batch merely slowed by a loaded machine keeps its cheap nodes). Returns whether it asked. The member decides which of them have not started; those it gives back
   * are moved in {@link #gaveBack}, the others it runs as sent, so no node runs twice.
   */
  private boolean askBack(Worker w, Sent s, Worker thief, Outbox out) {
    if (s.asking) {
      return true;
    }
    long lateBy = System.nanoTime() - s.sentAt - (long) (2 * s.planned);
    int left = 0;
    for (boolean g : s.givenBack) {
      left += g ? 0 : 1;
    }
    int want = left / 2;
    List<Integer> idx = new ArrayList<>();
    for (int i = s.tasks.size() - 1; i > 0 && idx.size() < want; i--) {
      Task t = s.tasks.get(i);
      if (!s.givenBack[i] && !thief.refused.contains(t.ref.fn.name())
          && MOVE_FACTOR * (extraBytes(t, thief) / BYTES_PER_NANO) < lateBy) {
        idx.add(i);
      }
    }
    if (idx.isEmpty()) {
      return false;
    }
    s.asking = true;
    s.thief = thief;
    int[] wanted = idx.stream().mapToInt(Integer::intValue).toArray();
    out.add(() -> Callbacks.invoking(() -> {
      try {
        GiveBack question = new GiveBack(namespace, driverId, s.id, wanted);
        Callbacks.whenDone(Callbacks.stage(control.submitToMember(question, w.member)),
            (given, e) -> gaveBack(w, s, thief, e == null ? given : new int[0]));
      } catch (RuntimeException e) {
        gaveBack(w, s, thief, new int[0]);
      }
    }));
    return true;
  }

  /** Idle {@code thief} asks a member whose batch is late to give nodes back (the first such batch found). */
  private void stealSent(Worker thief, Outbox out) {
    long now = System.nanoTime();
    for (Worker v : workers.values()) {
      if (v == thief) {
        continue;
      }
      for (Sent s : v.out) {
        if (!s.asking && s.tasks.size() > 1 && now - s.sentAt > 2 * s.planned + LATE_NANOS
            && askBack(v, s, thief, out)) {
          return;
        }
      }
    }
  }

  /** {@code w} gave back the nodes {@code given} of {@code s}: they go to {@code thief}. */
  private void gaveBack(Worker w, Sent s, Worker thief, int[] given) {
    Outbox out = new Outbox();
    synchronized (this) {
      s.asking = false;
      for (int i : given) {
        takeBack(w, s, i, out);
      }
      pump(thief, out);
      if (w.out.contains(s) && ++s.checks < MAX_LATE_CHECKS) {
        checkLater(w, s, Math.min(1_000_000_000L, LATE_NANOS << s.checks));
      }
    }
    out.run();
  }

  /** Node {@code i} of {@code s} was given back by {@code w} (once: a second report of it changes nothing). */
  private void takeBack(Worker w, Sent s, int i, Outbox out) {
    if (s.givenBack[i]) {
      return;
    }
    s.givenBack[i] = true;
    Task t = s.tasks.get(i);
    w.load -= t.estimate;
    stolen++;
    Worker thief = s.thief;
    if (thief != null && workers.get(thief.member.getUuid()) == thief) {
      thief.queue.add(t);
      thief.load += t.estimate;
      sendQueued(thief, out);
    } else {
      place(t, out);
    }
  }

  private static long extraBytes(Task t, Worker on) {
    long extra = 0;
    for (Object a : t.ref.args) {
      if (a instanceof Ref in && !on.member.getUuid().equals(in.member)) {
        extra += in.bytes;
      }
    }
    return extra;
  }

  /**
   * Asks all members which of {@code batch}'s results they hold (a restarted driver's first look), completes those,
   * and sends the rest to {@code w} in the same in-flight slot.
   */
  private void probe(Worker w, List<Scheduler.Task> batch) {
    List<Member> members = new ArrayList<>();
    synchronized (this) {
      workers.values().forEach(x -> members.add(x.member));
    }
    MultiExecutionCallback callback = new MultiExecutionCallback() {
      @Override
      public void onResponse(Member member, Object value) {}

      @Override
      public void onComplete(Map<Member, Object> answers) {
        Outbox out = new Outbox();
        List<Task> rest = new ArrayList<>(batch);
        synchronized (Scheduler.this) {
          answers.forEach((member, answer) -> {
            if (answer instanceof long[] found) {
              for (int i = 0; i + 2 < found.length; i += 3) {
                Task t = batch.get((int) found[i]);
                if (!rest.remove(t)) {
                  continue; // two members answered for it
                }
                Ref r = t.ref;
                r.partition = (int) found[i + 1];
                r.bytes = found[i + 2];
                r.member = member.getUuid();
                stored++;
                probed++;
                w.load -= t.estimate;
                RemoteRun run = new RemoteRun(r.fn.name(), r.hex(), new Worker(member).name, 0, 0, 0, true);
                out.add(() -> {
                  events.nodeRan(run);
                  t.done.complete(r);
                });
              }
            }
          });
          if (rest.isEmpty()) {
            w.inFlight--;
            pump(w, out);
          } else {
            batches++;
            sent += rest.size();
            double planned = rest.stream().mapToDouble(t -> t.estimate).sum();
            Sent s = sent(w, rest, planned);
            out.add(() -> send(w, s));
          }
        }
        out.run();
      }
    };
    try {
      executor.submitToMembers(new Probe(namespace, batch), members, callback);
    } catch (RuntimeException e) {
      callback.onComplete(Map.of());
    }
  }

  // ------------------------------------------------------------------------------------------ outcomes

  private void replied(Worker w, Sent s, Reply reply) {
    Outbox out = new Outbox();
    boolean watching = events.watchingRuns();
    synchronized (this) {
      w.inFlight--;
      w.out.remove(s);
      List<Task> batch = s.tasks;
      for (int i = 0; i < batch.size(); i++) {
        Task t = batch.get(i);
        if (s.givenBack[i]) {
          continue; // moved to another member
        }
        if (reply.status[i] == Reply.RETURNED) { // the answer to the question came after the batch's
          takeBack(w, s, i, out);
          continue;
        }
        w.load -= t.estimate;
        String fn = t.ref.fn.name();
        switch (reply.status[i]) {
          case Reply.STORED -> {
            Ref r = t.ref;
            r.bytes = reply.bytes[i];
            r.member = w.member.getUuid();
            r.partition = reply.partition[i];
            r.value = reply.value[i];
            stored++;
            bytesMoved += reply.bytesIn[i];
            if (!reply.reused[i]) {
              learn(fn, reply.computeNanos[i]);
            }
            if (watching) {
              RemoteRun run = new RemoteRun(fn, r.hex(), reply.member, reply.computeNanos[i], reply.transferNanos[i],
                  reply.bytesIn[i], reply.reused[i]);
              out.add(() -> events.nodeRan(run));
            }
            out.add(() -> t.done.complete(r));
          }
          case Reply.FAILED -> fail(t, new RemoteFunctionException(fn, reply.member,
              "'" + fn + "' failed on member " + reply.member + ": " + reply.message[i]), out);
          case Reply.REFUSED -> {
            refusals++;
            w.refused.add(fn);
            String why = reply.message[i];
            out.add(() -> events.refused(reply.member, fn, why));
            place(t, out);
          }
          case Reply.MISSING -> inputsLost(t, reply.missing[i], out);
          case Reply.DEFERRED -> { // a RunOne for a result the member holds: a batch checks it
            t.inBatch = true;
            place(t, out);
          }
          default -> fail(t, new IllegalStateException("unknown reply status " + reply.status[i]), out);
        }
      }
      pump(w, out);
    }
    out.run();
  }

  /** Recomputes {@code t}'s lost inputs, then sends {@code t} again. */
  private void inputsLost(Task t, long[] keys, Outbox out) {
    if (++t.resends > 10) {
      fail(t, new RemoteFunctionException(t.ref.fn.name(), null,
          "the inputs of '" + t.ref.fn.name() + "' were lost 10 times; giving up"), out);
      return;
    }
    List<CompletableFuture<?>> waits = new ArrayList<>();
    for (int k = 0; k < keys.length; k += 2) {
      for (Object a : t.ref.args) {
        if (a instanceof Ref in && in.k1 == keys[k] && in.k2 == keys[k + 1]) {
          waits.add(in.member != null && workers.containsKey(in.member) ? checkThenRecover(in, out) : recover(in, out));
          break;
        }
      }
    }
    CompletableFuture.allOf(waits.toArray(CompletableFuture[]::new)).whenComplete((ok, e) -> {
      if (e != null) {
        t.done.completeExceptionally(e instanceof java.util.concurrent.CompletionException c && c.getCause() != null
            ? c.getCause() : e);
      } else {
        Outbox again = new Outbox();
        synchronized (this) {
          place(t, again);
        }
        again.run();
      }
    });
  }

  /**
   * A result reported missing whose member is still here may only be late (its store retried while partitions
   * migrate) or gone (evicted): asks that member, which waits for its stores under way, and recomputes the result
   * only if the member does not hold it. Called under the lock; the question leaves after it is released.
   */
  private CompletableFuture<Ref> checkThenRecover(Ref in, Outbox out) {
    Worker holder = workers.get(in.member);
    CompletableFuture<Ref> f = new CompletableFuture<>();
    out.add(() -> holds(holder.member, in).whenComplete((held, e) -> {
      if (Boolean.TRUE.equals(held)) {
        f.complete(in);
      } else {
        recover(in).whenComplete((r, x) -> {
          if (x != null) {
            f.completeExceptionally(x);
          } else {
            f.complete(r);
          }
        });
      }
    }));
    return f;
  }

  /** Whether {@code member} holds {@code r}'s result (false if it cannot say); asked outside the lock. */
  CompletableFuture<Boolean> holds(Member member, Ref r) {
    CompletableFuture<Boolean> f = new CompletableFuture<>();
    Callbacks.invoking(() -> {
      try {
        Probe question = new Probe(namespace, new long[] {r.k1, r.k2});
        Callbacks.whenDone(Callbacks.stage(executor.submitToMember(question, member)),
            (found, e) -> f.complete(e == null && found != null && found.length > 0));
      } catch (RuntimeException e) {
        f.complete(false);
      }
    });
    return f;
  }

  /** The member holding {@code r}, if it is still a member of the cluster; else null. */
  synchronized Member holderOf(Ref r) {
    Worker w = r.member == null ? null : workers.get(r.member);
    return w == null ? null : w.member;
  }

  private void batchFailed(Worker w, Sent s, Throwable cause) {
    String unsendable = s.tasks.size() == 1 ? unsendable(s.tasks.get(0), cause) : null; // user code: not under the lock
    Outbox out = new Outbox();
    synchronized (this) {
      w.inFlight--;
      w.out.remove(s);
      List<Task> batch = new ArrayList<>(s.tasks.size());
      for (int i = 0; i < s.tasks.size(); i++) {
        if (!s.givenBack[i]) {
          batch.add(s.tasks.get(i));
        }
      }
      for (Task t : batch) {
        w.load -= t.estimate;
      }
      boolean memberGone = cause instanceof MemberLeftException || cause instanceof TargetNotMemberException
          || !hz.getCluster().getMembers().contains(w.member);
      if (cause instanceof HazelcastInstanceNotActiveException && !hz.getLifecycleService().isRunning()) {
        for (Task t : batch) {
          fail(t, new IllegalStateException("the driver's Hazelcast instance was shut down", cause), out);
        }
      } else if (memberGone) {
        lost(w, out);
        boolean wasRunning = !(cause instanceof TargetNotMemberException);
        for (Task t : batch) {
          if (wasRunning) {
            t.deaths++;
            if (t.killed == null) {
              t.killed = new ArrayList<>();
            }
            t.killed.add(w.name);
            if (t.deaths >= maxDeaths) {
              fail(t, new RemoteFunctionException(t.ref.fn.name(), w.name, "'" + t.ref.fn.name()
                  + "' was running on each of " + t.deaths + " members when it died (" + String.join(", ", t.killed)
                  + "); given up after " + maxDeaths + " member deaths: does it halt or crash its JVM?"), out);
              continue;
            }
            t.alone = true; // next time in a batch of its own, to tell it apart from its batch-mates
          }
          place(t, out);
        }
      } else if (batch.size() > 1) {
        for (Task t : batch) { // one node's argument may be at fault: try each alone, blame only that one
          t.alone = true;
          place(t, out);
        }
      } else if (unsendable != null) {
        Task t = batch.get(0);
        fail(t, new RemoteFunctionException(t.ref.fn.name(), null, unsendable), out);
      } else {
        Task t = batch.get(0);
        fail(t, new RemoteFunctionException(t.ref.fn.name(), w.name,
            "'" + t.ref.fn.name() + "' could not be sent to or answered by member " + w.name + ": " + cause), out);
      }
      pump(w, out);
    }
    out.run();
  }

  /**
   * If sending {@code t} failed because Hazelcast cannot serialize one of its plain arguments (one its key accepted:
   * a {@code List} that is not {@code Serializable}, such as a {@code subList}, say), the error naming that argument;
   * else null. Each argument is serialized again here, on the failure's path only.
   */
  private String unsendable(Task t, Throwable cause) {
    boolean serializing = false;
    for (Throwable c = cause; c != null && !serializing; c = c.getCause() == c ? null : c.getCause()) {
      serializing = c instanceof com.hazelcast.nio.serialization.HazelcastSerializationException;
    }
    if (!serializing) {
      return null;
    }
    Object[] args = t.ref.args;
    for (int i = 0; i < args.length; i++) {
      if (args[i] instanceof Ref || args[i] == null) {
        continue;
      }
      try {
        serialization.toData(args[i]);
      } catch (Throwable e) {
        return "argument " + i + " of '" + t.ref.fn.name() + "' (a " + args[i].getClass().getName()
            + ") cannot be sent to a member: Hazelcast cannot serialize it (" + e + "); pass a serializable copy";
      }
    }
    return null;
  }

  /** Forgets a member that left and places again what was queued for it. */
  private void lost(Worker w, Outbox out) {
    if (workers.remove(w.member.getUuid()) == null) {
      return;
    }
    deaths++;
    out.add(() -> events.memberLost(w.name));
    List<Task> queued = new ArrayList<>(w.queue);
    w.queue.clear();
    w.load = 0;
    for (Task t : queued) {
      place(t, out);
    }
  }

  private void fail(Task t, Throwable e, Outbox out) {
    out.add(() -> t.done.completeExceptionally(e));
  }

  private double estimate(String fn) {
    double[] e = estimates.get(fn);
    return e == null ? DEFAULT_ESTIMATE_NANOS : e[0];
  }

  private void learn(String fn, long nanos) {
    double[] e = estimates.computeIfAbsent(fn, k -> new double[] {nanos});
    e[0] = 0.8 * e[0] + 0.2 * nanos;
  }

  // ------------------------------------------------------------------------------------------ membership

  @Override
  public void memberAdded(MembershipEvent event) {
    Member m = event.getMember();
    if (m.isLiteMember()) {
      return;
    }
    Outbox out = new Outbox();
    synchronized (this) {
      Worker w = workers.computeIfAbsent(m.getUuid(), k -> new Worker(m));
      workers.values().forEach(x -> x.partitions = null); // partitions will migrate to it
      pump(w, out);
    }
    out.run();
  }

  @Override
  public void memberRemoved(MembershipEvent event) {
    Outbox out = new Outbox();
    synchronized (this) {
      Worker w = workers.get(event.getMember().getUuid());
      if (w != null) {
        lost(w, out);
      }
      workers.values().forEach(x -> x.partitions = null); // its partitions move to the others
    }
    out.run();
  }

  /** Stops the lateness checks. */
  void close() {
    timer.shutdownNow();
  }

  /** Whether {@link #close} stopped the lateness checks (for tests). */
  boolean timerStopped() {
    return timer.isShutdown();
  }

  /** Nodes queued on the driver now, for all members (for tests). */
  synchronized int queued() {
    return workers.values().stream().mapToInt(w -> w.queue.size()).sum();
  }

  synchronized List<String> memberNames() {
    return workers.values().stream().map(w -> w.name).toList();
  }

  synchronized String nameOf(UUID member) {
    Worker w = member == null ? null : workers.get(member);
    return w == null ? null : w.name;
  }

  synchronized ClusterStats stats() {
    return new ClusterStats(batches, sent, stored, probed, recomputed, stolen, refusals, deaths, bytesMoved);
  }
}
