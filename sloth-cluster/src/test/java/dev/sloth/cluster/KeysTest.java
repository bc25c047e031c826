package dev.sloth.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KeysTest {
  static final ClusterFunctions TABLE = ClusterFunctions.create();
  static final RemoteFn<Object> ID = TABLE.fnN("Id", (List<Object> xs) -> xs);
  static final RemoteFn<Object> OTHER = TABLE.fnN("Other", (List<Object> xs) -> xs);

  record Point(int x, String y) {}

  enum Color { RED, GREEN }

  static Ref key(RemoteFn<?> fn, Object... args) {
    return Keys.refOf(fn, args);
  }

  @Test
  void equalArgumentsGiveEqualKeysWhateverTheirOrderInSetsAndMaps() {
    Map<String, Integer> a = new LinkedHashMap<>();
    a.put("x", 1);
    a.put("y", 2);
    Map<String, Integer> b = new HashMap<>();
    b.put("y", 2);
    b.put("x", 1);
    Set<Integer> s1 = new LinkedHashSet<>(List.of(3, 1, 2));
    Set<Integer> s2 = new LinkedHashSet<>(List.of(2, 3, 1));
    assertThat(key(ID, a, s1)).isEqualTo(key(ID, b, s2));
    assertThat(key(ID, new Point(1, "a"), Color.RED, Optional.of(5L), new int[] {1, 2}))
        .isEqualTo(key(ID, new Point(1, "a"), Color.RED, Optional.of(5L), new int[] {1, 2}));
    assertThat(key(ID, Double.NaN)).isEqualTo(key(ID, Double.longBitsToDouble(0x7ff8000000000001L)));
  }

  @Test
  void anyDifferenceChangesTheKey() {
    Ref base = key(ID, 1, "a", List.of(1, 2));
    assertThat(key(ID, 1L, "a", List.of(1, 2))).isNotEqualTo(base);   // Integer vs Long
    assertThat(key(ID, 1, "a", List.of(2, 1))).isNotEqualTo(base);    // list order matters
    assertThat(key(ID, 1, "b", List.of(1, 2))).isNotEqualTo(base);
    assertThat(key(OTHER, 1, "a", List.of(1, 2))).isNotEqualTo(base); // the function's name
    assertThat(key(ID, new Point(1, "a"))).isNotEqualTo(key(ID, new Point(2, "a")));
    assertThat(key(ID, Color.RED)).isNotEqualTo(key(ID, Color.GREEN));
    Ref upstream = key(ID, 7);
    assertThat(key(ID, upstream)).isEqualTo(key(ID, key(ID, 7))).isNotEqualTo(key(ID, key(ID, 8)));
  }

  @Test
  void anArgumentThatCannotBeSentIsAnErrorNamingItAndTheFunction() {
    assertThatThrownBy(() -> key(ID, 1, new Object()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("argument 1 of 'Id'")
        .hasMessageContaining("java.lang.Object")
        .hasMessageContaining("not Serializable");
  }

  @Test
  void codeVersionsDifferWithTheCodeAndAreStable() {
    ClusterFunctions again = ClusterFunctions.create();
    RemoteFn<Object> id2 = again.fnN("Id", (List<Object> xs) -> xs);
    assertThat(id2.codeVersion()).isNotBlank();
    // The same code in another lambda method: the same version (javac's lambda numbering is not part of it);
    // other code under the same name: another; the same table built twice: the same versions.
    assertThat(id2.codeVersion()).isEqualTo(ID.codeVersion());
    RemoteFn<Object> first = ClusterFunctions.create().fnN("Id", (List<Object> xs) -> xs.get(0));
    assertThat(first.codeVersion()).isNotEqualTo(ID.codeVersion());
    assertThat(rebuilt().codeVersion()).isEqualTo(rebuilt().codeVersion());
    int k = 3;
    ClusterFunctions captured = ClusterFunctions.create();
    RemoteFn<Integer> plusK = captured.fn1("PlusK", (Integer x) -> x + k);
    ClusterFunctions captured4 = ClusterFunctions.create();
    int k4 = 4;
    RemoteFn<Integer> plusK4 = captured4.fn1("PlusK", (Integer x) -> x + k4);
    assertThat(plusK.codeVersion()).isNotEqualTo(plusK4.codeVersion()); // captured values are part of it
  }

  private static RemoteFn<Integer> rebuilt() {
    return ClusterFunctions.create().fn1("Twice", (Integer x) -> 2 * x);
  }

  @Test
  void aTableRejectsAUsedNameAndCallsCheckTheirArguments() {
    assertThatThrownBy(() -> TABLE.fn1("Id", (Integer x) -> x))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'Id' is already registered");
    RemoteFn<Integer> one = ClusterFunctions.create().fn1("One", (Integer x) -> x);
    assertThatThrownBy(() -> one.checkArity(new Object[] {1, 2}))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("function 'One' takes 1 argument, got 2");
  }
}
