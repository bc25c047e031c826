package dev.sloth.cache;

import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * The version of a function's code, as the persistent cache computes it: a hash of the normalized bytecode of every
 * application method the function can reach (its own body, the helpers it calls, overrides a virtual call may
 * reach, lambdas it creates), of the identity of each library jar it reaches, and of the JDK's feature version. An
 * edit in any of those methods changes it; comments, line numbers and renamed locals do not. The analysis, and what
 * it cannot see (reflection, {@code ServiceLoader}s), is described in {@code docs/cache.md}.
 *
 * <pre>{@code
 * Function1<Integer, Integer> f = x -> Helpers.twice(x) + 1;
 * String v = FunctionCode.version(f);   // 32 hex digits; changes when Helpers.twice's bytecode changes
 * }</pre>
 *
 * <p>Captured values are not part of it (hash them as you hash arguments): the version says which code runs, so a
 * caller that keys results by it decides how to fingerprint what the code was given. Thread-safe; every class is
 * parsed, and every method hashed, once per JVM.
 */
public final class FunctionCode {
  private static final CodeVersions VERSIONS = new CodeVersions(new Values(List.of()));

  private FunctionCode() {}

  /**
   * The code version of {@code function}.
   *
   * @param function a lambda or method reference of a {@code Serializable} functional interface (all of Sloth's
   *     function types are), or an object whose class's methods are its code
   * @return 32 lowercase hex digits (128 bits), equal on every JVM that runs the same code
   * @throws IllegalArgumentException if its code cannot be found (a lambda of a non-serializable interface), naming
   *     the function
   */
  public static String version(Object function) {
    Objects.requireNonNull(function, "the function is null");
    try {
      return HexFormat.of().formatHex(VERSIONS.of(function, PersistRule.defaults(), false).hash());
    } catch (CodeVersions.Unanalysable e) {
      throw new IllegalArgumentException("the code of " + function + " cannot be analysed: " + e.getMessage(), e);
    }
  }
}
