package dev.sloth.array;

import java.util.ArrayList;
import java.util.List;

/**
 * Where to look in a lazy array: one {@link Index} per axis (missing trailing axes mean "all"). Addresses are
 * resolved with NumPy's rules, including the pointwise combination of integer arrays and masks (advanced
 * indexing) and where the combined axis goes in the result.
 *
 * <pre>{@code
 * Address a = Address.of(Index.at(-1), Index.slice(0, 4, 2));   // [-1, 0:4:2]
 * Address b = Address.parse("-1, 0:4:2");                        // the same, in NumPy's notation
 * Address c = Address.parse("[0, 2], [True, False, True]");
 * }</pre>
 */
public final class Address {
  private static final Address ALL = new Address(List.of());

  private final List<Index> components;

  private Address(List<Index> components) {
    this.components = components;
  }

  /** An address made of these components, one per axis from the first. */
  public static Address of(Index... components) {
    for (int i = 0; i < components.length; i++) {
      if (components[i] == null) {
        throw new NullPointerException("address component " + i + " is null");
      }
    }
    return new Address(List.of(components));
  }

  /** The address of one element (or of a sub-array if fewer indices than axes are given). */
  public static Address at(int... indices) {
    Index[] c = new Index[indices.length];
    for (int i = 0; i < indices.length; i++) {
      c[i] = Index.at(indices[i]);
    }
    return new Address(List.of(c));
  }

  /** The whole array ({@code a[...]}). */
  public static Address all() {
    return ALL;
  }

  /**
   * Parses NumPy's notation: comma-separated components, each an integer ({@code -1}), a slice
   * ({@code 1:-1:2}, parts optional), an integer list ({@code [0, 2, -1]} or {@code (0, 2)}), or a boolean mask
   * ({@code [True, False]}, or nested for two axes {@code [[True, False], [False, True]]}).
   */
  public static Address parse(String text) {
    return new Parser(text).address();
  }

  /**
   * Splits axis 0 of {@code shape} into {@code parts} disjoint, contiguous slices that together cover it: the
   * address each of {@code parts} workers (threads, processes, machines) evaluates.
   */
  public static List<Address> partition(Shape shape, int parts) {
    if (parts < 1) {
      throw new IllegalArgumentException("parts must be at least 1, was " + parts);
    }
    if (shape.rank() == 0) {
      throw new IllegalArgumentException("cannot partition a rank-0 shape");
    }
    int n = shape.dim(0);
    List<Address> out = new ArrayList<>(parts);
    for (int p = 0; p < parts; p++) {
      int from = (int) ((long) n * p / parts);
      int to = (int) ((long) n * (p + 1) / parts);
      out.add(of(Index.slice(from, to)));
    }
    return List.copyOf(out);
  }

  /** The components, in axis order. */
  public List<Index> components() {
    return components;
  }

  /** NumPy's notation, e.g. {@code [1:5, -1]}. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < components.size(); i++) {
      sb.append(i == 0 ? "" : ", ").append(components.get(i));
    }
    return sb.append(']').toString();
  }

  /** A small recursive-descent parser for NumPy's address notation. */
  private static final class Parser {
    private final String text;
    private int pos;

    Parser(String text) {
      this.text = text;
    }

    Address address() {
      List<Index> out = new ArrayList<>();
      skip();
      if (pos == text.length()) {
        return ALL;
      }
      while (true) {
        out.add(component());
        skip();
        if (pos == text.length()) {
          return new Address(List.copyOf(out));
        }
        expect(',');
      }
    }

    private Index component() {
      skip();
      char c = peek();
      if (c == '[' || c == '(') {
        return bracketed();
      }
      Integer a = optionalInt();
      skip();
      if (pos < text.length() && peek() == ':') {
        pos++;
        Integer b = optionalInt();
        skip();
        Integer s = null;
        if (pos < text.length() && peek() == ':') {
          pos++;
          s = optionalInt();
        }
        return Index.slice(a, b, s);
      }
      if (a == null) {
        throw error("expected an integer, a slice or a list");
      }
      return Index.at(a);
    }

    private Index bracketed() {
      char close = peek() == '[' ? ']' : ')';
      pos++;
      skip();
      if (peek() == '[') { // nested: a 2-D mask
        List<boolean[]> rows = new ArrayList<>();
        while (true) {
          pos++;
          rows.add(booleans(']'));
          skip();
          if (peek() == ',') {
            pos++;
            skip();
            continue;
          }
          expect(close);
          return Index.mask(rows.toArray(new boolean[0][]));
        }
      }
      if (Character.isLetter(peek())) {
        return Index.mask(booleans(close));
      }
      List<Integer> ints = new ArrayList<>();
      skip();
      while (peek() != close) {
        Integer v = optionalInt();
        if (v == null) {
          throw error("expected an integer in the list");
        }
        ints.add(v);
        skip();
        if (peek() == ',') {
          pos++;
          skip();
        } else if (peek() != close) {
          throw error("expected ',' or '" + close + "'");
        }
      }
      pos++;
      return Index.list(ints.stream().mapToInt(Integer::intValue).toArray());
    }

    private boolean[] booleans(char close) {
      List<Boolean> out = new ArrayList<>();
      skip();
      while (peek() != close) {
        int s = pos;
        while (pos < text.length() && Character.isLetter(text.charAt(pos))) {
          pos++;
        }
        String w = text.substring(s, pos);
        if (w.equals("True") || w.equals("true")) {
          out.add(true);
        } else if (w.equals("False") || w.equals("false")) {
          out.add(false);
        } else {
          pos = s;
          throw error("expected True or False");
        }
        skip();
        if (peek() == ',') {
          pos++;
          skip();
        }
      }
      pos++;
      boolean[] b = new boolean[out.size()];
      for (int i = 0; i < b.length; i++) {
        b[i] = out.get(i);
      }
      return b;
    }

    private Integer optionalInt() {
      skip();
      int s = pos;
      if (pos < text.length() && (peek() == '-' || peek() == '+')) {
        pos++;
      }
      while (pos < text.length() && Character.isDigit(peek())) {
        pos++;
      }
      if (pos == s) {
        return null;
      }
      try {
        return Integer.parseInt(text.substring(s, pos));
      } catch (NumberFormatException e) {
        pos = s;
        throw error("not an int");
      }
    }

    private char peek() {
      if (pos >= text.length()) {
        throw error("unexpected end");
      }
      return text.charAt(pos);
    }

    private void expect(char c) {
      skip();
      if (pos >= text.length() || text.charAt(pos) != c) {
        throw error("expected '" + c + "'");
      }
      pos++;
    }

    private void skip() {
      while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
        pos++;
      }
    }

    private IllegalArgumentException error(String what) {
      return new IllegalArgumentException(
          "cannot parse address \"" + text + "\" at position " + pos + ": " + what);
    }
  }
}
