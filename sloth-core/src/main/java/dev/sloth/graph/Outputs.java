package dev.sloth.graph;

import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.List;

/**
 * The outputs of one call of a multi-output function ({@link Graph#fnMulti1} and its kin): each part of the result
 * is a node of its own, with its own dependents. The function runs once per change of its inputs, for all outputs;
 * each output is a cheap projection of the call's node with early cutoff of its own, so if only the quotient
 * changed, the dependents of the remainder stay valid.
 *
 * <p>Outputs are typed. Project a record's component with its accessor (no reflection, so a record in any module
 * works, exported or not), or any part with a function of the whole:
 *
 * <pre>{@code
 * record DivMod(int q, int r) {}
 * MultiFn1<Integer, DivMod> divMod = g.fnMulti1("DivMod", x -> new DivMod(x / 10, x % 10));
 * Outputs<DivMod> qr = divMod.call(x);
 * Node<Integer> q = qr.get(DivMod::q);                 // node 'DivMod.q#1'
 * Node<Integer> r = qr.get(DivMod::r);
 * // Node<String> s = qr.get(DivMod::q);              // does not compile
 *
 * MultiFn1<Integer, List<Integer>> split = g.fnMulti1("Split", x -> List.of(x / 10, x % 10));
 * Node<Integer> tens = split.call(x).get(0, Integer.class);   // checked when it runs
 * }</pre>
 *
 * <p>Equal projections of equal calls are one node, as for any sharing function.
 *
 * @param <O> the type of the function's result
 */
public final class Outputs<O> {
  private final Node<O> whole;
  private final WrappedFunction fn;

  Outputs(Node<O> whole, WrappedFunction fn) {
    this.whole = whole;
    this.fn = fn;
  }

  /**
   * The output {@code part} projects from the result: a record's accessor ({@code DivMod::q}, the node is named
   * {@code DivMod.q#n}) or any function of the whole result.
   *
   * @param <T> the type of the part
   * @param part an accessor of the result, such as a record's component ({@code DivMod::q}); not null
   * @return the output node of that part; nothing has run yet
   */
  @SuppressWarnings("unchecked")
  public <T> Node<T> get(Function1<? super O, ? extends T> part) {
    java.util.Objects.requireNonNull(part, () -> "the output projection given for '" + fn.name() + "' is null");
    FunctionIdentity id = FunctionIdentity.of(fn.name(), part);
    String label = id.isMethodReference() ? "." + id.methodName() : "[" + id.methodName() + "]";
    WrappedFunction p = fn.graph.registry().function(fn.name() + label, projectionOptions(), part, 1, null,
        args -> part.apply((O) args[0]));
    return p.call(new Object[] {whole});
  }

  /**
   * Output number {@code index} (0-based) of a result that is a {@code List}, an array, or a record (its components
   * in declaration order), which must be a {@code type} (or null) when it runs; otherwise the output fails with a
   * message naming the output, the expected and the actual type. For a record, prefer {@link #get(Function1)} with
   * its accessor: reading a component by index needs reflective access to the record's class, which a record in a
   * named module grants only if its package is opened to {@code dev.sloth.core} (the message says so exactly).
   *
   * @param <T> the type of the part
   * @param index the 0-based position of the part in a {@code List} or array result
   * @param type the part's class, checked when the output is computed; not null
   * @return the output node of that part; nothing has run yet
   * @throws IndexOutOfBoundsException if {@code index} is negative
   */
  @SuppressWarnings("unchecked")
  public <T> Node<T> get(int index, Class<T> type) {
    if (index < 0) {
      throw new IndexOutOfBoundsException("output indices of '" + fn.name() + "' start at 0; there is no output "
          + index);
    }
    java.util.Objects.requireNonNull(type, () -> "the type of output " + index + " of '" + fn.name() + "' is null");
    String name = fn.name() + "[" + index + "]";
    WrappedFunction p = fn.graph.registry().function(name, projectionOptions(), Outputs.class, 2, null,
        args -> part(name, args[0], index, (Class<?>) args[1]));
    return p.call(new Object[] {whole, type});
  }

  /**
   * The node of the whole call: the function's result.
   *
   * @return the node of the whole result
   */
  public Node<O> all() {
    return whole;
  }

  @Override
  public String toString() {
    return "Outputs[" + whole.name() + "]";
  }

  /** Projections have the early cutoff of the function (or none), and its other options do not apply. */
  private FnOptions projectionOptions() {
    Equivalence<Object> eq = fn.options().cutoffEquivalence();
    return eq == null ? FnOptions.defaults().withoutCutoff() : FnOptions.defaults().cutoff(eq);
  }

  private static Object part(String output, Object whole, int index, Class<?> type) {
    Object v;
    if (whole instanceof List<?> l) {
      v = index < l.size() ? l.get(index) : tooFew(output, whole, l.size());
    } else if (whole != null && whole.getClass().isArray()) {
      int n = Array.getLength(whole);
      v = index < n ? Array.get(whole, index) : tooFew(output, whole, n);
    } else if (whole instanceof Record r) {
      RecordComponent[] cs = r.getClass().getRecordComponents();
      v = index < cs.length ? component(output, r, cs[index]) : tooFew(output, whole, cs.length);
    } else {
      throw new IllegalStateException("output '" + output + "' is a part of a List, an array or a record, but the "
          + "function returned " + (whole == null ? "null" : "a " + whole.getClass().getName()));
    }
    Class<?> boxed = type.isPrimitive() ? Array.get(Array.newInstance(type, 1), 0).getClass() : type;
    if (v != null && !boxed.isInstance(v)) {
      throw new ClassCastException("output '" + output + "' was declared a " + type.getName() + " but is a "
          + v.getClass().getName() + " (" + ValueText.of(v) + ")");
    }
    return v;
  }

  private static Object tooFew(String output, Object whole, int size) {
    throw new IndexOutOfBoundsException("output '" + output + "' does not exist: the function returned " + size
        + " parts (" + whole.getClass().getName() + ")");
  }

  private static Object component(String output, Record r, RecordComponent c) {
    Method accessor = c.getAccessor();
    if (!accessor.canAccess(r) && !accessor.trySetAccessible()) {
      Class<?> rc = r.getClass();
      Module m = rc.getModule();
      throw new IllegalStateException("output '" + output + "' is component '" + c.getName() + "' of record "
          + rc.getName() + ", which module dev.sloth.core may not read: either project it with its accessor, "
          + "outputs.get(" + rc.getSimpleName() + "::" + c.getName() + "), which needs no access, or add "
          + "'opens " + rc.getPackageName() + " to dev.sloth.core;' to the module-info.java of module "
          + (m.isNamed() ? m.getName() : "(unnamed)"));
    }
    try {
      return accessor.invoke(r);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("output '" + output + "': reading component '" + c.getName() + "' of "
          + r.getClass().getName() + " failed", e instanceof java.lang.reflect.InvocationTargetException t
          && t.getCause() != null ? t.getCause() : e);
    }
  }
}
