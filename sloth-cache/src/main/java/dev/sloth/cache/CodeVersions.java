package dev.sloth.cache;

import java.io.IOException;
import java.io.InputStream;
import dev.sloth.graph.FunctionIdentity;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.IincInsnNode;
import org.objectweb.asm.tree.IntInsnNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.LookupSwitchInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.MultiANewArrayInsnNode;
import org.objectweb.asm.tree.TableSwitchInsnNode;
import org.objectweb.asm.tree.TryCatchBlockNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * The code version of a function: a hash of the normalized bytecode of every method it can reach in the
 * application's own classes, of the identity of each library jar it reaches, and of the values it captured.
 *
 * <p><b>Roots.</b> A lambda or method reference (every Sloth function type is {@code Serializable}) yields its
 * {@code SerializedLambda}, read by core's {@link FunctionIdentity} through serialization (so a lambda in a closed
 * module needs no opening): the implementation class, method and descriptor, and the captured values. Any other
 * function object's roots are all the methods of its class, and its fields are its captured values. {@link
 * PersistRule#codeIncludes} adds all methods of more classes.
 *
 * <p><b>Reach.</b> A worklist over methods. Each instruction that can run code adds its target: static and special
 * calls resolve up the superclass chain (an inherited method is the one that runs); virtual and interface calls add
 * the resolved method and, by class-hierarchy analysis, every override in an application subtype of the receiver's
 * class; {@code invokedynamic} adds the implementation of each method handle it is given (lambdas and method
 * references); {@code new C} adds every method of C and its application superclasses (a library may call any of
 * them back, say a comparator's {@code compare}); a static field access adds the owner's static initializer.
 * Subtypes come from an index of each application class directory, built once per directory from class headers.
 *
 * <p><b>Where code lives.</b> A class's {@code .class} resource tells: {@code jrt:} is the JDK (its feature
 * version is part of every key, so nothing more is needed); a directory, and the jar that holds the function's own
 * class (an application run from its jar, or a fat jar), are application code and are analysed; any other jar is a
 * library, identified by its Maven coordinates when it carries a release {@code pom.properties}, by the SHA-256 of
 * its bytes otherwise, and is not entered; Sloth's own classes count as one library, "sloth".
 *
 * <p><b>Normalization.</b> A method's hash covers its access flags, descriptor and instructions with their operands
 * (constants, types, field and method references, switch keys, jump targets as label ordinals, try/catch ranges),
 * and excludes line numbers, frames, local variable names and the names of synthetic lambda methods (which javac
 * numbers by position, so inserting an unrelated lambda above would rename them). Comments and renamed locals
 * therefore change nothing; any change to what the code does changes the hash of the method that holds it.
 *
 * <p><b>What it cannot see</b>: code reached by reflection ({@code Class.forName(...).getMethod(...)}), by a
 * {@code ServiceLoader}, or from a class loaded by another loader; declare those with {@link PersistRule#codeIncludes}
 * or {@link PersistRule#version}. Every result is computed once per JVM: per class file (parsed), per method (hashed),
 * per implementation method (reach), per function object (captured values).
 */
final class CodeVersions {
  private static final HexFormat HEX = HexFormat.of();
  private static final String LAMBDA_PREFIX = "lambda$";

  /**
   * A function's code version: its hash, the parts it hashes by name (for {@code explain}), and the values it
   * captured (a computed body's captured nodes are how its persisted reads are found again).
   */
  record Version(byte[] hash, SortedMap<String, String> parts, List<Object> captured) {}

  /** Thrown when a function's code cannot be analysed: the function is then not persisted. */
  static final class Unanalysable extends Exception {
    Unanalysable(String message) {
      super(message, null, false, false);
    }
  }

  private enum Kind { APP, LIBRARY, JDK }

  /** A class: what kind of code it is, and for application code its parsed form and its methods' bodies. */
  private record ClassInfo(Kind kind, String library, ClassNode node, Path root, Map<String, Body> bodies) {
    ClassInfo(Kind kind, String library, ClassNode node, Path root) {
      this(kind, library, node, root, node == null ? Map.of() : new ConcurrentHashMap<>());
    }
  }

  private record MethodRef(String owner, String name, String desc) {
    String id() {
      return owner.replace('/', '.') + "." + name + desc;
    }
  }

  private record Body(String hash, List<MethodRef> exact, List<MethodRef> virtual, List<String> instantiated,
      List<String> statics, List<String> instanceFields) {}

  private final Values values;
  private final ConcurrentHashMap<String, ClassInfo> classes = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, SortedMap<String, String>> reaches = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<Path, Map<String, List<String>>> subtypeIndexes = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<Path, String> jarIds = new ConcurrentHashMap<>();
  private final Set<Path> slothRoots;
  /** Jars whose classes are analysed as application code (see {@link #applicationClass}). */
  private final Set<Path> appJars = ConcurrentHashMap.newKeySet();

  CodeVersions(Values values) {
    this.values = values;
    Set<Path> roots = new HashSet<>();
    for (Class<?> c : List.of(dev.sloth.graph.Graph.class, CodeVersions.class)) {
      Path r = rootOf(c.getClassLoader() == null ? null : c.getClassLoader().getResource(internal(c) + ".class"),
          internal(c));
      if (r != null) {
        roots.add(r);
      }
    }
    this.slothRoots = Set.copyOf(roots);
  }

  private static String internal(Class<?> c) {
    return c.getName().replace('.', '/');
  }

  /** The code version of {@code function} under {@code rule}. */
  Version of(Object function, PersistRule rule) throws Unanalysable {
    return of(function, rule, true);
  }

  /** The code version of {@code function} under {@code rule}; its captured values are hashed if {@code captures}. */
  Version of(Object function, PersistRule rule, boolean captures) throws Unanalysable {
    ClassLoader loader = function.getClass().getClassLoader();
    if (loader == null) {
      loader = ClassLoader.getSystemClassLoader();
    }
    SortedMap<String, String> parts = new TreeMap<>();
    FunctionIdentity id = FunctionIdentity.of("function", function);
    Class<?> fc = function.getClass();
    if (!id.isLambda() && (fc.isHidden() || fc.isSynthetic())) {
      throw new Unanalysable("it is a lambda whose SerializedLambda cannot be read, so its code cannot be found; "
          + "make its target type Serializable (Sloth's own function types are)");
    }
    List<Object> captured = new ArrayList<>();
    Class<?> home = id.isLambda() ? capturingClass(id, loader) : fc;
    if (home != null) {
      applicationClass(home, loader);
    }
    if (id.isLambda()) {
      MethodRef root = new MethodRef(id.implementationClass().replace('.', '/'), id.methodName(),
          id.methodDescriptor());
      // a method reference may name a virtual method: its overrides can run too (a static one has none)
      parts.putAll(reach(List.of(root), loader, id.isMethodReference()));
      parts.put("root", normalizedId(root));
      captured.addAll(id.capturedValues());
    } else {
      Class<?> c = function.getClass();
      parts.putAll(reach(allMethods(internal(c), loader), loader, false));
      parts.put("root", c.getName());
      for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
        for (Field f : k.getDeclaredFields()) {
          if (!Modifier.isStatic(f.getModifiers())) {
            try {
              f.setAccessible(true);
              captured.add(f.get(function));
            } catch (ReflectiveOperationException | RuntimeException e) {
              throw new Unanalysable("its field " + k.getName() + "." + f.getName() + " cannot be read (" + e + ")");
            }
          }
        }
      }
    }
    for (Class<?> extra : rule.codeIncludes()) {
      ClassLoader l = extra.getClassLoader() == null ? loader : extra.getClassLoader();
      parts.putAll(reach(allMethods(internal(extra), l), l, false));
    }
    if (rule.declaredVersion() != null) {
      parts.put("version", rule.declaredVersion());
    }
    for (int i = 0; captures && i < captured.size(); i++) {
      Bytes b = new Bytes(32);
      try {
        capturedForm(captured.get(i), b, "captured value " + (i + 1));
      } catch (UnsupportedValueException e) {
        throw new Unanalysable(e.getMessage());
      }
      parts.put("captured " + (i + 1), HEX.formatHex(Values.hash(b.array(), 0, b.size())));
    }
    return new Version(hash(parts), Collections.unmodifiableSortedMap(parts), Collections.unmodifiableList(captured));
  }

  private static byte[] hash(SortedMap<String, String> parts) {
    MessageDigest d = Values.sha256();
    for (Map.Entry<String, String> e : parts.entrySet()) {
      d.update(e.getKey().getBytes(java.nio.charset.StandardCharsets.UTF_8));
      d.update((byte) 0);
      d.update(e.getValue().getBytes(java.nio.charset.StandardCharsets.UTF_8));
      d.update((byte) 1);
    }
    return java.util.Arrays.copyOf(d.digest(), 16);
  }

  private final ClassValue<byte[]> typeCodes = new ClassValue<>() {
    @Override
    protected byte[] computeValue(Class<?> type) {
      ClassLoader l = type.getClassLoader() == null ? ClassLoader.getSystemClassLoader() : type.getClassLoader();
      return hash(reach(allMethods(internal(type), l), l, false));
    }
  };

  /**
   * The code version of a record or enum class whose values a function is given: a hash of every method the class's
   * own methods can reach, its static initializer included (where an enum's constants get their fields), as if the
   * function had made the value ({@code new C}); once per class. A library class gives its library's identity, a JDK
   * class nothing but the JDK's.
   */
  byte[] typeCode(Class<?> type) {
    return typeCodes.get(type);
  }

  private void capturedForm(Object v, Bytes b, String where) {
    if (v != null && v.getClass().getPackageName().equals("dev.sloth.graph") && !(v instanceof dev.sloth.graph.Node)) {
      b.putString(v.toString()); // a wrapped function (Fn[Name/1]) or the graph: its name is its identity here
      return;
    }
    values.canonical(v, b, where);
  }

  /** The class that wrote the lambda (its code is the application's), or null if it cannot be found. */
  private static Class<?> capturingClass(FunctionIdentity id, ClassLoader loader) {
    try {
      return Class.forName(id.capturingClass(), false, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      return null;
    }
  }

  /** The parts for everything reachable from {@code roots}, computed once per root set. */
  private SortedMap<String, String> reach(List<MethodRef> roots, ClassLoader loader, boolean virtualRoot) {
    String memo = roots + "@" + System.identityHashCode(loader) + (virtualRoot ? "v" : "");
    SortedMap<String, String> done = reaches.get(memo);
    if (done != null) {
      return done;
    }
    SortedMap<String, String> parts = new TreeMap<>();
    Set<String> seen = new HashSet<>();
    ArrayDeque<MethodRef> todo = new ArrayDeque<>();
    for (MethodRef r : roots) {
      if (virtualRoot) {
        todo.addAll(overrides(r, loader, parts));
      }
      todo.add(r);
    }
    while (!todo.isEmpty()) {
      MethodRef m = todo.poll();
      if (!seen.add(m.id())) {
        continue;
      }
      enumInitializers(m.owner, loader, todo); // even if an inherited (JDK) method runs: ordinal(), compareTo()
      MethodRef resolved = resolve(m, loader, parts);
      if (resolved == null || (!resolved.equals(m) && !seen.add(resolved.id()))) {
        continue;
      }
      ClassInfo ci = info(resolved.owner, loader);
      MethodNode mn = find(ci.node, resolved.name, resolved.desc);
      Body body = body(ci, mn);
      parts.put("method " + normalizedId(resolved) + (isLambda(resolved.name) ? " " + body.hash.substring(0, 8) : ""),
          body.hash);
      todo.addAll(body.exact);
      for (MethodRef v : body.virtual) {
        todo.add(v);
        todo.addAll(overrides(v, loader, parts));
      }
      for (String type : body.instantiated) {
        for (String t = type; t != null; ) {
          ClassInfo ti = info(t, loader);
          if (!library(ti, parts)) {
            todo.addAll(allMethods(t, loader));
            t = ti.node.superName;
          } else {
            t = null;
          }
        }
      }
      for (String owner : body.instanceFields) {
        enumInitializers(owner, loader, todo);
      }
      for (String owner : body.statics) {
        ClassInfo oi = info(owner, loader);
        if (!library(oi, parts) && find(oi.node, "<clinit>", "()V") != null) {
          todo.add(new MethodRef(owner, "<clinit>", "()V"));
        }
      }
    }
    SortedMap<String, String> result = Collections.unmodifiableSortedMap(parts);
    reaches.putIfAbsent(memo, result);
    return result;
  }

  /**
   * An enum's constants, and the fields they carry ({@code HIGH(10)}), are made by its static initializer: any use of
   * an application enum's member (or of a constant body's, a subclass of it) adds the initializer of the enum.
   */
  private void enumInitializers(String owner, ClassLoader loader, ArrayDeque<MethodRef> todo) {
    for (String t = owner; t != null && !t.startsWith("["); ) {
      ClassInfo ci = info(t, loader);
      if (ci.kind != Kind.APP || (ci.node.access & Opcodes.ACC_ENUM) == 0) {
        return;
      }
      if (find(ci.node, "<clinit>", "()V") != null) {
        todo.add(new MethodRef(t, "<clinit>", "()V"));
      }
      t = ci.node.superName;
    }
  }

  private static boolean isLambda(String name) {
    return name.startsWith(LAMBDA_PREFIX);
  }

  private static String normalizedId(MethodRef m) {
    return isLambda(m.name) ? m.owner.replace('/', '.') + ".lambda" + m.desc : m.id();
  }

  /** True (and the library recorded) if the class is not application code. */
  private boolean library(ClassInfo ci, SortedMap<String, String> parts) {
    if (ci.kind == Kind.APP) {
      return false;
    }
    if (ci.kind == Kind.LIBRARY) {
      parts.put("library " + ci.library.substring(0, ci.library.indexOf('=')), ci.library.substring(
          ci.library.indexOf('=') + 1));
    }
    return true;
  }

  /** The method that a call of {@code m} runs: declared in its owner or inherited from a superclass or interface. */
  private MethodRef resolve(MethodRef m, ClassLoader loader, SortedMap<String, String> parts) {
    ArrayDeque<String> types = new ArrayDeque<>();
    types.add(m.owner);
    Set<String> seen = new HashSet<>();
    while (!types.isEmpty()) {
      String t = types.poll();
      if (!seen.add(t)) {
        continue;
      }
      ClassInfo ci = info(t, loader);
      if (library(ci, parts)) {
        continue; // the JDK or a library jar runs it: its identity is recorded
      }
      MethodNode mn = find(ci.node, m.name, m.desc);
      if (mn != null && (mn.access & Opcodes.ACC_ABSTRACT) == 0) {
        return new MethodRef(t, m.name, m.desc);
      }
      if (ci.node.superName != null) {
        types.add(ci.node.superName);
      }
      types.addAll(ci.node.interfaces);
    }
    return null;
  }

  /** Every override of {@code m} in an application subtype of its owner (class-hierarchy analysis). */
  private List<MethodRef> overrides(MethodRef m, ClassLoader loader, SortedMap<String, String> parts) {
    ClassInfo owner = info(m.owner, loader);
    if (owner.kind != Kind.APP || m.name.startsWith("<")) {
      return List.of();
    }
    Map<String, List<String>> index = subtypeIndexes.computeIfAbsent(owner.root, CodeVersions::indexSubtypes);
    List<MethodRef> out = new ArrayList<>();
    ArrayDeque<String> todo = new ArrayDeque<>(index.getOrDefault(m.owner, List.of()));
    Set<String> seen = new HashSet<>();
    while (!todo.isEmpty()) {
      String sub = todo.poll();
      if (!seen.add(sub)) {
        continue;
      }
      ClassInfo si = info(sub, loader);
      if (si.kind == Kind.APP && find(si.node, m.name, m.desc) != null) {
        out.add(new MethodRef(sub, m.name, m.desc));
      }
      todo.addAll(index.getOrDefault(sub, List.of()));
    }
    return out;
  }

  private static Map<String, List<String>> indexSubtypes(Path root) {
    Map<String, List<String>> index = new HashMap<>();
    if (Files.isRegularFile(root)) { // an application jar
      try (JarFile jf = new JarFile(root.toFile())) {
        jf.stream().filter(e -> e.getName().endsWith(".class") && !e.getName().contains("META-INF/")).forEach(e -> {
          try (InputStream in = jf.getInputStream(e)) {
            addToIndex(index, new ClassReader(in));
          } catch (IOException | RuntimeException unreadable) {
            // not a class we could call
          }
        });
      } catch (IOException e) {
        return Map.of();
      }
      return index;
    }
    try (Stream<Path> files = Files.walk(root)) {
      files.filter(p -> p.toString().endsWith(".class")).forEach(p -> {
        try {
          addToIndex(index, new ClassReader(Files.readAllBytes(p)));
        } catch (IOException | RuntimeException unreadable) {
          // not a class file we can read: it cannot be a subtype we would call
        }
      });
    } catch (IOException e) {
      return Map.of();
    }
    return index;
  }

  private static void addToIndex(Map<String, List<String>> index, ClassReader r) {
    String name = r.getClassName();
    if (r.getSuperName() != null) {
      index.computeIfAbsent(r.getSuperName(), k -> new ArrayList<>()).add(name);
    }
    for (String i : r.getInterfaces()) {
      index.computeIfAbsent(i, k -> new ArrayList<>()).add(name);
    }
  }

  private List<MethodRef> allMethods(String owner, ClassLoader loader) {
    ClassInfo ci = info(owner, loader);
    if (ci.kind != Kind.APP) {
      return List.of(new MethodRef(owner, "*", "*")); // resolves to the library, which records it
    }
    List<MethodRef> out = new ArrayList<>();
    for (MethodNode m : ci.node.methods) {
      out.add(new MethodRef(owner, m.name, m.desc));
    }
    return out;
  }

  private static MethodNode find(ClassNode cn, String name, String desc) {
    if (cn == null) {
      return null;
    }
    for (MethodNode m : cn.methods) {
      if (m.name.equals(name) && m.desc.equals(desc)) {
        return m;
      }
    }
    return null;
  }

  // ------------------------------------------------------------------------------------------- classes

  /**
   * The class {@code internalName} as {@code loader} sees it, memoized by where its class file is: two loaders
   * with different versions of one class (two variants of an application in one JVM) get each their own.
   */
  private ClassInfo info(String internalName, ClassLoader loader) {
    URL where = internalName.startsWith("[") ? null : loader.getResource(internalName + ".class");
    String memo = where == null ? internalName : where.toString();
    ClassInfo ci = classes.get(memo);
    if (ci == null) {
      ci = load(internalName, loader);
      ClassInfo raced = classes.putIfAbsent(memo, ci);
      if (raced != null) {
        ci = raced;
      }
    }
    return ci;
  }

  private ClassInfo load(String internalName, ClassLoader loader) {
    if (internalName.startsWith("[")) {
      return new ClassInfo(Kind.JDK, null, null, null); // array types: clone() and Object's methods
    }
    URL url = loader.getResource(internalName + ".class");
    if (url == null) {
      return new ClassInfo(Kind.LIBRARY, "unknown " + internalName + "=absent", null, null);
    }
    switch (url.getProtocol()) {
      case "jrt":
        return new ClassInfo(Kind.JDK, null, null, null);
      case "jar": {
        Path jar = jarOf(url);
        if (appJars.contains(jar)) {
          if (internalName.startsWith("dev/sloth/graph/") || internalName.startsWith("dev/sloth/lazy/")) {
            return new ClassInfo(Kind.LIBRARY, "sloth=" + slothVersion(), null, null); // Sloth inside a fat jar
          }
          return parse(url, internalName, jar);
        }
        return new ClassInfo(Kind.LIBRARY, "jar " + jar.getFileName() + "=" + jarIds.computeIfAbsent(jar,
            CodeVersions::jarIdentity), null, null);
      }
      case "file": {
        Path root = rootOf(url, internalName);
        if (root != null && slothRoots.contains(root)) {
          return new ClassInfo(Kind.LIBRARY, "sloth=" + slothVersion(), null, null);
        }
        return parse(url, internalName, root);
      }
      default:
        return new ClassInfo(Kind.LIBRARY, "url " + url.getProtocol() + "=" + url, null, null);
    }
  }

  private static ClassInfo parse(URL url, String internalName, Path root) {
    try (InputStream in = url.openStream()) {
      ClassNode cn = new ClassNode();
      new ClassReader(in).accept(cn, ClassReader.SKIP_FRAMES);
      return new ClassInfo(Kind.APP, null, cn, root);
    } catch (IOException | RuntimeException e) {
      return new ClassInfo(Kind.LIBRARY, "unreadable " + internalName + "=" + e, null, null);
    }
  }

  private static Path jarOf(URL url) {
    String s = url.toString();
    return Path.of(URI.create(s.substring(4, s.indexOf("!/"))));
  }

  /**
   * Makes the jar holding {@code c} (if it is in a jar) application code: an application run from its own jar (or a
   * fat jar) is analysed like one run from class directories. The memos are cleared, since a class of that jar may
   * have been recorded as a library; this happens once per jar.
   */
  private void applicationClass(Class<?> c, ClassLoader loader) {
    URL url = loader.getResource(internal(c) + ".class");
    if (url == null || !url.getProtocol().equals("jar")) {
      return;
    }
    Path jar = jarOf(url);
    if (!appJars.contains(jar)) {
      synchronized (this) {
        if (appJars.add(jar)) {
          classes.clear();
          reaches.clear();
        }
      }
    }
  }

  private static String slothVersion() {
    String v = dev.sloth.graph.Graph.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }

  private static Path rootOf(URL url, String internalName) {
    if (url == null || !url.getProtocol().equals("file")) {
      return null;
    }
    try {
      Path p = Path.of(url.toURI());
      int depth = internalName.split("/").length;
      for (int i = 0; i < depth && p != null; i++) {
        p = p.getParent();
      }
      return p;
    } catch (java.net.URISyntaxException | RuntimeException e) {
      return null;
    }
  }

  /** Maven coordinates of a release jar, else the SHA-256 of its bytes. */
  private static String jarIdentity(Path jar) {
    try (JarFile jf = new JarFile(jar.toFile())) {
      var e = jf.stream().filter(x -> x.getName().startsWith("META-INF/maven/")
          && x.getName().endsWith("/pom.properties")).toList();
      if (e.size() == 1) {
        java.util.Properties p = new java.util.Properties();
        try (InputStream in = jf.getInputStream(e.get(0))) {
          p.load(in);
        }
        String v = p.getProperty("version", "");
        if (!v.isEmpty() && !v.endsWith("-SNAPSHOT")) {
          return p.getProperty("groupId") + ":" + p.getProperty("artifactId") + ":" + v;
        }
      }
    } catch (IOException | RuntimeException e) {
      // fall through to the content hash
    }
    try (InputStream in = Files.newInputStream(jar)) {
      MessageDigest d = Values.sha256();
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) > 0; ) {
        d.update(buf, 0, n);
      }
      return "sha256:" + HEX.formatHex(d.digest());
    } catch (IOException e) {
      return "unreadable:" + jar;
    }
  }

  // ------------------------------------------------------------------------------------------- bodies

  private Body body(ClassInfo ci, MethodNode m) {
    String key = m.name + m.desc;
    Body b = ci.bodies.get(key);
    if (b == null) {
      b = normalize(m);
      ci.bodies.putIfAbsent(key, b);
    }
    return b;
  }

  /** Hashes what a method does (see the class comment) and collects what it can call. */
  private static Body normalize(MethodNode m) {
    Map<LabelNode, Integer> labels = new IdentityHashMap<>();
    for (AbstractInsnNode i = m.instructions.getFirst(); i != null; i = i.getNext()) {
      if (i instanceof LabelNode l) {
        labels.put(l, labels.size());
      }
    }
    Bytes out = new Bytes(256);
    out.putVar(m.access & ~(Opcodes.ACC_SYNTHETIC | Opcodes.ACC_DEPRECATED)).putString(m.desc);
    List<MethodRef> exact = new ArrayList<>();
    List<MethodRef> virtual = new ArrayList<>();
    List<String> instantiated = new ArrayList<>();
    List<String> statics = new ArrayList<>();
    List<String> instanceFields = new ArrayList<>();
    for (AbstractInsnNode i = m.instructions.getFirst(); i != null; i = i.getNext()) {
      int op = i.getOpcode();
      if (op < 0) {
        continue; // labels, line numbers, frames: positions and debugging only
      }
      out.put(op);
      switch (i) {
        case IntInsnNode n -> out.putZig(n.operand);
        case VarInsnNode n -> out.putVar(n.var);
        case IincInsnNode n -> out.putVar(n.var).putZig(n.incr);
        case TypeInsnNode n -> {
          out.putString(n.desc);
          if (op == Opcodes.NEW) {
            instantiated.add(n.desc);
          }
        }
        case FieldInsnNode n -> {
          out.putString(n.owner).putString(n.name).putString(n.desc);
          (op == Opcodes.GETSTATIC || op == Opcodes.PUTSTATIC ? statics : instanceFields).add(n.owner);
        }
        case MethodInsnNode n -> {
          out.putString(n.owner).putString(isLambda(n.name) ? LAMBDA_PREFIX : n.name).putString(n.desc);
          MethodRef r = new MethodRef(n.owner, n.name, n.desc);
          (op == Opcodes.INVOKEVIRTUAL || op == Opcodes.INVOKEINTERFACE ? virtual : exact).add(r);
        }
        case InvokeDynamicInsnNode n -> {
          out.putString(n.name).putString(n.desc);
          constant(n.bsm, out, exact, virtual);
          out.putVar(n.bsmArgs.length);
          for (Object a : n.bsmArgs) {
            constant(a, out, exact, virtual);
          }
        }
        case JumpInsnNode n -> out.putVar(labels.get(n.label));
        case LdcInsnNode n -> constant(n.cst, out, exact, virtual);
        case TableSwitchInsnNode n -> {
          out.putZig(n.min).putZig(n.max).putVar(labels.get(n.dflt));
          for (LabelNode l : n.labels) out.putVar(labels.get(l));
        }
        case LookupSwitchInsnNode n -> {
          out.putVar(labels.get(n.dflt)).putVar(n.keys.size());
          for (int k = 0; k < n.keys.size(); k++) out.putZig(n.keys.get(k)).putVar(labels.get(n.labels.get(k)));
        }
        case MultiANewArrayInsnNode n -> out.putString(n.desc).putVar(n.dims);
        default -> { } // the opcode says it all
      }
    }
    for (TryCatchBlockNode t : m.tryCatchBlocks) {
      out.putVar(labels.get(t.start)).putVar(labels.get(t.end)).putVar(labels.get(t.handler))
          .putString(t.type == null ? "*" : t.type);
    }
    if (m.annotationDefault != null) {
      out.putString(String.valueOf(m.annotationDefault));
    }
    return new Body(HEX.formatHex(Values.hash(out.array(), 0, out.size())), exact, virtual, instantiated, statics,
        instanceFields);
  }

  private static void constant(Object c, Bytes out, List<MethodRef> exact, List<MethodRef> virtual) {
    switch (c) {
      case Handle h -> {
        out.put('H').putVar(h.getTag()).putString(h.getOwner())
            .putString(isLambda(h.getName()) ? LAMBDA_PREFIX : h.getName()).putString(h.getDesc());
        MethodRef r = new MethodRef(h.getOwner(), h.getName(), h.getDesc());
        int tag = h.getTag();
        if (tag == Opcodes.H_INVOKEVIRTUAL || tag == Opcodes.H_INVOKEINTERFACE) {
          virtual.add(r);
        } else if (tag >= Opcodes.H_INVOKEVIRTUAL) {
          exact.add(r);
        }
      }
      case Type t -> out.put('T').putString(t.getDescriptor());
      case String s -> out.put('S').putString(s);
      case Integer i -> out.put('I').putZig(i);
      case Long l -> out.put('J').putZig(l);
      case Float f -> out.put('F').putInt(Float.floatToIntBits(f));
      case Double d -> out.put('D').putLong(Double.doubleToLongBits(d));
      case org.objectweb.asm.ConstantDynamic cd -> {
        out.put('C').putString(cd.getName()).putString(cd.getDescriptor());
        constant(cd.getBootstrapMethod(), out, exact, virtual);
        for (int k = 0; k < cd.getBootstrapMethodArgumentCount(); k++) {
          constant(cd.getBootstrapMethodArgument(k), out, exact, virtual);
        }
      }
      default -> out.put('?').putString(String.valueOf(c));
    }
  }
}
