package dev.sloth.cluster;

import dev.sloth.graph.FunctionIdentity;
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
 * ClusterFunctions fns = ClusterFunctions.create();                                    // reachableBytecode()
 * ClusterFunctions coarse = ClusterFunctions.create(CodeVersion.implementationClassBytes());
 * ClusterFunctions pinned = ClusterFunctions.create((name, f) -> "3");               // versions you declare
 * }</pre>
 *
 * <p>The default, {@link #reachableBytecode()}, is the persistent cache's analysis ({@link
 * dev.sloth.cache.FunctionCode#version}): a hash of the normalized bytecode of every application method the function
 * can reach, so an edit in a helper method in another class is seen, and comments or renamed locals change nothing.
 * {@link #implementationClassBytes()} is the coarse hash of the one class file holding the lambda's body: an edit
 * anywhere in that class changes the versions of all the functions it implements, and an edit in another class
 * the method calls goes unseen. Both also hash the function's name and the values it captured.
 */
@FunctionalInterface
public interface CodeVersion {
  /**
   * The version of {@code function}, registered under {@code name}: equal exactly when the code is the same.
   *
   * @param name the name the function is registered under
   * @param function the function object given to {@link ClusterFunctions}
   * @return a version string; equal strings mean members may reuse each other's results
   */
  String of(String name, Object function);

  /**
   * The default: a hash of the name, the bytecode the function can reach (the persistent cache's analysis) and the
   * captured values; see the class comment.
   *
   * @return the shared, stateless default
   */
  static CodeVersion reachableBytecode() {
    return Reachable.INSTANCE;
  }

  /**
   * The coarse strategy: a hash of the name, the implementing class file, method and captured values; see the
   * class comment.
   *
   * @return the shared, stateless strategy
   */
  static CodeVersion implementationClassBytes() {
    return ClassBytes.INSTANCE;
  }

  /** The persistent cache's analysis; package-private machinery of {@link #reachableBytecode()}. */
  final class Reachable implements CodeVersion {
    static final Reachable INSTANCE = new Reachable();

    private Reachable() {}

    @Override
    public String of(String name, Object function) {
      String code;
      try {
        code = dev.sloth.cache.FunctionCode.version(function);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("function '" + name + "': " + e.getMessage(), e);
      }
      MessageDigest md = ClassBytes.sha256();
      md.update(name.getBytes(StandardCharsets.UTF_8));
      md.update((byte) 0);
      md.update(code.getBytes(StandardCharsets.UTF_8));
      for (Object captured : FunctionIdentity.of(name, function).capturedValues()) {
        md.update((byte) 0);
        md.update(ClassBytes.captured(captured).getBytes(StandardCharsets.UTF_8));
      }
      return HexFormat.of().formatHex(md.digest(), 0, 8);
    }
  }

  /** Hashes class files; package-private machinery of {@link #implementationClassBytes()}. */
  final class ClassBytes implements CodeVersion {
    static final ClassBytes INSTANCE = new ClassBytes();

    private ClassBytes() {}

    @Override
    public String of(String name, Object function) {
      FunctionIdentity id = FunctionIdentity.of(name, function);
      String className = id.implementationClass();
      MessageDigest md = sha256();
      for (String part : new String[] {name, className, id.methodName(), id.methodDescriptor()}) {
        md.update(part.getBytes(StandardCharsets.UTF_8));
        md.update((byte) 0);
      }
      for (Object captured : id.capturedValues()) {
        md.update(captured(captured).getBytes(StandardCharsets.UTF_8));
      }
      ClassLoader loader = function.getClass().getClassLoader() != null
          ? function.getClass().getClassLoader() : ClassLoader.getSystemClassLoader();
      try (InputStream in = loader.getResourceAsStream(className.replace('.', '/') + ".class")) {
        if (in != null) {
          md.update(in.readAllBytes());
        }
      } catch (IOException e) {
        throw new IllegalStateException("cannot read the class file of " + className + " for function '" + name + "'", e);
      }
      return HexFormat.of().formatHex(md.digest(), 0, 8);
    }

    /** A captured value's fingerprint, or for one that has none (a non-serializable object) its class. */
    static String captured(Object v) {
      try {
        return Keys.fingerprint(v);
      } catch (IllegalArgumentException notSerializable) {
        String c = v.getClass().getName();
        int lambda = c.indexOf("$$Lambda");
        return "class " + (lambda >= 0 ? c.substring(0, lambda) : c);
      }
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
