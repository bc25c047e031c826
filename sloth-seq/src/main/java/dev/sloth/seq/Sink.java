package dev.sloth.seq;

/** A push-side consumer that can stop the push: returns {@code false} to ask for no more elements. */
@FunctionalInterface
interface Sink<T> {
  boolean accept(T value);
}
