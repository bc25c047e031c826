package dev.sloth.cache;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The value codec and the structural fingerprints: one walk over a closed set of value kinds, written either as a
 * record to store ({@link #encode}) or canonically, to hash ({@link #fingerprint}).
 *
 * <p><b>The kinds.</b> {@code null}, boxed primitives, {@code String}, {@code BigInteger}, {@code BigDecimal},
 * {@code UUID}, primitive arrays, {@code List}, {@code Set}, {@code Map} (sorted ones with natural order stay sorted),
 * {@code Optional}, and enums and records of classes the user {@linkplain DiskCache.Builder#register registered}.
 * Anything else is an {@link UnsupportedValueException} naming the class and where in the value it sits.
 *
 * <p><b>Why a cache file can never load a class.</b> Decoding never calls {@code Class.forName} or anything that
 * resolves a name through a class loader: a record or enum in a file names its class, and the name is looked up in
 * the map of registered classes, which holds {@code Class} objects the user's own code already had. An unknown name
 * is a {@link Bytes.Corrupt} (a miss), so no static initializer of an unregistered class can run because of a file.
 * Lengths are checked against the bytes left and nesting is bounded, so a hostile file can neither allocate without
 * bound nor overflow the stack.
 *
 * <p><b>Canonical form.</b> For fingerprints, sets are written with their elements' canonical bytes in sorted order
 * and maps with their entries sorted by key, so equal collections fingerprint alike whatever their iteration order;
 * every NaN is written as one NaN; records are written by component name and value, and need no registration (the
 * fingerprint is only hashed, never decoded); a {@code Node} (a value captured by a computed node's body) is
 * written as its name, since what it holds is verified through the recorded reads.
 *
 * <p><b>A record's or enum's code.</b> A record or enum in a fingerprint also carries the code version of its class
 * (every method it can reach, its static initializer included: see {@link CodeVersions#typeCode}), since what a
 * function does with such a value depends on that code although the function's own code may never name it: a
 * library calls {@code toString}, {@code compareTo} or {@code equals} back, and an enum constant's fields ({@code
 * HIGH(10)}) are set in its static initializer. Editing the class changes the keys of the functions given its
 * values, as arguments, as captured values and as the values a computed node read.
 */
final class Values {
  static final int VERSION = 1;
  private static final int MAX_DEPTH = 256;

  private static final int NULL = 0, TRUE = 1, FALSE = 2, BYTE = 3, SHORT = 4, CHAR = 5, INT = 6, LONG = 7,
      FLOAT = 8, DOUBLE = 9, STRING = 10, BIGINT = 11, BIGDEC = 12, UUID_ = 13;
  private static final int BYTES = 20, SHORTS = 21, CHARS = 22, INTS = 23, LONGS = 24, FLOATS = 25, DOUBLES = 26,
      BOOLEANS = 27;
  private static final int LIST = 30, SET = 31, SORTED_SET = 32, MAP = 33, SORTED_MAP = 34, EMPTY = 35, PRESENT = 36;
  private static final int ENUM = 40, RECORD = 41, NODE = 42;

  /** The classes a file may name: records and enums, by binary name. */
  private final Map<String, Registered> registered;
  /**
   * The code version of a record or enum class, written into fingerprints (see the class comment); null: none (the
   * codec alone, as {@link FunctionCode} uses it).
   */
  private volatile java.util.function.Function<Class<?>, byte[]> typeCode;

  private record Registered(Class<?> type, Method[] accessors, Constructor<?> constructor) {}

  Values(Collection<Class<?>> types) {
    Map<String, Registered> m = new HashMap<>();
    for (Class<?> t : types) {
      if (t.isEnum()) {
        m.put(t.getName(), new Registered(t, null, null));
      } else if (t.isRecord()) {
        RecordComponent[] cs = t.getRecordComponents();
        Method[] accessors = new Method[cs.length];
        Class<?>[] types2 = new Class<?>[cs.length];
        for (int i = 0; i < cs.length; i++) {
          accessors[i] = cs[i].getAccessor();
          accessors[i].setAccessible(true);
          types2[i] = cs[i].getType();
        }
        try {
          Constructor<?> c = t.getDeclaredConstructor(types2);
          c.setAccessible(true);
          m.put(t.getName(), new Registered(t, accessors, c));
        } catch (NoSuchMethodException | RuntimeException e) {
          throw new IllegalArgumentException("record " + t.getName() + " cannot be registered: its canonical "
              + "constructor is not accessible (" + e + "); open its package to dev.sloth.cache", e);
        }
      } else {
        throw new IllegalArgumentException("only records and enums can be registered with the cache, and "
            + t.getName() + " is neither; the JDK kinds (boxed primitives, strings, primitive arrays, lists, sets, "
            + "maps, Optional) need no registration");
      }
    }
    this.registered = Map.copyOf(m);
  }

  /** Makes fingerprints of records and enums include {@code code} of their class (see the class comment). */
  void fingerprintTypeCode(java.util.function.Function<Class<?>, byte[]> code) {
    this.typeCode = code;
  }

  // ------------------------------------------------------------------------------------------- writing

  /** Writes {@code v} as a record to store. */
  void encode(Object v, Bytes out) {
    write(v, out, false, "value", 0);
  }

  /** A 128-bit structural fingerprint of {@code v} (see the class comment). */
  byte[] fingerprint(Object v, String where) {
    Bytes b = new Bytes(64);
    write(v, b, true, where, 0);
    return hash(b.array(), 0, b.size());
  }

  /** Writes the canonical form of {@code v} into {@code out} (to be hashed with other parts of a key). */
  void canonical(Object v, Bytes out, String where) {
    write(v, out, true, where, 0);
  }

  static byte[] hash(byte[] b, int off, int len) {
    MessageDigest d = sha256();
    d.update(b, off, len);
    return Arrays.copyOf(d.digest(), 16);
  }

  private static final MessageDigest SHA256;

  static {
    try {
      SHA256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError("every JDK has SHA-256", e);
    }
  }

  /** A fresh SHA-256 digest (a clone of a prototype: cheaper than a provider look-up). */
  static MessageDigest sha256() {
    try {
      return (MessageDigest) SHA256.clone();
    } catch (CloneNotSupportedException e) {
      throw new AssertionError("the JDK's SHA-256 is cloneable", e);
    }
  }

  private void write(Object v, Bytes out, boolean canonical, String where, int depth) {
    if (depth > MAX_DEPTH) {
      throw new UnsupportedValueException(where + " is nested more than " + MAX_DEPTH + " levels deep");
    }
    switch (v) {
      case null -> out.put(NULL);
      case Boolean b -> out.put(b ? TRUE : FALSE);
      case Byte b -> out.put(BYTE).put(b);
      case Short s -> out.put(SHORT).putZig(s);
      case Character c -> out.put(CHAR).putVar(c);
      case Integer i -> out.put(INT).putZig(i);
      case Long l -> out.put(LONG).putZig(l);
      case Float f -> out.put(FLOAT).putInt(canonical ? Float.floatToIntBits(f) : Float.floatToRawIntBits(f));
      case Double d -> out.put(DOUBLE).putLong(canonical ? Double.doubleToLongBits(d) : Double.doubleToRawLongBits(d));
      case String s -> out.put(STRING).putString(s);
      case BigInteger b -> out.put(BIGINT).putVar(b.toByteArray().length).put(b.toByteArray());
      case BigDecimal b -> {
        out.put(BIGDEC).putZig(b.scale());
        byte[] u = b.unscaledValue().toByteArray();
        out.putVar(u.length).put(u);
      }
      case UUID u -> out.put(UUID_).putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits());
      case byte[] a -> out.put(BYTES).putVar(a.length).put(a);
      case short[] a -> {
        out.put(SHORTS).putVar(a.length);
        for (short x : a) out.putZig(x);
      }
      case char[] a -> {
        out.put(CHARS).putVar(a.length);
        for (char x : a) out.putVar(x);
      }
      case int[] a -> {
        out.put(INTS).putVar(a.length);
        for (int x : a) out.putZig(x);
      }
      case long[] a -> {
        out.put(LONGS).putVar(a.length);
        for (long x : a) out.putZig(x);
      }
      case float[] a -> {
        out.put(FLOATS).putVar(a.length);
        for (float x : a) out.putInt(canonical ? Float.floatToIntBits(x) : Float.floatToRawIntBits(x));
      }
      case double[] a -> {
        out.put(DOUBLES).putVar(a.length);
        for (double x : a) out.putLong(canonical ? Double.doubleToLongBits(x) : Double.doubleToRawLongBits(x));
      }
      case boolean[] a -> {
        out.put(BOOLEANS).putVar(a.length);
        for (boolean x : a) out.put(x ? 1 : 0);
      }
      case List<?> l -> {
        out.put(LIST).putVar(l.size());
        int i = 0;
        for (Object e : l) {
          write(e, out, canonical, where, depth + 1);
          i++;
        }
        if (i != l.size()) {
          throw new UnsupportedValueException(where + " changed while it was written (a list of " + l.size()
              + " gave " + i + " elements)");
        }
      }
      case Set<?> s -> writeSet(s, out, canonical, where, depth);
      case Map<?, ?> m -> writeMap(m, out, canonical, where, depth);
      case Optional<?> o -> {
        if (o.isEmpty()) {
          out.put(EMPTY);
        } else {
          out.put(PRESENT);
          write(o.get(), out, canonical, where, depth + 1);
        }
      }
      case Enum<?> e -> {
        Class<?> type = e.getDeclaringClass();
        requireRegistered(type, canonical, where);
        out.put(ENUM).putString(type.getName()).putString(e.name());
        putTypeCode(type, out, canonical);
      }
      case Record r -> writeRecord(r, out, canonical, where, depth);
      case dev.sloth.graph.Node<?> n when canonical -> out.put(NODE).putString(n.name());
      default -> throw new UnsupportedValueException(where + " is a " + v.getClass().getName() + ", which the cache "
          + "cannot " + (canonical ? "fingerprint" : "store") + ": it keeps boxed primitives, strings, BigInteger, "
          + "BigDecimal, UUID, primitive arrays, lists, sets, maps, Optional, and registered records and enums");
    }
  }

  private void writeSet(Set<?> s, Bytes out, boolean canonical, String where, int depth) {
    if (canonical) {
      out.put(SET);
      writeSorted(new ArrayList<>(s), out, where, depth);
      return;
    }
    boolean natural = s instanceof SortedSet<?> ss && ss.comparator() == null;
    out.put(natural ? SORTED_SET : SET).putVar(s.size());
    for (Object e : s) {
      write(e, out, false, where, depth + 1);
    }
  }

  private void writeMap(Map<?, ?> m, Bytes out, boolean canonical, String where, int depth) {
    if (canonical) {
      out.put(MAP);
      List<Object> entries = new ArrayList<>(m.size());
      for (Map.Entry<?, ?> e : m.entrySet()) {
        entries.add(Arrays.asList(e.getKey(), e.getValue())); // sorted by key first (keys are distinct)
      }
      writeSorted(entries, out, where, depth);
      return;
    }
    boolean natural = m instanceof SortedMap<?, ?> sm && sm.comparator() == null;
    out.put(natural ? SORTED_MAP : MAP).putVar(m.size());
    for (Map.Entry<?, ?> e : m.entrySet()) {
      write(e.getKey(), out, false, where, depth + 1);
      write(e.getValue(), out, false, where, depth + 1);
    }
  }

  /** Writes each element's canonical bytes, sorted, each with its length: an order-free form of a collection. */
  private void writeSorted(List<Object> elements, Bytes out, String where, int depth) {
    byte[][] forms = new byte[elements.size()][];
    for (int i = 0; i < forms.length; i++) {
      Bytes one = new Bytes(32);
      write(elements.get(i), one, true, where, depth + 1);
      forms[i] = one.toArray();
    }
    Arrays.sort(forms, Arrays::compareUnsigned);
    out.putVar(forms.length);
    for (byte[] f : forms) {
      out.putVar(f.length).put(f);
    }
  }

  private void writeRecord(Record r, Bytes out, boolean canonical, String where, int depth) {
    Class<?> type = r.getClass();
    Registered reg = requireRegistered(type, canonical, where);
    out.put(RECORD).putString(type.getName());
    putTypeCode(type, out, canonical);
    RecordComponent[] cs = type.getRecordComponents();
    out.putVar(cs.length);
    for (int i = 0; i < cs.length; i++) {
      Object c;
      try {
        Method accessor = reg != null ? reg.accessors[i] : cs[i].getAccessor();
        if (reg == null) {
          accessor.setAccessible(true);
        }
        c = accessor.invoke(r);
      } catch (ReflectiveOperationException | RuntimeException e) {
        throw new UnsupportedValueException(where + ": component '" + cs[i].getName() + "' of " + type.getName()
            + " cannot be read (" + e + ")");
      }
      if (canonical) {
        out.putString(cs[i].getName());
      }
      write(c, out, canonical, where + "." + cs[i].getName(), depth + 1);
    }
  }

  private void putTypeCode(Class<?> type, Bytes out, boolean canonical) {
    java.util.function.Function<Class<?>, byte[]> code = typeCode;
    if (canonical && code != null) {
      out.put(code.apply(type));
    }
  }

  private Registered requireRegistered(Class<?> type, boolean canonical, String where) {
    Registered reg = registered.get(type.getName());
    if (reg != null && reg.type == type) {
      return reg;
    }
    if (canonical) {
      return null;
    }
    throw new UnsupportedValueException(where + " is a " + type.getName() + ", which is not registered with the "
        + "cache: register it with DiskCache.builder(dir).register(" + type.getSimpleName() + ".class)");
  }

  // ------------------------------------------------------------------------------------------- reading

  /** Reads a value written by {@link #encode}; a malformed record throws {@link Bytes.Corrupt}. */
  Object decode(Bytes.Reader in) {
    return read(in, 0);
  }

  private Object read(Bytes.Reader in, int depth) {
    if (depth > MAX_DEPTH) {
      throw new Bytes.Corrupt("nested more than " + MAX_DEPTH + " levels deep");
    }
    int tag = in.get();
    switch (tag) {
      case NULL: return null;
      case TRUE: return Boolean.TRUE;
      case FALSE: return Boolean.FALSE;
      case BYTE: return (byte) in.get();
      case SHORT: return (short) in.getZig();
      case CHAR: return (char) in.getVar();
      case INT: return (int) in.getZig();
      case LONG: return in.getZig();
      case FLOAT: return Float.intBitsToFloat(in.getInt());
      case DOUBLE: return Double.longBitsToDouble(in.getLong());
      case STRING: return in.getString();
      case BIGINT: return new BigInteger(in.get(nonEmpty(in.getLength(1))));
      case BIGDEC: {
        int scale = (int) in.getZig();
        return new BigDecimal(new BigInteger(in.get(nonEmpty(in.getLength(1)))), scale);
      }
      case UUID_: return new UUID(in.getLong(), in.getLong());
      case BYTES: return in.get(in.getLength(1));
      case SHORTS: {
        short[] a = new short[in.getLength(1)];
        for (int i = 0; i < a.length; i++) a[i] = (short) in.getZig();
        return a;
      }
      case CHARS: {
        char[] a = new char[in.getLength(1)];
        for (int i = 0; i < a.length; i++) a[i] = (char) in.getVar();
        return a;
      }
      case INTS: {
        int[] a = new int[in.getLength(1)];
        for (int i = 0; i < a.length; i++) a[i] = (int) in.getZig();
        return a;
      }
      case LONGS: {
        long[] a = new long[in.getLength(1)];
        for (int i = 0; i < a.length; i++) a[i] = in.getZig();
        return a;
      }
      case FLOATS: {
        float[] a = new float[in.getLength(4)];
        for (int i = 0; i < a.length; i++) a[i] = Float.intBitsToFloat(in.getInt());
        return a;
      }
      case DOUBLES: {
        double[] a = new double[in.getLength(8)];
        for (int i = 0; i < a.length; i++) a[i] = Double.longBitsToDouble(in.getLong());
        return a;
      }
      case BOOLEANS: {
        boolean[] a = new boolean[in.getLength(1)];
        for (int i = 0; i < a.length; i++) a[i] = in.get() != 0;
        return a;
      }
      case LIST: {
        int n = in.getLength(1);
        List<Object> l = new ArrayList<>(n);
        for (int i = 0; i < n; i++) l.add(read(in, depth + 1));
        return l;
      }
      case SET, SORTED_SET: {
        int n = in.getLength(1);
        Set<Object> s = tag == SET ? new LinkedHashSet<>() : new TreeSet<>();
        for (int i = 0; i < n; i++) addChecked(s, read(in, depth + 1));
        return s;
      }
      case MAP, SORTED_MAP: {
        int n = in.getLength(2);
        Map<Object, Object> m = tag == MAP ? new LinkedHashMap<>() : new TreeMap<>();
        for (int i = 0; i < n; i++) {
          Object k = read(in, depth + 1);
          try {
            m.put(k, read(in, depth + 1));
          } catch (ClassCastException | NullPointerException e) {
            throw new Bytes.Corrupt("a sorted map holds a key that does not sort: " + e);
          }
        }
        return m;
      }
      case EMPTY: return Optional.empty();
      case PRESENT: return Optional.ofNullable(read(in, depth + 1));
      case ENUM: {
        Registered reg = lookup(in.getString());
        String constant = in.getString();
        if (!reg.type.isEnum()) {
          throw new Bytes.Corrupt(reg.type.getName() + " is registered as a record, and the record names it as an enum");
        }
        for (Object c : reg.type.getEnumConstants()) {
          if (((Enum<?>) c).name().equals(constant)) {
            return c;
          }
        }
        throw new Bytes.Corrupt(reg.type.getName() + " has no constant " + constant);
      }
      case RECORD: {
        Registered reg = lookup(in.getString());
        if (reg.constructor == null) {
          throw new Bytes.Corrupt(reg.type.getName() + " is registered as an enum, and the record names it as a record");
        }
        int n = in.getLength(1);
        if (n != reg.accessors.length) {
          throw new Bytes.Corrupt(reg.type.getName() + " has " + reg.accessors.length + " components, the record " + n);
        }
        Object[] cs = new Object[n];
        for (int i = 0; i < n; i++) cs[i] = read(in, depth + 1);
        try {
          return reg.constructor.newInstance(cs);
        } catch (ReflectiveOperationException | IllegalArgumentException e) {
          throw new Bytes.Corrupt("cannot rebuild a " + reg.type.getName() + ": " + e);
        }
      }
      default: throw new Bytes.Corrupt("unknown tag " + tag + " at " + (in.position() - 1));
    }
  }

  private static int nonEmpty(int n) {
    if (n == 0) {
      throw new Bytes.Corrupt("an empty big number");
    }
    return n;
  }

  private static void addChecked(Set<Object> s, Object e) {
    try {
      s.add(e);
    } catch (ClassCastException | NullPointerException x) {
      throw new Bytes.Corrupt("a sorted set holds an element that does not sort: " + x);
    }
  }

  /** The registered class of that name; never a class loader look-up (see the class comment). */
  private Registered lookup(String name) {
    Registered reg = registered.get(name);
    if (reg == null) {
      throw new Bytes.Corrupt("the record names class " + name + ", which is not registered");
    }
    return reg;
  }
}
