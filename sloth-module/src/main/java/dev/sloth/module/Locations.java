package dev.sloth.module;

import java.util.Set;

/**
 * Where application code called into Sloth modules: the first stack frame that belongs neither to this module's
 * machinery, nor to the engine, nor to the JDK. Walking the stack costs a few microseconds, so it is done once per
 * binding at bind time and once more on its first read, never on the read path of a resolved binding.
 */
final class Locations {
  private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);
  private static final Set<Class<?>> MACHINERY = Set.of(
      Binding.class, LazyModule.class, ModuleRegistry.class, Frame.class,
      Locations.class, Errors.class);

  private Locations() {}

  /** The innermost application frame on this thread's stack, or null if there is none. */
  static StackTraceElement caller() {
    return WALKER.walk(frames -> frames
        .filter(f -> !isMachinery(f.getDeclaringClass()))
        .findFirst()
        .map(StackWalker.StackFrame::toStackTraceElement)
        .orElse(null));
  }

  private static boolean isMachinery(Class<?> c) {
    String p = c.getPackageName();
    return MACHINERY.contains(c) || p.equals("dev.sloth.graph")
        || p.startsWith("java.") || p.startsWith("jdk.") || p.startsWith("sun.");
  }

  /** {@code app.Db.<init>(Db.java:14)}, or {@code unknown} for null. */
  static String format(StackTraceElement e) {
    if (e == null) {
      return "unknown";
    }
    String where = e.getFileName() == null ? "unknown source"
        : e.getLineNumber() >= 0 ? e.getFileName() + ":" + e.getLineNumber() : e.getFileName();
    return e.getClassName() + "." + e.getMethodName() + "(" + where + ")";
  }
}
