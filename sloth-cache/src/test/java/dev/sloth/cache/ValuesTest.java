package dev.sloth.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class ValuesTest {
  record Point(int x, int y) {}

  record Line(Point from, Point to, String label) {}

  enum Color { RED, GREEN }

  record Unregistered(int x) {}

  private final Values values = new Values(List.of(Point.class, Line.class, Color.class));

  private Object roundTrip(Object v) {
    Bytes b = new Bytes(16);
    values.encode(v, b);
    Bytes.Reader in = new Bytes.Reader(b.array(), 0, b.size());
    Object back = values.decode(in);
    assertThat(in.atEnd()).isTrue();
    return back;
  }

  @Test
  void everyKindComesBackEqual() {
    List<Object> samples = Arrays.asList(null, true, false, (byte) -3, (short) 300, 'x', 42, -7L, 1.5f, -0.0,
        Double.NaN, "héllo", new BigInteger("-123456789012345678901234567890"), new BigDecimal("3.14159"),
        UUID.randomUUID(), List.of(1, 2), new ArrayList<>(Arrays.asList("a", null)), Set.of(3), new TreeSet<>(List.of(2, 1)),
        Map.of("k", 1), new TreeMap<>(Map.of("b", 2, "a", 1)), Optional.empty(), Optional.of("x"),
        Color.GREEN, new Point(1, 2), new Line(new Point(0, 0), new Point(3, 4), "diag"));
    for (Object v : samples) {
      assertThat(roundTrip(v)).as("round trip of %s", v).isEqualTo(v);
    }
    assertThat(roundTrip(new TreeMap<>(Map.of("b", 2, "a", 1)))).isInstanceOf(TreeMap.class);
    Object[] arrays = {new byte[] {1, -1}, new short[] {-2}, new char[] {'q'}, new int[] {1, -5, Integer.MAX_VALUE},
        new long[] {Long.MIN_VALUE}, new float[] {Float.NaN, 2f}, new double[] {-0.0, 1e300}, new boolean[] {true}};
    for (Object a : arrays) {
      assertThat(Arrays.deepEquals(new Object[] {roundTrip(a)}, new Object[] {a})).as("array %s", a).isTrue();
    }
  }

  @Test
  void aClassThatIsNotRegisteredIsAClearErrorNamingItAndWhere() {
    assertThatThrownBy(() -> values.encode(List.of(1, new Unregistered(2)), new Bytes(8)))
        .isInstanceOf(UnsupportedValueException.class)
        .hasMessageContaining(Unregistered.class.getName())
        .hasMessageContaining("register(Unregistered.class)");
    assertThatThrownBy(() -> values.encode(TimeUnit.SECONDS, new Bytes(8)))
        .hasMessageContaining("java.util.concurrent.TimeUnit, which is not registered");
    assertThatThrownBy(() -> values.encode(new Object[] {1}, new Bytes(8)))
        .hasMessageContaining("[Ljava.lang.Object;").hasMessageContaining("cannot store");
    assertThatThrownBy(() -> new Values(List.of(String.class))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("only records and enums can be registered");
  }

  @Test
  void aRecordNamingAClassThatIsNotRegisteredIsCorruptNotLoaded() {
    Values writer = new Values(List.of(Unregistered.class));
    Bytes b = new Bytes(16);
    writer.encode(new Unregistered(5), b);
    assertThatThrownBy(() -> values.decode(new Bytes.Reader(b.array(), 0, b.size())))
        .isInstanceOf(Bytes.Corrupt.class).hasMessageContaining("not registered");
  }

  @Test
  void hostileLengthsAndNestingAreCorruptNotOutOfMemoryOrStackOverflow() {
    Bytes huge = new Bytes(16).put(30).putVar(Integer.MAX_VALUE); // a list claiming 2^31 elements
    assertThatThrownBy(() -> values.decode(new Bytes.Reader(huge.array(), 0, huge.size())))
        .isInstanceOf(Bytes.Corrupt.class).hasMessageContaining("exceeds the record");
    Bytes deep = new Bytes(16);
    for (int i = 0; i < 100_000; i++) {
      deep.put(36); // Optional.of(Optional.of(...
    }
    assertThatThrownBy(() -> values.decode(new Bytes.Reader(deep.array(), 0, deep.size())))
        .isInstanceOf(Bytes.Corrupt.class).hasMessageContaining("nested");
    Bytes unknown = new Bytes(4).put(99);
    assertThatThrownBy(() -> values.decode(new Bytes.Reader(unknown.array(), 0, unknown.size())))
        .isInstanceOf(Bytes.Corrupt.class).hasMessageContaining("unknown tag 99");
  }

  @Test
  void fingerprintsAreStructuralAndCanonical() {
    Map<String, Integer> hash = new HashMap<>();
    Map<String, Integer> linked = new LinkedHashMap<>();
    for (int i = 0; i < 50; i++) {
      hash.put("k" + i, i);
    }
    for (int i = 49; i >= 0; i--) {
      linked.put("k" + i, i);
    }
    assertThat(fp(hash)).isEqualTo(fp(linked)).isEqualTo(fp(new TreeMap<>(hash)));
    assertThat(fp(new HashSet<>(List.of(3, 1, 2)))).isEqualTo(fp(new TreeSet<>(List.of(1, 2, 3))));
    assertThat(fp(Double.longBitsToDouble(0x7ff8000000000123L))).isEqualTo(fp(Double.NaN));
    assertThat(fp(new Unregistered(1))).isEqualTo(fp(new Unregistered(1))).isNotEqualTo(fp(new Unregistered(2)));
    assertThat(fp(List.of(1, 2))).isNotEqualTo(fp(List.of(2, 1)));
    assertThat(fp(1)).isNotEqualTo(fp(1L)).isNotEqualTo(fp("1"));
    assertThat(fp(List.of(List.of(1), 2))).isNotEqualTo(fp(List.of(1, List.of(2))));
    assertThat(fp(0.0)).isNotEqualTo(fp(-0.0)); // as Double.equals tells them apart
  }

  private byte[] fp(Object v) {
    return values.fingerprint(v, "test");
  }

  @Property(tries = 200)
  void equalValuesFingerprintAlikeAndRoundTrip(@ForAll("nested") Object v) {
    assertThat(roundTrip(v)).isEqualTo(v);
    assertThat(fp(roundTrip(v))).isEqualTo(fp(v));
    assertThat(fp(shuffled(v))).isEqualTo(fp(v));
  }

  /** The same value with every map and set rebuilt in another iteration order. */
  private static Object shuffled(Object v) {
    if (v instanceof Map<?, ?> m) {
      List<Map.Entry<?, ?>> es = new ArrayList<>(m.entrySet());
      Collections.reverse(es);
      Map<Object, Object> out = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : es) {
        out.put(e.getKey(), shuffled(e.getValue()));
      }
      return out;
    }
    if (v instanceof List<?> l) {
      return l.stream().map(ValuesTest::shuffled).toList();
    }
    return v;
  }

  @Provide
  Arbitrary<Object> nested() {
    Arbitrary<Object> leaf = Arbitraries.oneOf(Arbitraries.integers().map(i -> (Object) i),
        Arbitraries.strings().ofMaxLength(8).map(s -> (Object) s), Arbitraries.doubles().map(d -> (Object) d));
    return Arbitraries.recursive(() -> leaf, inner -> Arbitraries.oneOf(
        inner.list().ofMaxSize(4).map(l -> (Object) l),
        Arbitraries.maps(Arbitraries.strings().ofMaxLength(4), inner).ofMaxSize(4).map(m -> (Object) new HashMap<>(m))),
        3);
  }
}
