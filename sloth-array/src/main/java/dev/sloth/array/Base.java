package dev.sloth.array;

/**
 * Where a lazy array's elements come from. A base fills a block buffer with the values of the block's elements:
 * into {@code d} for {@code DOUBLE} bases, into {@code l} (booleans as 0/1) for the others. Bases that must look at
 * the whole selection first (iterators, vectorised sources, user bases) turn into a {@link Bases.Prepared} base
 * in {@link #prepare}, which runs once per evaluation, before any block.
 */
abstract class Base {
  abstract ElementType type();

  /** The shape this base fixes, or null if any shape goes. */
  Shape fixedShape() {
    return null;
  }

  /** Checks that the base can have this shape (e.g. the rank a function needs). */
  void checkShape(Shape shape) {
    Shape fixed = fixedShape();
    if (fixed != null && !fixed.equals(shape)) {
      throw new IllegalArgumentException(
          "lazy array has fixed shape " + fixed + " (from its " + describe() + "), cannot be given shape " + shape);
    }
  }

  boolean isHomogeneous() {
    return false;
  }

  Base prepare(Selection selection) {
    return this;
  }

  abstract void fill(Block b, double[] d, long[] l);

  abstract String describe();

  /** The value the array was built from, for {@link LArray#baseValue()} (arrays as copies). */
  abstract Object value();

  // Equality (LArray's structural equality): by value for scalars and dense arrays, by identity of the function,
  // source or matrix otherwise; an iterator base is equal only to itself (the default).
}
