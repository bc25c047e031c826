package dev.sloth.seq;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The sink of {@link Seq#toList()}: appends into a spine of chunks that double in size, so growing never copies
 * the elements gathered so far (an ArrayList copies them at every growth step and leaves the old arrays as
 * garbage), then copies everything once into an exact-size array behind an unmodifiable view.
 */
final class ListBuilder<T> implements Sink<T> {
  private static final int FIRST_CHUNK = 16;
  private static final int MAX_CHUNK = 1 << 16;

  private Object[][] spine = new Object[8][];
  private int chunks;
  private Object[] chunk = new Object[FIRST_CHUNK];
  private int inChunk;
  private int sealed; // elements in spine[0 .. chunks-1]

  @Override
  public boolean accept(T value) {
    if (inChunk == chunk.length) {
      nextChunk();
    }
    chunk[inChunk++] = value;
    return true;
  }

  private void nextChunk() {
    if (chunks == spine.length) {
      spine = Arrays.copyOf(spine, chunks * 2);
    }
    spine[chunks++] = chunk;
    sealed += chunk.length;
    if (sealed + (long) Math.min(chunk.length * 2, MAX_CHUNK) > Integer.MAX_VALUE - 8) {
      throw new OutOfMemoryError("toList: more than " + (Integer.MAX_VALUE - 8) + " elements do not fit a List");
    }
    chunk = new Object[Math.min(chunk.length * 2, MAX_CHUNK)];
    inChunk = 0;
  }

  @SuppressWarnings("unchecked")
  List<T> build() {
    Object[] all = new Object[sealed + inChunk];
    int at = 0;
    for (int i = 0; i < chunks; i++) {
      System.arraycopy(spine[i], 0, all, at, spine[i].length);
      at += spine[i].length;
    }
    System.arraycopy(chunk, 0, all, at, inChunk);
    return Collections.unmodifiableList(Arrays.asList((T[]) all));
  }
}
