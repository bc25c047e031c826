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

  /**
   * An address made of these components, one per axis from the first.
   *
   * @param components the index along each axis, first axis first; fewer components than axes leave the trailing axes
   *     whole
   * @return the address; it is resolved against a shape only when an array is read
   * @throws NullPointerException if a component is null (the message gives its position)
   */
  public static Address of(Index... components) {
    for (int i = 0; i < components.length; i++) {
      if (components[i] == null) {
        throw new NullPointerException("address component " + i + " is null");
      }
    }
    return new Address(List.of(components));
  }

  /**
   * The address of one element (or of a sub-array if fewer indices than axes are given).
   *
   * @param indices one position per leading axis, each in {@code [-dim, dim)} (negative counts from the end)
   * @return the address of that element or sub-array
   */
  public static Address at(int... indices) {
    Index[] c = new Index[indices.length];
    for (int i = 0; i < indices.length; i++) {
      c[i] = Index.at(indices[i]);
    }
    return new Address(List.of(c));
  }

  /**
   * The whole array ({@code a[...]}).
   *
   * @return the address that selects every element, keeping the shape
   */
  public static Address all() {
    return ALL;
  }

  /**
   * Parses NumPy's notation: comma-separated components, each an integer ({@code -1}), a slice
   * ({@code 1:-1:2}, parts optional), an integer list ({@code [0, 2, -1]} or {@code (0, 2)}, nested for more axes:
   * {@code [[0, 1], [2, 3]]}), a boolean mask ({@code [True, False]}, nested for more axes), {@code ...} or
   * {@code None} ({@code np.newaxis}). Parentheses without a comma only group, as in Python: {@code (1)} is the
   * integer 1 and {@code ((0, 2))} the list {@code (0, 2)}; {@code (1,)} is a one-element list.
   *
   * @param text the address as written between NumPy's brackets, without the brackets, e.g. {@code "1:-1, [0, 2]"}
   * @return the parsed address
   * @throws IllegalArgumentException if the text is not valid NumPy index notation (the message points at the part at
   *     fault)
   */
  public static Address parse(String text) {
    return new Parser(text).address();
  }

  /**
   * Splits axis 0 of {@code shape} into {@code parts} disjoint, contiguous slices that together cover it: the
   * address each of {@code parts} workers (threads, processes, machines) evaluates.
   *
   * @param shape the shape of the array to split; it must have at least one axis
   * @param parts the number of slices, at least 1; when it exceeds {@code shape.dim(0)} some slices are empty
   * @return {@code parts} addresses, in axis order, whose union is the whole array
   * @throws IllegalArgumentException if {@code parts < 1} or {@code shape} has rank 0
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

  /**
   * The components, in axis order.
   *
   * @return an unmodifiable list of the components
   */
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
    private final String original; // for messages
    private final String text; // the original without redundant parentheses
    private int pos;

    Parser(String text) {
      this.original = text;
      this.text = withoutGroupingParentheses(text);
    }

    /**
     * The text with every pair of parentheses that only groups blanked out, as Python reads them: {@code (x)}
     * without a comma is {@code x} itself ({@code (1)} is the integer 1, {@code ((0, 2))} the tuple (0, 2)); only a
     * parenthesis with a comma, or an empty one, is a tuple (an integer list). Blanks keep every position.
     */
    private static String withoutGroupingParentheses(String text) {
      char[] c = text.toCharArray();
      int[] open = new int[c.length];
      boolean[] separated = new boolean[c.length];
      boolean[] filled = new boolean[c.length];
      int depth = 0;
      for (int i = 0; i < c.length; i++) {
        char ch = c[i];
        if (ch == '(' || ch == '[') {
          if (depth > 0) {
            filled[depth - 1] = true;
          }
          open[depth] = i;
          separated[depth] = false;
          filled[depth] = false;
          depth++;
        } else if (ch == ')' || ch == ']') {
          if (depth == 0) {
            continue; // unbalanced: the parser reports it
          }
          depth--;
          if (ch == ')' && c[open[depth]] == '(' && !separated[depth] && filled[depth]) {
            c[open[depth]] = ' ';
            c[i] = ' ';
          }
        } else if (depth > 0 && (ch == ',' || ch == ':')) {
          separated[depth - 1] = true; // a tuple (or a slice, which Python does not allow in parentheses)
        } else if (depth > 0 && !Character.isWhitespace(ch)) {
          filled[depth - 1] = true;
        }
      }
      return new String(c);
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
      if (text.startsWith("...", pos)) {
        pos += 3;
        return Index.ellipsis();
      }
      for (String none : new String[] {"None", "np.newaxis", "newaxis"}) {
        if (text.startsWith(none, pos)) {
          pos += none.length();
          return Index.newAxis();
        }
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
        throw error("expected an integer, a slice, a list, '...' or None");
      }
      return Index.at(a);
    }

    /** A nested list of integers (an index array) or of True/False (a mask), of any depth. */
    private Index bracketed() {
      List<Object> leaves = new ArrayList<>();
      int[] counts = new int[32];
      java.util.Arrays.fill(counts, -1);
      int[] leafDepth = {-1};
      nested(0, counts, leafDepth, leaves);
      int rank = 0;
      while (rank < counts.length && counts[rank] >= 0) {
        rank++;
      }
      int[] dims = java.util.Arrays.copyOf(counts, rank);
      if (leaves.isEmpty() && rank > 1) {
        throw error("an empty nested list has no element type");
      }
      if (!leaves.isEmpty() && leaves.get(0) instanceof Boolean) {
        boolean[] flat = new boolean[leaves.size()];
        for (int i = 0; i < flat.length; i++) {
          flat[i] = (Boolean) leaves.get(i);
        }
        return Index.mask(flat, Shape.of(dims));
      }
      int[] flat = leaves.stream().mapToInt(o -> (Integer) o).toArray();
      return rank == 1 ? Index.list(flat) : Index.array(flat, Shape.of(dims));
    }

    private void nested(int depth, int[] counts, int[] leafDepth, List<Object> leaves) {
      if (depth >= counts.length) {
        throw error("lists nested too deep");
      }
      char close = peek() == '[' ? ']' : ')';
      pos++;
      skip();
      int count = 0;
      while (peek() != close) {
        if (peek() == '[' || peek() == '(') {
          nested(depth + 1, counts, leafDepth, leaves);
        } else {
          if (leafDepth[0] >= 0 && leafDepth[0] != depth) {
            throw error("ragged list");
          }
          leafDepth[0] = depth;
          Object leaf;
          if (Character.isLetter(peek())) {
            leaf = bool();
          } else {
            leaf = optionalInt();
            if (leaf == null) {
              throw error("expected an integer, True or False in the list");
            }
          }
          if (!leaves.isEmpty() && (leaves.get(0) instanceof Boolean) != (leaf instanceof Boolean)) {
            throw error("a list mixes integers and booleans");
          }
          leaves.add(leaf);
        }
        count++;
        skip();
        if (peek() == ',') {
          pos++;
          skip();
        } else if (peek() != close) {
          throw error("expected ',' or '" + close + "'");
        }
      }
      pos++;
      if (counts[depth] < 0) {
        counts[depth] = count;
      } else if (counts[depth] != count) {
        throw error("ragged list: " + count + " items where the first list at this depth had " + counts[depth]);
      }
    }

    private boolean bool() {
      int s = pos;
      while (pos < text.length() && Character.isLetter(text.charAt(pos))) {
        pos++;
      }
      String w = text.substring(s, pos);
      if (w.equals("True") || w.equals("true")) {
        return true;
      }
      if (w.equals("False") || w.equals("false")) {
        return false;
      }
      pos = s;
      throw error("expected True or False");
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
          "cannot parse address \"" + original + "\" at position " + pos + ": " + what);
    }
  }
}
