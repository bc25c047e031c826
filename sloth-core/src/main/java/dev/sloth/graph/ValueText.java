package dev.sloth.graph;

/**
 * A user's value as error messages show it: its {@code toString}, which is user code, so it may throw (the error
 * must still be the one about the value, not the {@code toString}'s) or be huge (a million-element list does not
 * belong in a message). Shown whole up to {@value #MAX} characters, else cut there with its length.
 *
 * <pre>{@code
 * "argument 2 of 'Sum' is a " + v.getClass().getName() + " (" + ValueText.of(v) + ")"
 * }</pre>
 */
final class ValueText {
  /** The most characters of a value's text a message shows. */
  static final int MAX = 200;

  private ValueText() {}

  /** {@code v}'s text for a message: never throws (but for the stack limit or memory), at most about MAX chars. */
  static String of(Object v) {
    String s;
    try {
      s = String.valueOf(v);
    } catch (Throwable t) {
      return "toString() threw " + t.getClass().getName();
    }
    if (s == null) {
      return "null"; // a toString that returned null
    }
    return s.length() <= MAX ? s : s.substring(0, MAX) + "... (" + s.length() + " characters)";
  }
}
