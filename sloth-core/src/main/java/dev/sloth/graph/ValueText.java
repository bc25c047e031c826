package dev.sloth.graph;

/**
 * A user's value or exception as error messages show it: its {@code toString}, which is user code, so it may throw
 * (the error must still be the one about the value, not the {@code toString}'s) or be huge (a million-element list
 * does not belong in a message). A value is shown whole up to {@value #MAX} characters, else cut there with its
 * length; an exception whole.
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
    return s.length() <= MAX ? s : cut(s, MAX) + "... (" + s.length() + " characters)";
  }

  /**
   * The first {@code max} chars of {@code s} (or one fewer, so as not to end between the two halves of a character
   * beyond the BMP, an emoji: half of one is not text, and writers refuse it).
   */
  static String cut(String s, int max) {
    if (s.length() <= max) {
      return s;
    }
    int end = Character.isHighSurrogate(s.charAt(max - 1)) ? max - 1 : max;
    return s.substring(0, end);
  }

  /**
   * What a user's exception says, for a message: its {@code toString} (class and message), whole; if that throws
   * (a {@code getMessage} that fails), its class and what its {@code toString} threw.
   */
  static String ofThrowable(Throwable t) {
    try {
      return String.valueOf(t);
    } catch (Throwable broken) {
      return t.getClass().getName() + " (its toString() threw " + broken.getClass().getName() + ")";
    }
  }

  /** What a user's exception's message is, for a message: like {@link #ofThrowable}, without the class. */
  static String messageOf(Throwable t) {
    try {
      return t.getMessage();
    } catch (Throwable broken) {
      return "(its getMessage() threw " + broken.getClass().getName() + ")";
    }
  }
}
