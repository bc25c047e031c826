package dev.sloth.dash;

import dev.sloth.graph.Graph;
import dev.sloth.graph.GraphSnapshot;
import dev.sloth.graph.Node;
import dev.sloth.graph.Observation;
import dev.sloth.module.ModuleRegistry;
import dev.sloth.module.RegistrySnapshot;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A live, read-only view of a {@link Graph} in the browser, served on 127.0.0.1:
 *
 * <pre>{@code
 * Graph g = Graph.create();
 * try (Dashboard dash = Dashboard.start(g)) {      // prints "sloth dashboard: http://127.0.0.1:41234/"
 *   total.get();                                   // watch it run
 *   dash.writeReport(Path.of("run.html"));         // the page, self-contained, to keep or mail
 *   dash.writeTrace(Path.of("run.trace.json"));    // the last get() for Perfetto or chrome://tracing
 * }
 * }</pre>
 *
 * <p>The page shows, live: progress per function (waiting, running, done, failed and stale counts, runs and time);
 * a task stream with one lane per thread; the graph coloured by state with a fixed legend, one box per node up to
 * 2,000 nodes and one box per function above; failed nodes with their paths and errors; and, on a click, a node's
 * value, run time, dependencies, why it last ran, and the critical path of the last {@code get()}. With {@link
 * Builder#modules}, the lazy-module bindings of a registry too. {@link #pin} keeps chosen nodes fresh through the
 * graph's observers and shows each new value as it comes.
 *
 * <p><b>What it costs the engine.</b> The dashboard hears the graph only through a {@link
 * dev.sloth.graph.GraphListener} that writes each event into a bounded per-thread ring and returns (no lock, no
 * I/O), and through {@link Graph#dump()} snapshots taken by its own thread, at most one per tick and spaced so that
 * they take at most a tenth of its time. One pump thread drains the rings every 100 ms, coalesces the events into
 * one message per client per tick (so at most 10 pushes a second), and offers it to each client's bounded outbox; a
 * client that falls behind gets one whole picture instead of its backlog, and a vanished one is dropped when a write
 * fails. Nothing the browser does can block an engine thread. Its listener asks for {@link
 * dev.sloth.graph.GraphListener.RunTiming#SAMPLED} timing: runs of functions under 10 us are timed one in 16 (the
 * clock would cost a do-nothing node more than the rest of the dashboard), the others are counted and drawn at their
 * function's mean timed run, and every view marks them estimated.
 *
 * <p>Threads: the pump (a daemon platform thread) and one virtual thread per HTTP exchange. {@link #close()} stops
 * all of them and unregisters the listener.
 */
public final class Dashboard implements AutoCloseable {
  static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
  private static final long MODULES_EVERY_NANOS = TimeUnit.SECONDS.toNanos(1);
  private static final long SNAPSHOT_AT_LEAST_EVERY_NANOS = TimeUnit.SECONDS.toNanos(2);
  /** A snapshot that would only refresh the picture waits this long after the last one. */
  private static final long REFRESH_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
  private static final System.Logger LOG = System.getLogger("dev.sloth.dash");

  private final Graph graph;
  private final ModuleRegistry modules;
  private final Tap tap = new Tap();
  private final Model model;
  private final Server server;
  private final Thread pump;
  private volatile boolean closed;
  /** Set by {@link #awaitTick}: the next tick takes a snapshot whatever the spacing says. */
  private volatile boolean snapshotNow;
  private final Object ticks = new Object();
  private long tickCount;
  /** What {@link #close()} runs to detach from the clusters shown; see {@link #showCluster}. */
  private final List<Runnable> detach = new CopyOnWriteArrayList<>();
  /** Pinned nodes, in the order pinned; see {@link #pin}. */
  private final List<Pin> pins = new CopyOnWriteArrayList<>();

  private Dashboard(Builder b) throws IOException {
    this.graph = b.graph;
    this.modules = b.modules;
    this.model = new Model(b.explainer);
    graph.addListener(tap);
    try {
      snapshot(); // the first page already shows the graph
      server = new Server(b.port, model, this);
    } catch (IOException | RuntimeException | Error e) {
      graph.removeListener(tap); // a dashboard that did not start leaves nothing behind
      throw e;
    }
    pump = new Thread(this::pumpLoop, "sloth-dash-pump");
    pump.setDaemon(true);
    pump.start();
    if (b.out != null) {
      b.out.println("sloth dashboard: " + url() + " (read-only; close() stops it)");
    }
  }

  /**
   * Serves a dashboard of {@code graph} on 127.0.0.1 on a free port and prints its URL on standard output.
   *
   * @param graph the graph to watch; the dashboard registers a listener on it until {@link #close()}
   * @return the running dashboard
   * @throws UncheckedIOException if no port can be bound
   */
  public static Dashboard start(Graph graph) {
    return builder(graph).start();
  }

  /**
   * Options for a dashboard of {@code graph}: {@code Dashboard.builder(g).port(8080).start()}.
   *
   * @param graph the graph to watch
   * @return a builder with the defaults: a free port, no module registry, the URL printed on standard output
   * @throws NullPointerException if {@code graph} is null
   */
  public static Builder builder(Graph graph) {
    return new Builder(Objects.requireNonNull(graph, "graph"));
  }

  /**
   * The page's address, {@code http://127.0.0.1:<port>/}.
   *
   * @return the URL to open in a browser
   */
  public URI url() {
    return URI.create("http://127.0.0.1:" + port() + "/");
  }

  /**
   * The port the dashboard listens on.
   *
   * @return the bound port: the one given to {@link Builder#port} or the free one the system chose
   */
  public int port() {
    return server.port();
  }

  /**
   * How many pages are connected now.
   *
   * @return the number of open server-sent-event streams
   */
  public int clients() {
    return server.clients.size();
  }

  /**
   * The last finished {@code get()} (or the running one) as Chrome Trace Event JSON, for Perfetto.
   *
   * @return the trace, one complete event per node run
   */
  public String traceJson() {
    return model.trace();
  }

  /**
   * Writes {@link #traceJson()} to {@code file} and returns it.
   *
   * @param file where to write, replaced if it exists
   * @return {@code file}
   * @throws UncheckedIOException if the file cannot be written
   */
  public Path writeTrace(Path file) {
    return write(file, traceJson());
  }

  /**
   * The dashboard as one HTML file with its script, style and the current picture inlined: it opens anywhere,
   * offline, and shows the graph as it is now (without live updates).
   *
   * @return the self-contained page
   */
  public String reportHtml() {
    awaitTick();
    return Assets.report(model.full(true));
  }

  /**
   * Writes {@link #reportHtml()} to {@code file} and returns it.
   *
   * @param file where to write, replaced if it exists
   * @return {@code file}
   * @throws UncheckedIOException if the file cannot be written
   */
  public Path writeReport(Path file) {
    return write(file, reportHtml());
  }

  /**
   * Keeps {@code node} up to date and its value on the page: the dashboard observes it ({@link Graph#observe}), so
   * after each change that reaches it the graph recomputes it on a virtual thread (never the thread that set the
   * source) and the page shows the new value within a tick, in its list of pinned nodes and in the node view when
   * that shows it. Pinning is the program's choice, made here: the page itself stays read-only. Pinning a node
   * twice does nothing more; {@link #close()} ends the observations.
   *
   * <pre>{@code
   * dash.pin(total);   // the page shows total's value now and after every x.set(...), without a get()
   * }</pre>
   *
   * @param node the node to keep fresh, of the dashboard's graph
   * @return this dashboard
   * @throws IllegalArgumentException if {@code node} belongs to another graph
   * @throws IllegalStateException if the dashboard is closed
   */
  public Dashboard pin(Node<?> node) {
    Objects.requireNonNull(node, "node");
    if (node.graph() != graph) {
      throw new IllegalArgumentException("node '" + node.name() + "' belongs to another graph than the dashboard's; "
          + "start a dashboard of that graph to pin it");
    }
    synchronized (pins) {
      if (closed) {
        throw new IllegalStateException("the dashboard is closed; pin '" + node.name() + "' before close()");
      }
      for (Pin p : pins) {
        if (p.node == node) {
          return this;
        }
      }
      Pin p = new Pin(node);
      p.observation = graph.observe(node, p::deliver); // first: if it throws, no pin without an observation stays
      pins.add(p);
    }
    return this;
  }

  /**
   * Adds one task-stream lane per member of {@code cluster} (module {@code sloth-cluster}): each remote run is a bar
   * on the lane {@code member <address>}, coloured like its function's nodes, and a member that dies is marked
   * {@code (lost)}. The graph's own node for a remote call keeps its bar on the driver thread's lane, so the two
   * together show waiting against computing. sloth-dash depends on sloth-cluster only optionally: a program that
   * calls this has it anyway, and one that does not never loads it (nor Hazelcast).
   *
   * <pre>{@code
   * Cluster cluster = Cluster.connect(hz, g, App.FUNCTIONS);
   * Dashboard dash = Dashboard.start(g).showCluster(cluster);
   * }</pre>
   *
   * @param cluster a driver of this dashboard's graph; the dashboard listens to it until {@link #close()}
   * @return this dashboard
   * @throws IllegalArgumentException if {@code cluster} drives another graph
   * @throws IllegalStateException if the dashboard is closed
   */
  public Dashboard showCluster(dev.sloth.cluster.Cluster cluster) {
    Objects.requireNonNull(cluster, "cluster");
    if (cluster.graph() != graph) {
      throw new IllegalArgumentException("the cluster " + cluster + " drives another graph than the dashboard's");
    }
    synchronized (pins) {
      if (closed) {
        throw new IllegalStateException("the dashboard is closed; show the cluster before close()");
      }
      detach.add(ClusterLanes.attach(tap, cluster));
    }
    return this;
  }

  /**
   * One pinned node. The observer's thread only stores the value and counts it (two volatile writes, no lock); the
   * pump turns it into text once per tick, so a storm of deliveries costs one summary per tick.
   */
  static final class Pin {
    final Node<?> node;
    volatile Observation observation;
    private volatile Object value;
    private volatile long deliveries;
    /** Pump only: the delivery count last shown. */
    long shown;

    Pin(Node<?> node) {
      this.node = node;
    }

    void deliver(Object v) {
      value = v;
      deliveries++; // one observer thread at a time: deliveries to one listener never overlap
    }

    long deliveries() {
      return deliveries;
    }

    Object value() {
      return value;
    }
  }

  /** Stops serving, ends the dashboard's threads and observations, and unregisters its listener. Idempotent. */
  @Override
  public void close() {
    synchronized (pins) {
      if (closed) {
        return;
      }
      closed = true;
      for (Pin p : pins) {
        p.observation.close();
      }
      for (Runnable d : detach) {
        try {
          d.run();
        } catch (RuntimeException e) {
          LOG.log(System.Logger.Level.WARNING, "sloth dashboard: could not stop listening to a cluster", e);
        }
      }
    }
    graph.removeListener(tap);
    LockSupport.unpark(pump);
    server.stop();
    try {
      pump.join(TimeUnit.SECONDS.toMillis(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return "Dashboard[" + url() + ", " + clients() + " clients" + (closed ? ", closed" : "") + "]";
  }

  // ------------------------------------------------------------------------------------------- package-private

  Model model() {
    return model;
  }

  Tap tap() {
    return tap;
  }

  Server server() {
    return server;
  }

  /** Wakes the pump early (a client connected). */
  void wake() {
    LockSupport.unpark(pump);
  }

  /**
   * Waits until a whole tick has run after this call: everything the graph did before the call is then in the
   * model and on its way to the clients. For tests, the report and the tour; bounded by 10 s.
   */
  void awaitTick() {
    if (closed || Thread.currentThread() == pump) {
      return;
    }
    snapshotNow = true;
    synchronized (ticks) {
      long target = tickCount + 2;
      LockSupport.unpark(pump);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (tickCount < target && !closed) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new IllegalStateException("the dashboard's pump thread did not tick within 10 s");
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(ticks, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
        LockSupport.unpark(pump);
      }
    }
  }

  // ------------------------------------------------------------------------------------------- the pump

  private long lastSnapshotEnd;
  private long snapshotGap;
  private long lastModules = Long.MIN_VALUE / 2;
  private int lastVersion = -1;

  private void pumpLoop() {
    while (!closed) {
      long start = System.nanoTime();
      try {
        tick();
      } catch (RuntimeException | LinkageError | AssertionError | StackOverflowError e) {
        LOG.log(System.Logger.Level.WARNING, "sloth dashboard: a tick failed; going on", e);
      }
      synchronized (ticks) {
        tickCount++;
        ticks.notifyAll();
      }
      long left = start + TICK_NANOS - System.nanoTime();
      if (left > 0 && !closed) {
        LockSupport.parkNanos(this, left);
      }
    }
    synchronized (ticks) {
      ticks.notifyAll();
    }
  }

  private void tick() {
    model.drain(tap);
    for (Pin p : pins) {
      long n = p.deliveries();
      if (n != p.shown) {
        p.shown = n;
        model.pinned(p.node.name(), p.value(), n);
      }
    }
    long now = System.nanoTime();
    int wanted = model.snapshotWanted();
    long since = now - lastSnapshotEnd;
    if (snapshotNow || since >= snapshotGap && (wanted == Model.URGENT
        || wanted == Model.SOON && since >= REFRESH_NANOS || since >= SNAPSHOT_AT_LEAST_EVERY_NANOS)) {
      snapshotNow = false;
      snapshot();
    }
    if (modules != null && now - lastModules >= MODULES_EVERY_NANOS) {
      lastModules = now;
      model.modules(modulesJson(modules.snapshot()));
    }
    int version = model.structureVersion;
    boolean changed = version != lastVersion;
    lastVersion = version;
    String delta = changed ? null : model.delta();
    server.push(delta, () -> model.full(false), changed);
    if (changed) {
      model.delta(); // the full message carried this tick's changes
    }
  }

  /** Whether a {@code g.dump()} failed already (the first failure is a warning, the others are logged quietly). */
  private boolean dumpFailed;

  private void snapshot() {
    long t = System.nanoTime();
    GraphSnapshot s;
    try {
      s = graph.dump();
    } catch (RuntimeException | LinkageError | StackOverflowError e) {
      // g.dump() gives every value's text by its toString(): one that throws costs this refresh of the picture
      // (events still move it, and the tick still pushes), never the dashboard; retried, spaced as snapshots are
      lastSnapshotEnd = System.nanoTime();
      snapshotGap = Math.max(TICK_NANOS, 10 * (lastSnapshotEnd - t));
      LOG.log(dumpFailed ? System.Logger.Level.DEBUG : System.Logger.Level.WARNING, "sloth dashboard: g.dump() "
          + "failed (a node's value's toString() threw?); the picture follows the graph's events until a snapshot "
          + "succeeds", e);
      dumpFailed = true;
      return;
    }
    long took = System.nanoTime() - t;
    model.absorb(s, t, took);
    lastSnapshotEnd = System.nanoTime();
    snapshotGap = Math.max(TICK_NANOS, 10 * took); // snapshots take at most a tenth of the pump's time
  }

  private static String modulesJson(RegistrySnapshot s) {
    Json j = new Json().array();
    int n = 0;
    for (RegistrySnapshot.BindingInfo b : s.bindings()) {
      if (n++ == 500) {
        break;
      }
      j.open().field("module", b.module()).field("name", b.name()).field("type", b.type())
          .field("state", b.state().name().toLowerCase(java.util.Locale.ROOT)).field("eager", b.eager())
          .field("ms", b.totalTime() == null ? -1 : b.totalTime().toNanos() / 1e6).field("failure", b.failure())
          .close();
    }
    return j.close().toString();
  }

  private static Path write(Path file, String text) {
    Objects.requireNonNull(file, "file");
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      return Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + file, e);
    }
  }

  /**
   * Settings for a {@link Dashboard}.
   *
   * <pre>{@code
   * Dashboard dash = Dashboard.builder(g).port(8123).modules(registry).printingTo(null).start();
   * }</pre>
   */
  public static final class Builder {
    private final Graph graph;
    private int port;
    private ModuleRegistry modules;
    private PrintStream out = System.out;
    private java.util.function.Function<? super Node<?>, String> explainer;

    private Builder(Graph graph) {
      this.graph = graph;
    }

    /**
     * Listens on {@code port} (1 to 65535) instead of a free one.
     *
     * @param port the TCP port on 127.0.0.1
     * @return this builder
     * @throws IllegalArgumentException if {@code port} is outside 1 to 65535
     */
    public Builder port(int port) {
      if (port < 1 || port > 65_535) {
        throw new IllegalArgumentException("port is " + port + "; expected 1 to 65535 (or leave it unset for a free "
            + "port)");
      }
      this.port = port;
      return this;
    }

    /**
     * Also shows the bindings of {@code registry}'s lazy modules, refreshed every second.
     *
     * @param registry the registry whose snapshot the page shows
     * @return this builder
     * @throws NullPointerException if {@code registry} is null
     */
    public Builder modules(ModuleRegistry registry) {
      this.modules = Objects.requireNonNull(registry, "registry");
      return this;
    }

    /**
     * Shows, in each node's detail, why the graph's persistent cache ran or recalled it: typically {@code
     * explainingWith(cache::explain)} for the {@code DiskCache} of module {@code sloth-cache} (this module does not
     * depend on it). The function is called when a node's detail is asked for (and for each node in an HTML
     * report), on the dashboard's threads while it holds its picture's lock, so it must be quick and must not block:
     * {@code DiskCache.explain} is one map lookup. What it throws is shown instead of its answer.
     *
     * <pre>{@code
     * DiskCache cache = DiskCache.builder(Path.of(".sloth-cache")).build();
     * Graph g = Graph.builder().persistentCache(cache).build();
     * Dashboard dash = Dashboard.builder(g).explainingWith(cache::explain).start();
     * }</pre>
     *
     * @param explain gives one sentence about a node of the graph (e.g. "'Total' ran: the code of method ... changed")
     * @return this builder
     * @throws NullPointerException if {@code explain} is null
     */
    public Builder explainingWith(java.util.function.Function<? super Node<?>, String> explain) {
      this.explainer = Objects.requireNonNull(explain, "explain");
      return this;
    }

    /**
     * Prints the URL on {@code out} when started (standard output by default; null prints nothing).
     *
     * @param out the stream for the one-line announcement, or null for silence
     * @return this builder
     */
    public Builder printingTo(PrintStream out) {
      this.out = out;
      return this;
    }

    /**
     * Starts serving.
     *
     * @return the running dashboard; {@link Dashboard#close()} stops it
     * @throws UncheckedIOException if the port cannot be bound (for a given port: it is probably in use)
     */
    public Dashboard start() {
      try {
        return new Dashboard(this);
      } catch (IOException e) {
        throw new UncheckedIOException("could not serve the dashboard on 127.0.0.1:" + (port == 0 ? "(free port)"
            : port) + ": " + e.getMessage(), e);
      }
    }
  }
}
