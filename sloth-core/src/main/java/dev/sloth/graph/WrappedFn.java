package dev.sloth.graph;

/**
 * What every typed front of a wrapped function shares: the engine's {@link WrappedFunction} behind it, its name and
 * its options. The subclasses add the typed {@code call} methods.
 */
abstract sealed class WrappedFn
    permits Fn0, Fn1, Fn2, Fn3, Fn4, FnN, MultiFn0, MultiFn1, MultiFn2, MultiFn3, MultiFn4, MultiFnN {
  final WrappedFunction fn;

  WrappedFn(WrappedFunction fn) {
    this.fn = fn;
  }

  /**
   * The function's name, as given when it was wrapped.
   *
   * @return the function's name
   */
  public String name() {
    return fn.name();
  }

  /**
   * The function's options.
   *
   * @return the function's options
   */
  public FnOptions options() {
    return fn.options();
  }

  /**
   * What the function is, for keying its results beyond this process (a persistent cache, a cluster): its name,
   * implementing method and captured values; see {@link FunctionIdentity}.
   *
   * @return the function's identity
   */
  public FunctionIdentity identity() {
    return fn.identity();
  }

  @Override
  public String toString() {
    return fn.toString();
  }
}
