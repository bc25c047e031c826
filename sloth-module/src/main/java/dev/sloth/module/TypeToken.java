package dev.sloth.module;

import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.Objects;

/**
 * A full generic type, such as {@code List<String>}, for a binding whose type a {@link Class} cannot say. Made by
 * subclassing anonymously, which records the type argument (the "super type token" of Gafter, Guice and Gson):
 *
 * <pre>{@code
 * Binding<List<String>> hosts = db.bind("hosts", new TypeToken<List<String>>() {}, () -> List.of("a", "b"));
 * hosts.type();         // List.class: what the definition's value is checked against
 * hosts.genericType();  // java.util.List<java.lang.String>, shown in snapshots and errors
 * }</pre>
 *
 * <p>The value a definition returns is checked against the raw type ({@code List}); the type arguments are erased
 * at run time and cannot be checked, as with any Java generic. Two tokens are equal when their types are.
 *
 * @param <T> the type
 */
public abstract class TypeToken<T> {
  private final Type type;
  private final Class<? super T> rawType;

  /**
   * Records the type argument of the anonymous subclass being made.
   *
   * @throws IllegalArgumentException if the type argument is missing, or is or contains a type variable (as in
   *     {@code new TypeToken<T>() {}} inside a generic method), which says nothing at run time
   */
  protected TypeToken() {
    Type superclass = getClass().getGenericSuperclass();
    if (!(superclass instanceof ParameterizedType p) || p.getRawType() != TypeToken.class) {
      throw new IllegalArgumentException("a TypeToken must be made as an anonymous subclass with a type argument, "
          + "like new TypeToken<List<String>>() {}; " + getClass().getName() + " has none");
    }
    this.type = p.getActualTypeArguments()[0];
    this.rawType = rawTypeOf(type);
  }

  private TypeToken(Class<T> type) {
    this.type = type;
    this.rawType = type;
  }

  /**
   * The token of a plain class: {@code TypeToken.of(String.class)}.
   *
   * <pre>{@code
   * TypeToken<String> t = TypeToken.of(String.class);
   * }</pre>
   *
   * @param <T> the type of the elements
   * @param type the type the value is checked against
   * @return the token of a plain class: {@code TypeToken.of(String.class)}
   */
  public static <T> TypeToken<T> of(Class<T> type) {
    Objects.requireNonNull(type, "type");
    return new TypeToken<T>(type) {};
  }

  /**
   * The generic type, such as {@code java.util.List<java.lang.String>}.
   *
   * @return the generic type, such as {@code java.util.List<java.lang.String>}
   */
  public final Type type() {
    return type;
  }

  /**
   * The class of the values, such as {@code List.class}: what values are checked against at run time.
   *
   * @return the class of the values, such as {@code List.class}: what values are checked against at run time
   */
  public final Class<? super T> rawType() {
    return rawType;
  }

  @Override
  public final boolean equals(Object o) {
    return o instanceof TypeToken<?> t && t.type.equals(type);
  }

  @Override
  public final int hashCode() {
    return type.hashCode();
  }

  /** The type's name, such as {@code java.util.List<java.lang.String>}. */
  @Override
  public final String toString() {
    return type.getTypeName();
  }

  @SuppressWarnings("unchecked")
  private static <T> Class<? super T> rawTypeOf(Type t) {
    if (t instanceof Class<?> c) {
      return (Class<? super T>) c;
    }
    if (t instanceof ParameterizedType p) {
      for (Type argument : p.getActualTypeArguments()) {
        rejectVariables(argument, t);
      }
      return (Class<? super T>) p.getRawType();
    }
    if (t instanceof GenericArrayType g) {
      rejectVariables(g.getGenericComponentType(), t);
      return (Class<? super T>) java.lang.reflect.Array.newInstance(
          rawTypeOf(g.getGenericComponentType()), 0).getClass();
    }
    throw new IllegalArgumentException("a TypeToken needs a concrete type, not the type variable or wildcard '"
        + t.getTypeName() + "': it would say nothing at run time; write the type out, like "
        + "new TypeToken<List<String>>() {}");
  }

  private static void rejectVariables(Type part, Type whole) {
    if (part instanceof TypeVariable<?>) {
      throw new IllegalArgumentException("a TypeToken needs a concrete type, but '" + whole.getTypeName()
          + "' contains the type variable " + part.getTypeName() + ", which says nothing at run time; write the "
          + "type out, like new TypeToken<List<String>>() {}");
    }
    if (part instanceof ParameterizedType p) {
      for (Type argument : p.getActualTypeArguments()) {
        rejectVariables(argument, whole);
      }
    } else if (part instanceof WildcardType w) {
      for (Type bound : w.getUpperBounds()) {
        rejectVariables(bound, whole);
      }
      for (Type bound : w.getLowerBounds()) {
        rejectVariables(bound, whole);
      }
    } else if (part instanceof GenericArrayType g) {
      rejectVariables(g.getGenericComponentType(), whole);
    }
  }
}
