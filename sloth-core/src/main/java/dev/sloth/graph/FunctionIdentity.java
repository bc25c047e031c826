package dev.sloth.graph;

import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.lang.invoke.SerializedLambda;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * What a function given to a graph is, independently of the object that carries it: the name it was given, the
 * method that implements it, and the values it captured. Two functions with equal identities compute the same thing
 * from the same arguments (if they are pure, as graph functions must be), so a persistent cache or a cluster can key
 * results on it across runs and machines, where the function object itself means nothing.
 *
 * <p>For a lambda or a method reference (every function parameter of {@link Graph} is a {@link Serializable}
 * functional interface, so the compiler records this), the identity comes from the {@link SerializedLambda} that its
 * {@code writeReplace} makes: the implementation class and method, the method's descriptor, the class that wrote the
 * lambda, and the captured values. The method of a lambda is the synthetic {@code lambda$...} method the compiler
 * made for its body; that of a method reference is the referenced method itself. For any other object (an instance
 * of a class implementing {@link Function1}, say), the identity is its class, and it captures nothing. Neither the
 * function nor its captured values are serialized: the captured values are the very objects the lambda holds.
 *
 * <pre>{@code
 * Fn1<Text, Integer> len = g.fn1("Len", Text::len);
 * FunctionIdentity id = len.identity();
 * id.name();                // "Len"
 * id.implementationClass(); // "com.acme.Text"
 * id.methodName();          // "len"
 * id.methodDescriptor();    // "()I"
 * id.capturedValues();      // []
 *
 * int k = 3;
 * g.fn1("AddK", (Integer x) -> x + k).identity().capturedValues();   // [3]
 * }</pre>
 *
 * <p>Immutable (the captured values are the function's own, and as mutable as they are); equal when every part is
 * equal, captured values compared with {@code equals}.
 */
public final class FunctionIdentity {
  private final String name;
  private final String implementationClass;
  private final String methodName;
  private final String methodDescriptor;
  private final String capturingClass;
  private final List<Object> capturedValues;
  private final boolean lambda;

  private FunctionIdentity(String name, String implementationClass, String methodName, String methodDescriptor,
      String capturingClass, List<Object> capturedValues, boolean lambda) {
    this.name = name;
    this.implementationClass = implementationClass;
    this.methodName = methodName;
    this.methodDescriptor = methodDescriptor;
    this.capturingClass = capturingClass;
    this.capturedValues = capturedValues;
    this.lambda = lambda;
  }

  /**
   * The identity of {@code function}, given to a graph under {@code name}.
   *
   * <pre>{@code
   * FunctionIdentity id = FunctionIdentity.of("Len", (Function1<String, Integer>) String::length);
   * }</pre>
   *
   * @param name the name the function is given in the graph; not null
   * @param function the function object: a serializable lambda, a method reference, or any object; not null
   * @return the identity
   */
  public static FunctionIdentity of(String name, Object function) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(function, () -> "the function named '" + name + "' is null");
    SerializedLambda l = function instanceof Serializable ? serializedLambda(function) : null;
    if (l == null) {
      return new FunctionIdentity(name, function.getClass().getName(), "", "", function.getClass().getName(),
          List.of(), false);
    }
    Object[] captured = new Object[l.getCapturedArgCount()];
    for (int i = 0; i < captured.length; i++) {
      captured[i] = l.getCapturedArg(i);
    }
    return new FunctionIdentity(name, l.getImplClass().replace('/', '.'), l.getImplMethodName(),
        l.getImplMethodSignature(), l.getCapturingClass().replace('/', '.'),
        Collections.unmodifiableList(Arrays.asList(captured)), true);
  }

  /**
   * The lambda's {@link SerializedLambda}, or null if {@code f} is not a serializable lambda. It is taken the way
   * serialization takes it (the stream calls the lambda's private {@code writeReplace}, which needs no access to the
   * user's module) and the stream is stopped right there: {@link #replaceObject} swaps the result for null, so no
   * byte of the function or of its captured values is written.
   */
  private static SerializedLambda serializedLambda(Object f) {
    if (!f.getClass().isSynthetic() && !f.getClass().isHidden()) {
      return null;
    }
    try (Catcher c = new Catcher()) {
      c.writeObject(f);
      return c.caught;
    } catch (IOException | RuntimeException notALambda) {
      return null;
    }
  }

  private static final class Catcher extends ObjectOutputStream {
    SerializedLambda caught;

    Catcher() throws IOException {
      super(OutputStream.nullOutputStream());
      enableReplaceObject(true);
    }

    @Override
    protected Object replaceObject(Object obj) {
      if (caught == null && obj instanceof SerializedLambda l) {
        caught = l;
        return null;
      }
      return obj;
    }
  }

  /**
   * The name the function was given in the graph ({@code "Len"}); for a computed node, the name given to it.
   *
   * @return the name the function is given in the graph; not null
   */
  public String name() {
    return name;
  }

  /**
   * The binary name of the class whose method implements the function: for a method reference {@code Text::len},
   * {@code com.acme.Text}; for a lambda, the class it was written in; for another object, its class.
   *
   * @return the binary name of the implementing class
   */
  public String implementationClass() {
    return implementationClass;
  }

  /**
   * The implementing method's name: the referenced method ({@code "len"}) or the compiler's method for a lambda's
   * body ({@code "lambda$main$c246439b$1"}); empty for an object that is not a lambda.
   *
   * @return the implementing method's name, or empty
   */
  public String methodName() {
    return methodName;
  }

  /**
   * The implementing method's JVM descriptor, {@code "(Ljava/lang/String;)I"}; empty for a non-lambda object.
   *
   * @return the implementing method's JVM descriptor, or empty
   */
  public String methodDescriptor() {
    return methodDescriptor;
  }

  /**
   * The binary name of the class in which the lambda or method reference was written.
   *
   * @return the binary name of the capturing class
   */
  public String capturingClass() {
    return capturingClass;
  }

  /**
   * The values the lambda captured, in order (a bound method reference's receiver first); may contain nulls. Two
   * lambdas from the same source line differ only here. Empty for a non-lambda object.
   *
   * @return the captured values, in order; an unmodifiable list (empty for a non-lambda object)
   */
  public List<Object> capturedValues() {
    return capturedValues;
  }

  /**
   * Whether the identity was read from a lambda or method reference (rather than being an object's class).
   *
   * @return true if read from a lambda or method reference
   */
  public boolean isLambda() {
    return lambda;
  }

  /**
   * Whether the function is a method reference or lambda that names a method of its own (not a lambda body).
   *
   * @return true for a method reference, or a lambda naming a method of its own
   */
  public boolean isMethodReference() {
    return lambda && !methodName.startsWith("lambda$");
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FunctionIdentity f && f.lambda == lambda && f.name.equals(name)
        && f.implementationClass.equals(implementationClass) && f.methodName.equals(methodName)
        && f.methodDescriptor.equals(methodDescriptor) && f.capturingClass.equals(capturingClass)
        && f.capturedValues.equals(capturedValues);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, implementationClass, methodName, methodDescriptor, capturedValues);
  }

  @Override
  public String toString() {
    return "FunctionIdentity[" + name + " = " + implementationClass + (methodName.isEmpty() ? "" : "::" + methodName)
        + methodDescriptor + (capturedValues.isEmpty() ? "" : ", captured " + capturedValues) + "]";
  }
}
