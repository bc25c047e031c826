package dev.sloth.dash;

/**
 * A minimal streaming JSON writer: the dashboard only writes JSON (its page, the trace export), it never parses it.
 * Commas are placed by the writer, so callers just open, add and close:
 *
 * <pre>{@code
 * Json j = new Json().open().field("name", "Square#1").field("ms", 1.5).key("deps").array().value(3).close().close();
 * }</pre>
 *
 * <p>Every string goes through {@link #quote}, which also escapes {@code <} and {@code >}, so the text can be placed
 * inside an HTML {@code <script>} element (the self-contained report) without ending it.
 */
final class Json {
  private final StringBuilder b;
  /** One bit per open level: whether something was written at that level yet (nesting is shallow). */
  private long needsComma;
  private int depth;
  private boolean afterKey;

  Json() {
    this(new StringBuilder(256));
  }

  Json(StringBuilder b) {
    this.b = b;
  }

  /** Opens an object. */
  Json open() {
    separate();
    b.append('{');
    push();
    return this;
  }

  /** Opens an array. */
  Json array() {
    separate();
    b.append('[');
    push();
    return this;
  }

  /** Closes the innermost object or array. */
  Json close() {
    if (depth == 0) {
      throw new IllegalStateException("close() without an open object or array");
    }
    depth--;
    b.append(b.charAt(openerIndex()) == '{' ? '}' : ']');
    return this;
  }

  /** Writes a key; the next value written is its value. */
  Json key(String name) {
    separate();
    quote(b, name);
    b.append(':');
    afterKey = true;
    return this;
  }

  Json field(String name, String value) {
    return key(name).value(value);
  }

  Json field(String name, long value) {
    return key(name).value(value);
  }

  Json field(String name, double value) {
    return key(name).value(value);
  }

  Json field(String name, boolean value) {
    return key(name).value(value);
  }

  Json value(String s) {
    separate();
    if (s == null) {
      b.append("null");
    } else {
      quote(b, s);
    }
    return this;
  }

  Json value(long v) {
    separate();
    b.append(v);
    return this;
  }

  Json value(double v) {
    separate();
    if (Double.isFinite(v)) {
      // three decimals are plenty for milliseconds and layout units, and keep messages small
      long r = Math.round(v * 1000);
      if (r % 1000 == 0) {
        b.append(r / 1000);
      } else {
        b.append(r / 1000.0);
      }
    } else {
      b.append("null");
    }
    return this;
  }

  Json value(boolean v) {
    separate();
    b.append(v);
    return this;
  }

  /** Writes already-encoded JSON as the next value. */
  Json raw(CharSequence json) {
    separate();
    b.append(json);
    return this;
  }

  @Override
  public String toString() {
    return b.toString();
  }

  private void separate() {
    if (afterKey) {
      afterKey = false;
      return;
    }
    if (depth > 0) {
      long bit = 1L << (depth - 1);
      if ((needsComma & bit) != 0) {
        b.append(',');
      }
      needsComma |= bit;
    }
  }

  private void push() {
    if (depth >= 63) {
      throw new IllegalStateException("JSON nested too deeply");
    }
    depth++;
    needsComma &= ~(1L << (depth - 1));
    openers[depth - 1] = b.length() - 1;
  }

  private final int[] openers = new int[64];

  private int openerIndex() {
    return openers[depth];
  }

  /** Appends {@code s} as a JSON string, escaping quotes, backslashes, control characters, {@code <} and {@code >}. */
  static void quote(StringBuilder b, String s) {
    b.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        case '<' -> b.append("\\u003c");
        case '>' -> b.append("\\u003e");
        case '\u2028' -> b.append("\\u2028");
        case '\u2029' -> b.append("\\u2029");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    b.append('"');
  }
}
