package dev.sloth.graph;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Multi-output functions, built from the engine's own parts: the call is one node whose value is the list of
 * outputs, and each output is a cheap projection node of it. Projections have early cutoff, so an output whose
 * value did not change stops invalidation there, while the function itself runs once per change of its inputs.
 */
final class Multi {
  private Multi() {}

  static void checkCount(String name, int outputs) {
    if (outputs < 1) {
      throw new IllegalArgumentException("'" + name + "' must declare at least 1 output, declared " + outputs);
    }
  }

  static List<Fn1<List<Object>, Object>> projections(Graph g, String name, int outputs) {
    checkCount(name, outputs);
    List<Fn1<List<Object>, Object>> out = new ArrayList<>(outputs);
    for (int i = 0; i < outputs; i++) {
      int index = i;
      out.add(g.fn(name + "[" + i + "]", (List<Object> all) -> all.get(index)));
    }
    return List.copyOf(out);
  }

  /** The function's result as a list of exactly {@code outputs} values. */
  static List<Object> outputsOf(String name, int outputs, Object result) {
    List<Object> values;
    if (result instanceof List<?> l) {
      values = new ArrayList<>(l);
    } else if (result instanceof Object[] a) {
      values = new ArrayList<>(Arrays.asList(a));
    } else if (result instanceof Record r) {
      values = new ArrayList<>();
      for (RecordComponent c : r.getClass().getRecordComponents()) {
        try {
          c.getAccessor().setAccessible(true);
          values.add(c.getAccessor().invoke(r));
        } catch (ReflectiveOperationException | RuntimeException e) {
          throw new IllegalStateException("'" + name + "' returned a " + r.getClass().getName()
              + " whose component '" + c.getName() + "' cannot be read", e);
        }
      }
    } else {
      throw new IllegalStateException("'" + name + "' declared " + outputs + " outputs and must return a List, an "
          + "array or a record of them, but returned " + (result == null ? "null" : "a " + result.getClass().getName()));
    }
    if (values.size() != outputs) {
      throw new IllegalStateException("'" + name + "' declared " + outputs + " outputs but returned " + values.size()
          + ": " + values);
    }
    return Collections.unmodifiableList(values);
  }
}
