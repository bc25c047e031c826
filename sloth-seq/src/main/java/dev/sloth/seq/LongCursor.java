package dev.sloth.seq;

import java.util.PrimitiveIterator;
import java.util.function.LongConsumer;

/**
 * One running iteration of a {@link LongSeq} stage: a {@link Cursor} of {@code Long} whose elements travel
 * unboxed. Pull with {@link #hasNext()}/{@link #nextLong()}, push with {@link #pushLongWhile(LongSink)}; a
 * LongCursor is also a {@code Cursor<Long>}, boxing at that boundary only, which is how {@link LongSeq#boxed()}
 * hands it to a {@code Seq<Long>} without an extra stage. Closing works exactly as for any cursor.
 */
abstract class LongCursor extends Cursor<Long> implements PrimitiveIterator.OfLong {

  @Override
  public abstract long nextLong();

  @Override
  public final Long next() {
    return nextLong();
  }

  /**
   * Pushes the remaining elements to {@code sink} until they run out (returns {@code true}) or the sink returns
   * {@code false} (returns {@code false}). The default is a pull loop; fused stages override it.
   */
  boolean pushLongWhile(LongSink sink) {
    while (hasNext()) {
      if (!sink.accept(nextLong())) {
        return false;
      }
    }
    return true;
  }

  /**
   * Pushes every remaining element to {@code sink}, for terminals that never stop early ({@code sum},
   * {@code toList}, ...). Sources and the stages that never stop override it with a plain counted loop that
   * has no per-element "go on?" exit, which C2 unrolls like a hand-written {@code for}; the default pushes with
   * a sink that always goes on.
   */
  void pushAll(LongConsumer sink) {
    pushLongWhile(x -> {
      sink.accept(x);
      return true;
    });
  }

  @Override
  final boolean pushWhile(Sink<? super Long> sink) {
    return pushLongWhile(x -> sink.accept(x));
  }
}
