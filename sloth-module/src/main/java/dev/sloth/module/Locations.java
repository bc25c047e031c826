package dev.sloth.module;

import java.util.Set;

/**
 * Where application code called into Sloth modules: the first stack frame that belongs neither to this module's
 * machinery, nor to the engine, nor to the JDK. Walking the stack costs a few microseconds, so it is done once per
 * binding at bind time and once more on its first read, never on the read path of a resolved binding. The frame is
 * kept as it is and turned into a {@link StackTraceElement} only when an error or a snapshot asks (that conversion
 * costs several times the walk, and start-up binds thousands of bindings that never fail).
 */
final class Locations {
  private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);
  private static final Set<Class<?>> MACHINERY = Set.of(
      Binding.class, LazyModule.class, ModuleRegistry.class, Frame.class,
      Locations.class, Errors.class);

  private Locations() {}

  /** The innermost application frame on this thread's stack, or null if there is none. */
  static StackWalker.StackFrame caller() {
    return WALKER.walk(frames -> {
      // A plain loop, not a stream pipeline: this runs at start-up, mostly in the interpreter.
      for (java.util.Iterator<StackWalker.StackFrame> it = frames.iterator(); it.hasNext(); ) {
        StackWalker.StackFrame f = it.next();
        if (!isMachinery(f.getDeclaringClass())) {
          return f;
        }
      }
      return null;
    });
  }

  private static boolean isMachinery(Class<?> c) {
    String p = c.getPackageName();
    return MACHINERY.contains(c) || p.equals("dev.sloth.graph")
        || p.startsWith("java.") || p.startsWith("jdk.") || p.startsWith("sun.");
  }

  /** The frame as a stack trace element, or null for null. */
  static StackTraceElement element(StackWalker.StackFrame f) {
    return f == null ? null : f.toStackTraceElement();
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
