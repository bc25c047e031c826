package dev.sloth.cluster;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.DataSerializable;
import java.io.IOException;

/**
 * A member's answer to a {@link Batch}, one slot per node: stored (where, how big, how long it took), failed (the
 * function threw: its exception as text), refused (no such function, or another code version), or missing inputs
 * (the results it needs were lost with a member: their keys), or returned (given back before it started, see {@link
 * GiveBack}).
 */
final class Reply implements DataSerializable {
  static final byte STORED = 0;
  static final byte FAILED = 1;
  static final byte REFUSED = 2;
  static final byte MISSING = 3;
  /** Given back before it started (the driver took it for another member). */
  static final byte RETURNED = 4;
  /** Not run: a {@link RunOne} reached a member other than the one the driver chose (its partition moved). */
  static final byte ELSEWHERE = 5;
  /** Not run: a {@link RunOne} for a result the member holds already; the driver sends it in a batch instead. */
  static final byte DEFERRED = 6;

  String member;
  byte[] status;
  int[] partition;
  long[] bytes;
  long[] computeNanos;
  long[] transferNanos;
  long[] bytesIn;
  boolean[] reused;
  String[] message;
  long[][] missing;
  /** A stored result sent with the answer (asked for, and small), else null. */
  com.hazelcast.internal.serialization.Data[] value;

  /** For deserialization. */
  public Reply() {}

  Reply(String member, int n) {
    this.member = member;
    status = new byte[n];
    partition = new int[n];
    bytes = new long[n];
    computeNanos = new long[n];
    transferNanos = new long[n];
    bytesIn = new long[n];
    reused = new boolean[n];
    message = new String[n];
    missing = new long[n][];
    value = new com.hazelcast.internal.serialization.Data[n];
  }

  @Override
  public void writeData(ObjectDataOutput out) throws IOException {
    out.writeString(member);
    out.writeInt(status.length);
    for (int i = 0; i < status.length; i++) {
      out.writeByte(status[i]);
      switch (status[i]) {
        case STORED -> {
          out.writeInt(partition[i]);
          out.writeLong(bytes[i]);
          out.writeLong(computeNanos[i]);
          out.writeLong(transferNanos[i]);
          out.writeLong(bytesIn[i]);
          out.writeBoolean(reused[i]);
          out.writeBoolean(value[i] != null);
          if (value[i] != null) {
            ((com.hazelcast.internal.nio.DataWriter) out).writeData(value[i]);
          }
        }
        case MISSING -> out.writeLongArray(missing[i]);
        case RETURNED, ELSEWHERE, DEFERRED -> { }
        default -> out.writeString(message[i]);
      }
    }
  }

  @Override
  public void readData(ObjectDataInput in) throws IOException {
    String m = in.readString();
    int n = in.readInt();
    Reply r = new Reply(m, n); // allocate the arrays, then take them over
    member = m;
    status = r.status;
    partition = r.partition;
    bytes = r.bytes;
    computeNanos = r.computeNanos;
    transferNanos = r.transferNanos;
    bytesIn = r.bytesIn;
    reused = r.reused;
    message = r.message;
    missing = r.missing;
    value = r.value;
    for (int i = 0; i < n; i++) {
      status[i] = in.readByte();
      switch (status[i]) {
        case STORED -> {
          partition[i] = in.readInt();
          bytes[i] = in.readLong();
          computeNanos[i] = in.readLong();
          transferNanos[i] = in.readLong();
          bytesIn[i] = in.readLong();
          reused[i] = in.readBoolean();
          if (in.readBoolean()) {
            value[i] = ((com.hazelcast.internal.nio.DataReader) in).readData();
          }
        }
        case MISSING -> missing[i] = in.readLongArray();
        case RETURNED, ELSEWHERE, DEFERRED -> { }
        default -> message[i] = in.readString();
      }
    }
  }
}
