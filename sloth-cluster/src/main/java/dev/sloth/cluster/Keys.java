package dev.sloth.cluster;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The key of a remote result, computed like the persistent cache's: a hash (the first 128 bits of SHA-256) of the
 * function's name, its code version and a canonical fingerprint of each argument. A reference argument contributes
 * its own key, so equal graphs built by two drivers have equal keys, and a restarted driver finds the results the
 * cluster still holds.
 *
 * <p>The fingerprint is structural: numbers by value (one NaN), strings by their characters, lists and arrays in
 * order, sets and maps in sorted order of their elements' fingerprints, records by component, enums by name;
 * any other {@link Serializable} value by its Java serialization. Anything else cannot be sent to a member and is
 * an error naming the argument.
 */
final class Keys {
  private static final ThreadLocal<MessageDigest> DIGEST = ThreadLocal.withInitial(CodeVersion.ClassBytes::sha256);

  private Keys() {}

  /** Computes the key of {@code fn} applied to {@code args} into a new reference. */
  static Ref refOf(RemoteFn<?> fn, Object[] args) {
    MessageDigest md = DIGEST.get();
    md.reset();
    string(md, fn.name());
    string(md, fn.codeVersion());
    for (int i = 0; i < args.length; i++) {
      try {
        feed(md, args[i]);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("argument " + i + " of '" + fn.name() + "': " + e.getMessage(), e);
      }
    }
    byte[] h = md.digest();
    return new Ref(longAt(h, 0), longAt(h, 8), fn, args);
  }

  private static long longAt(byte[] b, int at) {
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (b[at + i] & 0xff);
    }
    return v;
  }

  private static void tag(MessageDigest md, int tag) {
    md.update((byte) tag);
  }

  private static void longValue(MessageDigest md, long v) {
    for (int i = 56; i >= 0; i -= 8) {
      md.update((byte) (v >>> i));
    }
  }

  private static void string(MessageDigest md, String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    longValue(md, b.length);
    md.update(b);
  }

  private static void feed(MessageDigest md, Object v) {
    switch (v) {
      case null -> tag(md, 0);
      case Ref r -> { tag(md, 1); longValue(md, r.k1); longValue(md, r.k2); }
      case String s -> { tag(md, 2); string(md, s); }
      case Integer i -> { tag(md, 3); longValue(md, i); }
      case Long l -> { tag(md, 4); longValue(md, l); }
      case Short s -> { tag(md, 5); longValue(md, s); }
      case Byte b -> { tag(md, 6); longValue(md, b); }
      case Character c -> { tag(md, 7); longValue(md, c); }
      case Boolean b -> { tag(md, 8); longValue(md, b ? 1 : 0); }
      case Double d -> { tag(md, 9); longValue(md, Double.doubleToLongBits(d)); } // one NaN
      case Float f -> { tag(md, 10); longValue(md, Float.floatToIntBits(f)); }
      case BigInteger b -> { tag(md, 11); string(md, b.toString()); }
      case BigDecimal b -> { tag(md, 12); string(md, b.toString()); }
      case Enum<?> e -> { tag(md, 13); string(md, e.getDeclaringClass().getName()); string(md, e.name()); }
      case byte[] a -> { tag(md, 14); longValue(md, a.length); md.update(a); }
      case int[] a -> { tag(md, 15); longValue(md, a.length); for (int x : a) longValue(md, x); }
      case long[] a -> { tag(md, 16); longValue(md, a.length); for (long x : a) longValue(md, x); }
      case double[] a -> { tag(md, 17); longValue(md, a.length); for (double x : a) longValue(md, Double.doubleToLongBits(x)); }
      case Object[] a -> { tag(md, 18); sequence(md, Arrays.asList(a)); }
      case List<?> l -> { tag(md, 19); sequence(md, l); }
      case Set<?> s -> { tag(md, 20); sorted(md, s); }
      case Map<?, ?> m -> {
        tag(md, 21);
        List<String> entries = new ArrayList<>(m.size());
        m.forEach((k, x) -> entries.add(fingerprint(k) + fingerprint(x)));
        sortedStrings(md, entries);
      }
      case Optional<?> o -> { tag(md, 22); feed(md, o.orElse(null)); }
      case Record r -> {
        tag(md, 23);
        string(md, r.getClass().getName());
        for (RecordComponent c : r.getClass().getRecordComponents()) {
          try {
            c.getAccessor().setAccessible(true);
            feed(md, c.getAccessor().invoke(r));
          } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalArgumentException("cannot read component " + c.getName() + " of " + r.getClass().getName(), e);
          }
        }
      }
      case Serializable s -> { tag(md, 24); string(md, s.getClass().getName()); md.update(javaSerialized(s)); }
      default -> throw new IllegalArgumentException(
          "a " + v.getClass().getName() + " cannot be sent to a member: it is not Serializable");
    }
  }

  private static void sequence(MessageDigest md, Collection<?> c) {
    longValue(md, c.size());
    for (Object x : c) {
      feed(md, x);
    }
  }

  private static void sorted(MessageDigest md, Collection<?> c) {
    List<String> prints = new ArrayList<>(c.size());
    for (Object x : c) {
      prints.add(fingerprint(x));
    }
    sortedStrings(md, prints);
  }

  private static void sortedStrings(MessageDigest md, List<String> prints) {
    prints.sort(null);
    longValue(md, prints.size());
    for (String p : prints) {
      string(md, p);
    }
  }

  /** A value's fingerprint on its own, as hex (used to sort the elements of sets and maps). */
  static String fingerprint(Object v) {
    MessageDigest md = CodeVersion.ClassBytes.sha256();
    feed(md, v);
    return java.util.HexFormat.of().formatHex(md.digest());
  }

  private static byte[] javaSerialized(Serializable s) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(s);
    } catch (IOException e) {
      throw new IllegalArgumentException("a " + s.getClass().getName() + " failed to serialize: " + e, e);
    }
    return bytes.toByteArray();
  }
}
