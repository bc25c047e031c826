/**
 * Lazy arrays: {@link dev.sloth.array.LArray}, a large logical array described by a base value (a scalar, a Java
 * array, a sparse {@link dev.sloth.array.CsrMatrix}, an iterator, a function of the index, a
 * {@link dev.sloth.array.VectorizedSource} or a user's {@link dev.sloth.array.LazyBase}) and a queue of
 * element-wise operations ({@link dev.sloth.array.BinaryOp}, {@link dev.sloth.array.UnaryOp}) that run, fused
 * into one pass, only for the elements an {@link dev.sloth.array.Address} selects. Types and addressing follow
 * NumPy 2; results are immutable {@link dev.sloth.array.Evaluated} values.
 *
 * <pre>{@code
 * LArray a = LArray.fromFunction(1_000, 1_000, (i, j) -> i - j);   // nothing computed
 * LArray b = a.abs().plus(1).log();                                 // still nothing
 * Evaluated corner = b.get("-2:, -2:");                             // 4 elements computed, shape (2, 2)
 * MutableLArray m = MutableLArray.of(b);
 * m.multiplyInPlace(2);                                             // m now holds b * 2; b is unchanged
 * }</pre>
 *
 * <p>Everything public here is immutable or thread-safe; the machinery (bases, the kernel, evaluation) is
 * package-private. The guide is {@code docs/array.md}.
 */
package dev.sloth.array;
