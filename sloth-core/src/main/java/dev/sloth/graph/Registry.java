package dev.sloth.graph;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The nodes and functions a graph knows. Nodes are held weakly, so a node the program no longer references (and that
 * no live node depends on: dependents hold their dependencies strongly, never the other way round) is collected.
 * The same table ({@link NodeTable}) serves shared computation: for a sharing function, a call with arguments equal
 * to a live node's (equal values, identical nodes) returns that node instead of recording another.
 */
final class Registry {
  private final Graph graph;
  /**
   * The functions defined in this graph, by name, held weakly: a function lives while the program holds its handle
   * ({@code Fn1}, ...) or any of its nodes does (a node holds its function), and its entry goes once it is collected,
   * so a graph that is given a new function per request does not keep every function, and what its lambda captured,
   * for its whole life. Defining a name again while its function lives gives that function back (or fails if the
   * definition differs); once it is gone, the name may be defined anew.
   */
  private final ConcurrentHashMap<String, FunctionRef> functions = new ConcurrentHashMap<>();
  /** Cleared {@link FunctionRef}s, removed from {@link #functions} on the next definition. */
  private final ReferenceQueue<WrappedFunction> collectedFunctions = new ReferenceQueue<>();
  /** The references of the live nodes, and the look-up of sharing calls. */
  private final NodeTable nodes = new NodeTable();
  /**
   * Cleared references of every graph's nodes. One daemon thread ({@link Purger}) removes them from their tables as
   * soon as the collector clears them, so a dropped node leaves no entry behind even if its graph is never used
   * again.
   */
  private static final ReferenceQueue<AbstractNode<?>> COLLECTED = new ReferenceQueue<>();
  private final ReferenceQueue<AbstractNode<?>> collected = COLLECTED;
  /** The names of sources and computed nodes, unique among the live ones: the second {@code x} alive is {@code x#2}. */
  private final Names names = new Names();

  /** For {@link Graph.Builder#maxTrace}: the calls recorded and not yet evaluated, oldest first. */
  private final Trace trace;

  Registry(Graph graph, int maxTrace) {
    this.graph = graph;
    this.trace = maxTrace > 0 ? new Trace(this, maxTrace) : null;
    Purger.start();
  }

  /** Removes the table entries of collected nodes, for every graph of the JVM. */
  private static final class Purger implements Runnable {
    private static final Thread THREAD;

    static {
      THREAD = new Thread(new Purger(), "sloth-purge");
      THREAD.setDaemon(true);
      THREAD.start();
    }

    static void start() {
      // the class initialisation started the thread
    }

    @Override
    public void run() {
      for (;;) {
        try {
          NodeRef r = (NodeRef) COLLECTED.remove();
          r.registry().removeExactly(r);
        } catch (Throwable t) {
          // an interrupt, or an error removing one entry: keep purging the others
        }
      }
    }
  }

  WrappedFunction function(String name, FnOptions options, Object userFunction, int arity, Class<?> argType,
      WrappedFunction.Invoker invoker) {
    return function(name, options, userFunction, arity, argType, invoker, false);
  }

  WrappedFunction function(String name, FnOptions options, Object userFunction, int arity, Class<?> argType,
      WrappedFunction.Invoker invoker, boolean async) {
    requireName(name, "function");
    Objects.requireNonNull(options, () -> "the options given for '" + name + "' are null");
    WrappedFunction fn = new WrappedFunction(graph, name, options, userFunction, arity, argType, invoker, false,
        async);
    for (Object r; (r = collectedFunctions.poll()) != null; ) {
      FunctionRef gone = (FunctionRef) r;
      functions.remove(gone.name, gone); // only if the name was not defined anew meanwhile
    }
    WrappedFunction existing;
    do {
      FunctionRef ref = functions.compute(name,
          (k, was) -> was != null && !was.refersTo(null) ? was : new FunctionRef(fn, name, collectedFunctions));
      existing = ref.get(); // null only if the collector cleared it just now: then the next pass replaces it
    } while (existing == null);
    if (existing == fn) {
      return fn;
    }
    if (existing.sameDefinition(fn)) {
      return existing;
    }
    throw new IllegalArgumentException("the function name '" + name + "' is already used in this graph by a "
        + "different function (" + existing + " with " + existing.options() + "); give each function its own name");
  }

  <T> Source<T> source(String name, T initial) {
    requireName(name, "source");
    SourceNode<T> s = new SourceNode<>(graph, names.unique(name), initial);
    register(new NamedRef(s, collected, name));
    return s;
  }

  <T> Node<T> computed(String name, FnOptions options, Function0<? extends T> body) {
    requireName(name, "computed node");
    WrappedFunction fn = new WrappedFunction(graph, names.unique(name), name, options, body, 0, null,
        args -> body.apply(), true, false);
    CallNode<T> n = new CallNode<>(fn, new Object[0]);
    register(new NamedRef(n, collected, name));
    recorded(n);
    return n;
  }

  @SuppressWarnings("unchecked")
  <R> Node<R> call(WrappedFunction fn, Object[] args) {
    int argumentsHash = checkArguments(fn, args);
    expungeCollected();
    if (!fn.options().isSharing()) {
      CallNode<R> n = new CallNode<>(fn, args);
      register(new NodeRef(n, collected, null, 0));
      recorded(n);
      return n;
    }
    AbstractNode<?> n = nodes.shared(fn, args, 31 * System.identityHashCode(fn) + argumentsHash, collected);
    if (n.arguments() == args) { // made now (an equal call's node has its own arguments array)
      recorded((CallNode<?>) n);
    }
    return (Node<R>) n;
  }

  /** The graph's {@link Graph.Builder#maxTrace} bound, or null (for tests). */
  Trace trace() {
    return trace;
  }

  private void recorded(CallNode<?> n) {
    if (trace != null) {
      trace.recorded(n);
    }
  }

  /**
   * Makes a node that was evaluated from constants alone a constant itself: its node arguments are replaced by
   * their values, so the nodes before it can be collected. Called by {@link Trace} only.
   */
  void freeze(CallNode<?> n) {
    // A sharing function's entry must go before the arguments change, since its equality reads them; the constant
    // is then no longer shared (nor shown by dump(): it has left the dataflow). Other entries hold no arguments.
    if (n.fn.options().isSharing()) {
      nodes.remove(n.ref);
    }
    n.freeze();
  }

  /** The number of live nodes; counts them, so it costs time in proportion to the table. */
  int size() {
    expungeCollected();
    return nodes.liveCount();
  }

  /** The table's entries, live or cleared, without removing the cleared ones first: see {@link NodeTable#entries}. */
  int entries() {
    return nodes.entries();
  }

  /** The live nodes, in no particular order. */
  List<AbstractNode<?>> liveNodes() {
    expungeCollected();
    return nodes.liveNodes();
  }

  private void register(NodeRef ref) {
    nodes.add(ref);
  }

  private void removeExactly(NodeRef ref) {
    nodes.remove(ref);
    if (ref instanceof NamedRef named) {
      names.released(named.given); // once: a reference is enqueued once, and taken off its queue once
    }
  }

  /** The number of function names with an entry, live or cleared (for tests). */
  int functionEntries() {
    return functions.size();
  }

  /** The node table's slots, used or not, for tests. */
  int tableCapacity() {
    return nodes.capacity();
  }

  /** The names of sources and computed nodes in use, for tests. */
  Names names() {
    return names;
  }

  private void expungeCollected() {
    for (Object r; (r = collected.poll()) != null; ) {
      NodeRef ref = (NodeRef) r;
      ref.registry().removeExactly(ref);
    }
  }

  /**
   * Checks the arguments of a call of {@code fn}; returns their hash ({@link Arrays#hashCode(Object[])}, a node
   * hashing by its id), which a sharing call's look-up needs (for any other function, values are not hashed). One
   * pass for both: a fan-in's arguments are thousands of nodes, each another cache line, and a second pass over
   * them found them evicted again. Every argument is
   * checked before any value's {@code hashCode} runs, so a bad argument is reported as such even if a value's hash
   * would throw.
   */
  private int checkArguments(WrappedFunction fn, Object[] args) {
    if (fn.arity >= 0 && args.length != fn.arity) {
      throw new IllegalArgumentException("'" + fn.name() + "' takes " + fn.arity + " arguments, was given "
          + args.length);
    }
    int h = 1;
    boolean values = false; // some argument is a value, whose hashCode is user code: hashed after the checks
    WrappedFunction checked = null; // the function of the last call node found to be of this graph
    for (int i = 0; i < args.length; i++) {
      Object a = args[i];
      if (a instanceof CallNode<?> c && c.fn == checked) {
        h = 31 * h + (int) c.id; // its function's graph is this one: so is the node's (a wide call's nodes share a few)
      } else if (a instanceof AbstractNode<?> n) {
        if (n.graph() != graph) {
          throw new IllegalArgumentException("argument " + (i + 1) + " of '" + fn.name() + "' is node '" + n.name()
              + "' of another graph; nodes can only depend on nodes of their own graph");
        }
        if (n instanceof CallNode<?> c) {
          checked = c.fn;
        }
        h = 31 * h + (int) n.id; // its hashCode
      } else {
        if (fn.argType != null && a != null && !fn.argType.isInstance(a)) {
          throw new IllegalArgumentException("argument " + (i + 1) + " of '" + fn.name() + "' is a "
              + a.getClass().getName() + " (" + ValueText.of(a) + "), expected a " + fn.argType.getName() + " or a node of one");
        }
        h = 31 * h;
        values |= a != null;
      }
    }
    // A value's hashCode is user code: run only for a sharing function, whose look-up needs it.
    return values && fn.options().isSharing() ? Arrays.hashCode(args) : h;
  }

  private static void requireName(String name, String what) {
    Objects.requireNonNull(name, () -> "the name of a " + what + " is null");
    if (name.isBlank()) {
      throw new IllegalArgumentException("the name of a " + what + " is blank");
    }
  }

  /**
   * A weak reference to a registered node. For a sharing function's node it carries the call's hash, and {@link
   * NodeTable} compares a call with the arguments of the node itself: the reference must not hold them, or a
   * dropped chain of nodes would stay reachable from the table.
   */
  static sealed class NodeRef extends WeakReference<AbstractNode<?>> permits NamedRef {
    /**
     * A sharing function's node: its {@link WrappedFunction}; any other node: its graph's {@link Registry}. One field
     * for both keeps the reference at 40 bytes.
     */
    private final Object owner;
    final int hash;

    /** Registers {@code node}: gives it its id ({@link AbstractNode#id}), before the node is handed out. */
    NodeRef(AbstractNode<?> node, ReferenceQueue<AbstractNode<?>> q, WrappedFunction fn, int hash) {
      this(node, q, fn, hash, node.graph().nextNodeId());
    }

    /** Registers {@code node} under the id {@code id}, given by its table segment ({@link NodeTable}). */
    NodeRef(AbstractNode<?> node, ReferenceQueue<AbstractNode<?>> q, WrappedFunction fn, int hash, long id) {
      super(node, q);
      node.ref = this;
      node.id = id;
      this.owner = fn != null ? fn : node.graph().registry();
      this.hash = fn == null ? (int) id : hash; // consecutive, like the ids: see NodeTable#spread
    }

    /**
     * A well-spread hash of a node id, for the engine's own tables of nodes by id (a plan's, a snapshot's). A node's
     * {@link AbstractNode#hashCode} is its id itself, since the JVM's identity hash is made by a slow runtime call on
     * each object's first use.
     */
    static int mix(long id) {
      int h = (int) (id ^ id >>> 32) * 0x9E3779B9;
      return h ^ h >>> 16;
    }

    /** The sharing function of the node, or null. */
    WrappedFunction fn() {
      return owner instanceof WrappedFunction w ? w : null;
    }

    Registry registry() {
      return owner instanceof WrappedFunction w ? w.graph.registry() : (Registry) owner;
    }

    Object[] arguments() {
      AbstractNode<?> n = get();
      return n == null ? null : n.arguments();
    }
  }

  /** A function of the graph, held weakly by its name ({@link #functions}). */
  private static final class FunctionRef extends WeakReference<WrappedFunction> {
    final String name;

    FunctionRef(WrappedFunction fn, String name, ReferenceQueue<WrappedFunction> q) {
      super(fn, q);
      this.name = name;
    }
  }

  /**
   * The reference of a source or computed node, which also carries the name its node was asked to have: once the
   * node is collected, the name is given back ({@link Names#released}). 40 bytes, as a plain reference (the field
   * fills its alignment gap).
   */
  static final class NamedRef extends NodeRef {
    final String given;

    NamedRef(AbstractNode<?> node, ReferenceQueue<AbstractNode<?>> q, String given) {
      super(node, q, null, 0);
      this.given = given;
    }
  }
}
