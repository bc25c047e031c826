package dev.sloth.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * How the version of a function's code is computed. Every member and the driver compute it for each registered
 * function; a member refuses a node whose function's version differs from its own, so that code which changed
 * never produces a result under an old name.
 *
 * <pre>{@code
 * ClusterFunctions fns = ClusterFunctions.create(CodeVersion.declaringClassBytes());  // the default
 * ClusterFunctions pinned = ClusterFunctions.create((name, f) -> "3");               // versions you declare
 * }</pre>
 *
 * <p>The default, {@link #declaringClassBytes()}, hashes the bytes of the class that defines the function (for a
 * lambda or a method reference, the class whose code contains it), with the function's name. It is coarse: an
 * edit anywhere in that class changes the version of every function it defines, and an edit in a helper class it
 * calls goes unseen. The persistent cache's bytecode analysis (a hash of every method the function can reach) is
 * the precise replacement, behind this same interface.
 */
@FunctionalInterface
public interface CodeVersion {
  /** The version of {@code function}, registered under {@code name}: equal exactly when the code is the same. */
  String of(String name, Object function);

  /** The default: a hash of the function's defining class file and its name; see the class comment. */
  static CodeVersion declaringClassBytes() {
    return ClassBytes.INSTANCE;
  }

  /** Hashes class files; package-private machinery of {@link #declaringClassBytes()}. */
  final class ClassBytes implements CodeVersion {
    static final ClassBytes INSTANCE = new ClassBytes();

    private ClassBytes() {}

    @Override
    public String of(String name, Object function) {
      Class<?> c = function.getClass();
      String className = c.getName();
      int lambda = className.indexOf("$$Lambda");
      if (lambda >= 0) {
        className = className.substring(0, lambda); // the class whose code holds the lambda or method reference
      }
      MessageDigest md = sha256();
      md.update(name.getBytes(StandardCharsets.UTF_8));
      md.update((byte) 0);
      md.update(className.getBytes(StandardCharsets.UTF_8));
      md.update((byte) 0);
      ClassLoader loader = c.getClassLoader() != null ? c.getClassLoader() : ClassLoader.getSystemClassLoader();
      try (InputStream in = loader.getResourceAsStream(className.replace('.', '/') + ".class")) {
        if (in != null) {
          md.update(in.readAllBytes());
        }
      } catch (IOException e) {
        throw new IllegalStateException("cannot read the class file of " + className + " for function '" + name + "'", e);
      }
      return HexFormat.of().formatHex(md.digest(), 0, 8);
    }

    static MessageDigest sha256() {
      try {
        return MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new AssertionError("every JDK has SHA-256", e);
      }
    }
  }
}
