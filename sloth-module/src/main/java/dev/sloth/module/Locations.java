package dev.sloth.module;

/**
 * Where application code called into Sloth modules: the first stack frame that belongs neither to this module's
 * machinery, nor to the engine, nor to the JDK.
 *
 * <p><b>Capture now, resolve on demand.</b> A location is captured once per binding at bind time, once more on its
 * first read, and once per at-load hook; it is looked at only when an error or a snapshot asks. So capturing is a
 * {@link Site}: a {@link Throwable} whose stack is filled in by the JVM's native code (about a microsecond for a
 * shallow stack, the same cold or warm), turned into a {@link StackTraceElement} only on the first ask. A {@link
 * StackWalker} would stop at the right frame, but its walk is Java code that runs in the interpreter at start-up,
 * where it cost about 30 µs per binding (measured in {@code docs/bench/module.md}); the native fill costs a little
 * more per frame on very deep stacks (about 0.1 µs a frame), still less than the cold walk for any realistic depth.
 */
final class Locations {
  /** The top-level classes of this package that are machinery (frames of their nested classes count too). */
  private static final String[] MACHINERY = {
      "dev.sloth.module.Binding", "dev.sloth.module.LazyModule", "dev.sloth.module.ModuleRegistry",
      "dev.sloth.module.Frame", "dev.sloth.module.Locations", "dev.sloth.module.Errors"};

  private Locations() {}

  /** Captures this thread's stack now, for {@link Site#element()} to find the application frame in later. */
  static Site capture() {
    return new Site();
  }

  /** The innermost application frame of {@code stack}, or null if there is none. */
  static StackTraceElement applicationFrame(StackTraceElement[] stack) {
    for (StackTraceElement e : stack) {
      if (!isMachinery(e.getClassName())) {
        return e;
      }
    }
    return null;
  }

  private static boolean isMachinery(String className) {
    int dot = className.lastIndexOf('.');
    String p = dot < 0 ? "" : className.substring(0, dot);
    if (p.equals("dev.sloth.graph") || p.startsWith("java.") || p.startsWith("jdk.") || p.startsWith("sun.")) {
      return true;
    }
    int nested = className.indexOf('$');
    String topLevel = nested < 0 ? className : className.substring(0, nested);
    for (String m : MACHINERY) {
      if (m.equals(topLevel)) {
        return true;
      }
    }
    return false;
  }

  /** The site's application frame, or null for a null site. */
  static StackTraceElement element(Site s) {
    return s == null ? null : s.element();
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

  /**
   * A captured stack, resolved to its application frame on the first {@link #element()}; the stack itself is then
   * dropped, so a resolved site keeps only one {@link StackTraceElement}.
   */
  static final class Site {
    private Throwable stack;
    private StackTraceElement element;

    private Site() {
      this.stack = new Throwable(); // the JVM fills in the stack natively; no element is made until asked
    }

    /** The innermost application frame of the captured stack, or null if there was none. */
    synchronized StackTraceElement element() {
      if (stack != null) {
        element = applicationFrame(stack.getStackTrace());
        stack = null;
      }
      return element;
    }
  }
}
