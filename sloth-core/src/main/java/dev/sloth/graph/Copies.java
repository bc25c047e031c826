package dev.sloth.graph;

import java.lang.reflect.Array;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.TreeMap;
import java.util.TreeSet;

/** The default copier for in-place functions: see {@link FnOptions#mutating(int)}. */
final class Copies {
  private Copies() {}

  static Object defaultCopy(Object v) {
    if (v == null) {
      return null;
    }
    Class<?> c = v.getClass();
    if (c.isArray()) {
      int n = Array.getLength(v);
      Object copy = Array.newInstance(c.getComponentType(), n);
      System.arraycopy(v, 0, copy, 0, n);
      return copy;
    }
    // Exact classes only: a subclass may hold state its superclass's copy constructor would drop.
    if (c == ArrayList.class) {
      return new ArrayList<>((ArrayList<?>) v);
    } else if (c == LinkedList.class) {
      return new LinkedList<>((LinkedList<?>) v);
    } else if (c == ArrayDeque.class) {
      return new ArrayDeque<>((ArrayDeque<?>) v);
    } else if (c == HashMap.class) {
      return new HashMap<>((HashMap<?, ?>) v);
    } else if (c == LinkedHashMap.class) {
      return new LinkedHashMap<>((LinkedHashMap<?, ?>) v);
    } else if (c == TreeMap.class) {
      return new TreeMap<>((TreeMap<?, ?>) v);
    } else if (c == HashSet.class) {
      return new HashSet<>((HashSet<?>) v);
    } else if (c == LinkedHashSet.class) {
      return new LinkedHashSet<>((LinkedHashSet<?>) v);
    } else if (c == TreeSet.class) {
      return new TreeSet<>((TreeSet<?>) v);
    }
    throw new IllegalArgumentException("there is no default copier for a " + c.getName()
        + "; give one with FnOptions.mutating(index, copier)");
  }
}
