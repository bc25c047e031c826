package dev.sloth.cache;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growable byte buffer to write into, and a cursor to read one back: the codec's and the fingerprints' medium. */
final class Bytes {
  private byte[] buf;
  private int size;

  Bytes(int capacity) {
    buf = new byte[Math.max(16, capacity)];
  }

  int size() {
    return size;
  }

  byte[] array() {
    return buf;
  }

  byte[] toArray() {
    return Arrays.copyOf(buf, size);
  }

  void reset() {
    size = 0;
  }

  private void ensure(int more) {
    if (size + more > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
    }
  }

  Bytes put(int b) {
    ensure(1);
    buf[size++] = (byte) b;
    return this;
  }

  Bytes put(byte[] b, int off, int len) {
    ensure(len);
    System.arraycopy(b, off, buf, size, len);
    size += len;
    return this;
  }

  Bytes put(byte[] b) {
    return put(b, 0, b.length);
  }

  Bytes putInt(int v) {
    ensure(4);
    buf[size++] = (byte) (v >>> 24);
    buf[size++] = (byte) (v >>> 16);
    buf[size++] = (byte) (v >>> 8);
    buf[size++] = (byte) v;
    return this;
  }

  Bytes putLong(long v) {
    putInt((int) (v >>> 32));
    return putInt((int) v);
  }

  /** An unsigned LEB128 varint. */
  Bytes putVar(long v) {
    ensure(10);
    while ((v & ~0x7FL) != 0) {
      buf[size++] = (byte) ((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    buf[size++] = (byte) v;
    return this;
  }

  /** A zigzag varint: small negative numbers stay short. */
  Bytes putZig(long v) {
    return putVar((v << 1) ^ (v >> 63));
  }

  Bytes putString(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    putVar(b.length);
    return put(b);
  }

  /** Reads what a {@link Bytes} wrote; every read checks bounds and throws {@link Corrupt} past the end. */
  static final class Reader {
    private final byte[] buf;
    private int pos;
    private final int end;

    Reader(byte[] buf, int off, int len) {
      this.buf = buf;
      this.pos = off;
      this.end = off + len;
    }

    int position() {
      return pos;
    }

    boolean atEnd() {
      return pos == end;
    }

    private void need(int n) {
      if (n < 0 || end - pos < n) {
        throw new Corrupt("record ends early (needs " + n + " more bytes at " + pos + ")");
      }
    }

    int get() {
      need(1);
      return buf[pos++] & 0xFF;
    }

    byte[] get(int n) {
      need(n);
      byte[] b = Arrays.copyOfRange(buf, pos, pos + n);
      pos += n;
      return b;
    }

    int getInt() {
      need(4);
      int v = ((buf[pos] & 0xFF) << 24) | ((buf[pos + 1] & 0xFF) << 16) | ((buf[pos + 2] & 0xFF) << 8)
          | (buf[pos + 3] & 0xFF);
      pos += 4;
      return v;
    }

    long getLong() {
      return ((long) getInt() << 32) | (getInt() & 0xFFFFFFFFL);
    }

    long getVar() {
      long v = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        int b = get();
        v |= (long) (b & 0x7F) << shift;
        if ((b & 0x80) == 0) {
          return v;
        }
      }
      throw new Corrupt("varint longer than 10 bytes at " + pos);
    }

    long getZig() {
      long v = getVar();
      return (v >>> 1) ^ -(v & 1);
    }

    /** A length that must fit the rest of the record (at {@code unit} bytes per element at least). */
    int getLength(int unit) {
      long n = getVar();
      if (n > (end - pos) / Math.max(1, unit)) {
        throw new Corrupt("length " + n + " exceeds the record at " + pos);
      }
      return (int) n;
    }

    String getString() {
      int n = getLength(1);
      String s = new String(buf, pos, n, StandardCharsets.UTF_8);
      pos += n;
      return s;
    }
  }

  /** A record that does not decode: treated as a miss, never as a value. */
  static final class Corrupt extends RuntimeException {
    Corrupt(String message) {
      super(message, null, false, false);
    }
  }
}
