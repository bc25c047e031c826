package dev.sloth.array;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every operation x element type x operand kind against NumPy 2: numpy-operations.txt (generated once by
 * src/test/python/gen_operation_table.py) gives, for each binary, reflected, unary and in-place operation, apply,
 * clip and where, on a DOUBLE, LONG, INT and BOOLEAN array holding edge values (NaN, infinities, signed zeros,
 * 2^53 + 1, 2^63 - 1, Integer.MIN_VALUE), with a Java int, long or double scalar, a dense array or a lazy
 * (function-based) array of each type as the operand: NumPy's result type and values, or that NumPy refused.
 * Each row runs on a dense and on a function-based array, through the named methods ({@code plus}, {@code eq},
 * {@code max}, {@code addInPlace} ...), so each overload is what the row says. Exactly rounded operations must
 * match bit for bit (signed zeros and NaN included); the transcendental functions, which NumPy and the JDK
 * implement differently, within 4 ulps.
 */
class NumpyOperationTableTest {
  /** Operations whose last bits depend on the library (Math vs NumPy's SIMD loops). */
  static final Set<String> APPROXIMATE = Set.of("pow", "atan2", "hypot", "exp", "expm1", "exp2", "log", "log10",
      "log1p", "log2", "sin", "cos", "tan", "asin", "acos", "atan", "sinh", "cosh", "tanh", "cbrt");

  record Row(String line, String kase, String op, ElementType left, String kind, String operand, String result,
      String[] values, String note) {}

  interface WithDouble<T> {
    T apply(T a, double v);
  }

  interface WithLong<T> {
    T apply(T a, long v);
  }

  interface WithInt<T> {
    T apply(T a, int v);
  }

  interface WithArray<T> {
    T apply(T a, LArray v);
  }

  record Named<T>(WithDouble<T> d, WithLong<T> l, WithInt<T> i, WithArray<T> a) {}

  static final Map<String, Named<LArray>> BINARY = new HashMap<>();
  static final Map<String, Named<LArray>> REVERSED = new HashMap<>();
  static final Map<String, Named<MutableLArray>> IN_PLACE = new HashMap<>();

  static {
    BINARY.put("add", new Named<>(LArray::plus, LArray::plus, LArray::plus, LArray::plus));
    BINARY.put("subtract", new Named<>(LArray::minus, LArray::minus, LArray::minus, LArray::minus));
    BINARY.put("multiply", new Named<>(LArray::times, LArray::times, LArray::times, LArray::times));
    BINARY.put("divide", new Named<>(LArray::div, LArray::div, LArray::div, LArray::div));
    BINARY.put("pow", new Named<>(LArray::pow, LArray::pow, LArray::pow, LArray::pow));
    BINARY.put("fmod", new Named<>(LArray::fmod, LArray::fmod, LArray::fmod, LArray::fmod));
    BINARY.put("min", new Named<>(LArray::min, LArray::min, LArray::min, LArray::min));
    BINARY.put("max", new Named<>(LArray::max, LArray::max, LArray::max, LArray::max));
    BINARY.put("atan2", new Named<>(LArray::atan2, LArray::atan2, LArray::atan2, LArray::atan2));
    BINARY.put("hypot", new Named<>(LArray::hypot, LArray::hypot, LArray::hypot, LArray::hypot));
    BINARY.put("floordiv", new Named<>(LArray::floorDiv, LArray::floorDiv, LArray::floorDiv, LArray::floorDiv));
    BINARY.put("mod", new Named<>(LArray::mod, LArray::mod, LArray::mod, LArray::mod));
    BINARY.put("ldexp", new Named<>((a, v) -> a.combine(BinaryOp.LDEXP, v), LArray::ldexp, LArray::ldexp,
        LArray::ldexp));
    BINARY.put("lt", new Named<>(LArray::lt, LArray::lt, LArray::lt, LArray::lt));
    BINARY.put("le", new Named<>(LArray::le, LArray::le, LArray::le, LArray::le));
    BINARY.put("gt", new Named<>(LArray::gt, LArray::gt, LArray::gt, LArray::gt));
    BINARY.put("ge", new Named<>(LArray::ge, LArray::ge, LArray::ge, LArray::ge));
    BINARY.put("eq", new Named<>(LArray::eq, LArray::eq, LArray::eq, LArray::eq));
    BINARY.put("ne", new Named<>(LArray::ne, LArray::ne, LArray::ne, LArray::ne));
    REVERSED.put("subtract", new Named<>(LArray::rminus, LArray::rminus, LArray::rminus, null));
    REVERSED.put("divide", new Named<>(LArray::rdiv, LArray::rdiv, LArray::rdiv, null));
    REVERSED.put("pow", new Named<>(LArray::rpow, LArray::rpow, LArray::rpow, null));
    IN_PLACE.put("add", new Named<>(MutableLArray::addInPlace, MutableLArray::addInPlace,
        MutableLArray::addInPlace, MutableLArray::addInPlace));
    IN_PLACE.put("subtract", new Named<>(MutableLArray::subtractInPlace, MutableLArray::subtractInPlace,
        MutableLArray::subtractInPlace, MutableLArray::subtractInPlace));
    IN_PLACE.put("multiply", new Named<>(MutableLArray::multiplyInPlace, MutableLArray::multiplyInPlace,
        MutableLArray::multiplyInPlace, MutableLArray::multiplyInPlace));
    IN_PLACE.put("divide", new Named<>(MutableLArray::divideInPlace, MutableLArray::divideInPlace,
        MutableLArray::divideInPlace, MutableLArray::divideInPlace));
    IN_PLACE.put("pow", new Named<>(MutableLArray::powInPlace, MutableLArray::powInPlace,
        MutableLArray::powInPlace, MutableLArray::powInPlace));
    IN_PLACE.put("floordiv", new Named<>(MutableLArray::floorDivideInPlace, MutableLArray::floorDivideInPlace,
        MutableLArray::floorDivideInPlace, MutableLArray::floorDivideInPlace));
    IN_PLACE.put("mod", new Named<>(MutableLArray::modInPlace, MutableLArray::modInPlace,
        MutableLArray::modInPlace, MutableLArray::modInPlace));
  }

  static final Map<String, Map<ElementType, String[]>> INPUTS = new HashMap<>();

  static List<Row> rows() throws Exception {
    List<Row> rows = new ArrayList<>();
    try (var in = NumpyOperationTableTest.class.getResourceAsStream("numpy-operations.txt");
        var r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        String[] p = line.split("\\|", -1);
        for (int i = 0; i < p.length; i++) {
          p[i] = p[i].trim();
        }
        if (p[0].equals("input")) {
          INPUTS.computeIfAbsent(p[1], k -> new EnumMap<>(ElementType.class))
              .put(ElementType.valueOf(p[2]), p[3].split(" "));
          continue;
        }
        String[] c = p[0].split(" ");
        rows.add(new Row(line, c[0], c.length > 1 ? c[1] : "", ElementType.valueOf(p[1]), p[2], p[3], p[4],
            p[4].equals("ERROR") ? new String[0] : p[5].isEmpty() ? new String[0] : p[5].split(" "), p[6]));
      }
    }
    return rows;
  }

  @TestFactory
  Stream<DynamicTest> everyOperationOnEveryTypeWithEveryOperandMatchesNumpy() throws Exception {
    List<Row> rows = rows();
    assertThat(rows).hasSizeGreaterThan(2000);
    assertThat(rows.stream().map(Row::kase).distinct())
        .contains("binary", "reversed", "unary", "inplace", "apply", "clip", "where");
    return rows.stream().map(row -> DynamicTest.dynamicTest(row.line.substring(0, Math.min(90, row.line.length())),
        () -> {
          check(row, NumpyOperationTableTest::dense);
          check(row, NumpyOperationTableTest::lazy);
        }));
  }

  private static void check(Row row, Function<String[], Function<ElementType, LArray>> make) {
    LArray left = make.apply(null).apply(row.left);
    if (row.result.equals("ERROR")) {
      assertThatThrownBy(() -> run(row, left, make).evaluate())
          .as(row.line).isInstanceOfAny(IllegalArgumentException.class, ArithmeticException.class);
      return;
    }
    LArray queued = run(row, left, make);
    ElementType expected = ElementType.valueOf(row.result);
    assertThat(queued.elementType()).as("type at queue time: " + row.line).isEqualTo(expected);
    Evaluated e = queued.evaluate();
    assertThat(e.elementType()).as(row.line).isEqualTo(expected);
    assertThat(e.size()).as(row.line).isEqualTo(row.values.length);
    boolean approximate = APPROXIMATE.contains(row.op) || row.kase.equals("unary") && APPROXIMATE.contains(row.op);
    for (int k = 0; k < row.values.length; k++) {
      String v = row.values[k];
      String what = row.line + " @" + k;
      switch (expected) {
        case BOOLEAN -> assertThat(e.getBoolean(k)).as(what).isEqualTo(v.equals("True"));
        case LONG, INT -> assertThat(e.getLong(k)).as(what).isEqualTo(Long.parseLong(v));
        case DOUBLE -> {
          double want = parseDouble(v);
          double got = e.getDouble(k);
          if (approximate && Double.isFinite(want) && want != 0) {
            assertThat(Math.abs(got - want)).as(what + ": got " + got + ", NumPy " + want)
                .isLessThanOrEqualTo(4 * Math.ulp(want));
          } else {
            assertThat(Double.compare(got, want)).as(what + ": got " + got + ", NumPy " + want).isZero();
          }
        }
      }
    }
    // one element alone (the capacity-1 kernel) gives the same
    if (row.values.length > 0) {
      int k = row.values.length - 1;
      assertThat(queued.get(Index.at(k)).toString()).as(row.line).isEqualTo(e.get(Address.at(k)).toString());
    }
  }

  private static LArray run(Row row, LArray left, Function<String[], Function<ElementType, LArray>> make) {
    String kind = row.kind;
    switch (row.kase) {
      case "binary", "reversed" -> {
        Named<LArray> named = (row.kase.equals("binary") ? BINARY : REVERSED).get(row.op);
        BinaryOp op = binaryOp(row.op);
        boolean reversed = row.kase.equals("reversed");
        return switch (kind) {
          case "int" -> named != null ? named.i.apply(left, Integer.parseInt(row.operand))
              : left.combineReversed(op, Integer.parseInt(row.operand));
          case "long" -> named != null ? named.l.apply(left, Long.parseLong(row.operand))
              : left.combineReversed(op, Long.parseLong(row.operand));
          case "double" -> named != null ? named.d.apply(left, parseDouble(row.operand))
              : left.combineReversed(op, parseDouble(row.operand));
          default -> {
            LArray other = operandArray(row, make);
            yield reversed ? left.combineReversed(op, other) : named.a.apply(left, other);
          }
        };
      }
      case "unary" -> {
        UnaryOp op = UnaryOp.valueOf(row.op.toUpperCase(Locale.ROOT));
        return switch (op) {
          case NEGATE -> left.negate();
          case ABS -> left.abs();
          case SQRT -> left.sqrt();
          case LOG2 -> left.log2();
          case EXP2 -> left.exp2();
          case ISNAN -> left.isnan();
          case ISINF -> left.isinf();
          case ISFINITE -> left.isfinite();
          default -> left.map(op);
        };
      }
      case "apply" -> {
        return left.apply(x -> x * 10 + 0.5);
      }
      case "inplace" -> {
        Named<MutableLArray> named = IN_PLACE.get(row.op);
        MutableLArray m = MutableLArray.of(left);
        switch (kind) {
          case "int" -> named.i.apply(m, Integer.parseInt(row.operand));
          case "long" -> named.l.apply(m, Long.parseLong(row.operand));
          case "double" -> named.d.apply(m, parseDouble(row.operand));
          default -> named.a.apply(m, operandArray(row, make));
        }
        assertThat(m.get().elementType()).as("in place keeps the type").isEqualTo(row.left);
        return m.get();
      }
      case "clip" -> {
        String[] b = row.operand.split(",");
        return switch (kind) {
          case "int" -> left.clip(Integer.parseInt(b[0]), Integer.parseInt(b[1]));
          case "long" -> left.clip(Long.parseLong(b[0]), Long.parseLong(b[1]));
          default -> left.clip(parseDouble(b[0]), parseDouble(b[1]));
        };
      }
      case "where" -> {
        LArray condition = make.apply(null).apply(ElementType.BOOLEAN);
        return switch (kind) {
          case "int" -> LArray.where(condition, left, Integer.parseInt(row.operand));
          case "long" -> LArray.where(condition, left, Long.parseLong(row.operand));
          case "double" -> LArray.where(condition, left, parseDouble(row.operand));
          default -> LArray.where(condition, left, operandArray(row, make));
        };
      }
      default -> throw new AssertionError(row.kase);
    }
  }

  private static LArray operandArray(Row row, Function<String[], Function<ElementType, LArray>> make) {
    ElementType t = ElementType.valueOf(row.operand);
    boolean power = (row.op.equals("pow") || row.op.equals("ldexp")) && INPUTS.get("POWER_RIGHT").containsKey(t);
    String[] values = INPUTS.get(power ? "POWER_RIGHT" : "RIGHT").get(t);
    return (row.kind.equals("array") ? dense(values) : lazy(values)).apply(t);
  }

  private static BinaryOp binaryOp(String name) {
    return switch (name) {
      case "add" -> BinaryOp.ADD;
      case "subtract" -> BinaryOp.SUBTRACT;
      case "multiply" -> BinaryOp.MULTIPLY;
      case "divide" -> BinaryOp.DIVIDE;
      case "floordiv" -> BinaryOp.FLOOR_DIVIDE;
      case "mod" -> BinaryOp.REMAINDER;
      default -> BinaryOp.valueOf(name.toUpperCase(Locale.ROOT));
    };
  }

  /** Dense arrays of the given values (null: the LEFT input of the type). */
  static Function<ElementType, LArray> dense(String[] values) {
    return t -> {
      String[] v = values != null ? values : INPUTS.get("LEFT").get(t);
      return switch (t) {
        case DOUBLE -> LArray.of(Arrays.stream(v).mapToDouble(NumpyOperationTableTest::parseDouble).toArray());
        case LONG -> LArray.of(Arrays.stream(v).mapToLong(Long::parseLong).toArray());
        case INT -> LArray.of(Arrays.stream(v).mapToInt(Integer::parseInt).toArray());
        case BOOLEAN -> {
          boolean[] b = new boolean[v.length];
          for (int i = 0; i < v.length; i++) {
            b[i] = v[i].equals("True");
          }
          yield LArray.of(b);
        }
      };
    };
  }

  /** Function-based arrays of the same values. */
  static Function<ElementType, LArray> lazy(String[] values) {
    return t -> {
      String[] v = values != null ? values : INPUTS.get("LEFT").get(t);
      Evaluated e = dense(v).apply(t).evaluate();
      return switch (t) {
        case DOUBLE -> LArray.fromFunction(v.length, e::getDouble);
        case LONG -> LArray.fromLongFunction(v.length, e::getLong);
        case INT -> LArray.fromIntFunction(v.length, i -> (int) e.getLong(i));
        case BOOLEAN -> LArray.fromPredicate(v.length, e::getBoolean);
      };
    };
  }

  static double parseDouble(String s) {
    return switch (s) {
      case "nan" -> Double.NaN;
      case "inf" -> Double.POSITIVE_INFINITY;
      case "-inf" -> Double.NEGATIVE_INFINITY;
      default -> Double.parseDouble(s);
    };
  }
}
