package dev.sloth.module;

import dev.sloth.graph.CycleException;
import dev.sloth.graph.EvaluationException;
import dev.sloth.graph.NodeFailure;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the engine's errors, which name nodes, into module errors, which name bindings and where they were defined
 * and read. Every read of a binding or a module load translates, inside definitions too, so a definition that reads
 * a failing binding sees a {@link BindingException}, and an error that travels up through several definitions keeps
 * its whole path.
 */
final class Errors {
  private Errors() {}

  /**
   * {@code String.valueOf(o)} for a message, or, if {@code o}'s toString throws, its class and identity with what
   * the toString threw: an error message that embeds a value (or an exception) must not be replaced by the failure
   * of that value's toString.
   */
  static String text(Object o) {
    try {
      return String.valueOf(o);
    } catch (RuntimeException | Error e) {
      return o.getClass().getName() + "@" + Integer.toHexString(System.identityHashCode(o)) + " (its toString threw "
          + e.getClass().getName() + ")";
    }
  }

  /** The module error for a failed evaluation; node names resolve to bindings of {@code registry}. */
  static RuntimeException translate(EvaluationException e, ModuleRegistry registry) {
    NodeFailure first = e.failures().get(0);
    Throwable cause = first.cause();
    RuntimeException out;
    if (cause instanceof BindingException inner) {
      out = inner.via(first.path());
    } else if (cause instanceof ModuleException says) {
      out = says; // a cycle, a refusal or a failed load: already says where
    } else {
      Binding<?> failed = registry.bindingNamed(first.node());
      out = failed != null ? BindingException.of(failed, first.path(), cause) : new ModuleException(e.getMessage(), cause);
    }
    for (int i = 1; i < e.failures().size(); i++) {
      Throwable other = e.failures().get(i).cause();
      if (other != cause && other != out) {
        out.addSuppressed(other);
      }
    }
    return out;
  }

  /** The module error for a cycle the engine found at a read inside a definition. */
  static BindingCycleException cycle(CycleException c, ModuleRegistry registry) {
    List<StackTraceElement> where = new ArrayList<>(c.cycle().size());
    for (String name : c.cycle()) {
      Binding<?> b = registry.bindingNamed(name);
      where.add(b == null ? null : b.definedAt());
    }
    return new BindingCycleException(c.cycle(), where, c);
  }
}
