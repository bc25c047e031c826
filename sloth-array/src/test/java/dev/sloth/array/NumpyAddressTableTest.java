package dev.sloth.array;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every address form against NumPy: numpy-addresses.txt (generated once by src/test/python/gen_address_table.py
 * with NumPy 2.4.6) lists, for arange arrays of rank 1 to 3, an address (ellipsis, newaxis and integer arrays of
 * two axes included), NumPy's result shape and the flat offsets it selects, or that NumPy raised. Each row is
 * checked on three lazy arrays: a dense base, a function base (counting calls: exactly one per addressed element)
 * and a queue with array operands (which must be addressed the same way).
 */
class NumpyAddressTableTest {

  record Row(int[] shape, String address, int[] resultShape, long[] values, String error) {}

  static List<Row> rows() throws Exception {
    List<Row> rows = new ArrayList<>();
    try (var in = NumpyAddressTableTest.class.getResourceAsStream("numpy-addresses.txt");
        var r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        String[] p = line.split("\\|", -1);
        int[] shape = ints(p[0], ",");
        String result = p[2].trim();
        if (result.equals("ERROR")) {
          rows.add(new Row(shape, p[1].trim(), null, null, p[3].trim()));
        } else {
          long[] values = Arrays.stream(p[3].trim().split(" ")).filter(s -> !s.isEmpty())
              .mapToLong(Long::parseLong).toArray();
          rows.add(new Row(shape, p[1].trim(), ints(result, ","), values, null));
        }
      }
    }
    return rows;
  }

  private static int[] ints(String s, String sep) {
    return Arrays.stream(s.trim().split(sep)).filter(x -> !x.isBlank()).mapToInt(x -> Integer.parseInt(x.trim()))
        .toArray();
  }

  @TestFactory
  Stream<DynamicTest> everyAddressFormMatchesNumpy() throws Exception {
    List<Row> rows = rows();
    assertThat(rows).hasSizeGreaterThan(1000);
    return rows.stream().map(row -> DynamicTest.dynamicTest(
        Shape.of(row.shape) + "[" + row.address + "]", () -> check(row)));
  }

  private static void check(Row row) {
    Shape shape = Shape.of(row.shape);
    long[] arange = new long[(int) shape.size()];
    Arrays.setAll(arange, i -> i);
    long[] strides = shape.strides();
    AtomicLong calls = new AtomicLong();
    LArray dense = LArray.of(arange, shape);
    LArray function = LArray.fromFunction(shape, ix -> {
      calls.incrementAndGet();
      long f = 0;
      for (int a = 0; a < ix.length; a++) {
        f += ix[a] * strides[a];
      }
      return f;
    });
    // 3f - 2*dense + dense = 2x, with dense operands that must be addressed like the base
    LArray queued = function.times(3).minus(dense.times(2)).plus(dense);
    Address address = Address.parse(row.address);
    if (row.error != null) {
      assertThatThrownBy(() -> dense.get(address))
          .isInstanceOfAny(IndexOutOfBoundsException.class, IllegalArgumentException.class)
          .hasMessageFindingMatch("axis|indices|shape mismatch|single ellipsis");
      assertThatThrownBy(() -> function.get(address))
          .isInstanceOfAny(IndexOutOfBoundsException.class, IllegalArgumentException.class);
      assertThat(calls.get()).as("f calls for a bad address").isZero();
      return;
    }
    Evaluated d = dense.get(address);
    assertThat(d.shape()).isEqualTo(Shape.of(row.resultShape));
    assertThat(d.toLongArray()).containsExactly(row.values);

    Evaluated f = function.get(address);
    assertThat(f.shape()).isEqualTo(Shape.of(row.resultShape));
    assertThat(f.toDoubleArray()).containsExactly(Arrays.stream(row.values).asDoubleStream().toArray());
    assertThat(calls.get()).as("f is called once per addressed element").isEqualTo(row.values.length);

    Evaluated q = queued.get(address);
    assertThat(q.shape()).isEqualTo(Shape.of(row.resultShape));
    assertThat(q.toDoubleArray()).containsExactly(Arrays.stream(row.values).mapToDouble(v -> 2.0 * v).toArray());
  }
}
