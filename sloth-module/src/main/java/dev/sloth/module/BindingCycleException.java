package dev.sloth.module;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Thrown when a binding's definition (transitively) reads the binding itself: the whole cycle is reported with
 * where each binding on it was defined. The cycle is detected, never waited on, also when several threads enter
 * it from different ends at once: one of them gets this error at once, and the others get it through the binding
 * they were waiting for.
 *
 * <pre>{@code
 * a.get();
 * // dependency cycle: app.a -> app.b -> app.c -> app.a
 * //   app.a  defined at app.App.<init>(App.java:10)
 * //   app.b  defined at app.App.<init>(App.java:11)
 * //   app.c  defined at app.App.<init>(App.java:12)
 * }</pre>
 */
public final class BindingCycleException extends ModuleException {
  private static final long serialVersionUID = 1L;

  /** The qualified names on the cycle, the first repeated at the end. */
  private final List<String> cycle;
  /** Where each binding of the cycle was defined, in the same order. */
  private final List<StackTraceElement> definedAt;

  BindingCycleException(List<String> cycle, List<StackTraceElement> definedAt, Throwable cause) {
    super(message(cycle, definedAt), cause);
    this.cycle = List.copyOf(cycle);
    this.definedAt = Collections.unmodifiableList(new ArrayList<>(definedAt));
  }

  /**
   * The qualified names along the cycle; the first and the last are the same binding.
   *
   * @return the qualified names along the cycle; the first and the last are the same binding
   */
  public List<String> cycle() {
    return cycle;
  }

  /**
   * Where each binding of {@link #cycle()} was defined, in the same order; an element is null for a module load
   * ({@code module.<load>}) or when no application frame was on the stack.
   *
   * @return where each binding of {@link #cycle()} was defined, in the same order; an element is null for a module load
   *     ({@code module.<load>}) or when no application frame was on the stack
   */
  public List<StackTraceElement> definedAt() {
    return definedAt;
  }

  private static String message(List<String> cycle, List<StackTraceElement> definedAt) {
    StringBuilder b = new StringBuilder("dependency cycle: ").append(String.join(" -> ", cycle));
    int width = 0;
    for (String name : cycle) {
      width = Math.max(width, name.length());
    }
    for (int i = 0; i < cycle.size() - 1; i++) {
      String name = cycle.get(i);
      b.append("\n  ").append(name).append(" ".repeat(width - name.length()))
          .append("  defined at ").append(Locations.format(definedAt.get(i)));
    }
    return b.toString();
  }
}
