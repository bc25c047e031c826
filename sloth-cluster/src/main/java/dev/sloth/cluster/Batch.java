package dev.sloth.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.DataSerializable;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Many remote tasks in one executor invocation: the unit the driver sends to a member. It is a description, not
 * code: per node the function's name and code version, the key of its result, and its arguments, each a plain value
 * or a reference to a result ({@link RefArg}: key, partition, size). The driver writes it straight from its tasks;
 * the member reads it into arrays and runs it with {@link ClusterMember#run}.
 */
final class Batch implements Callable<Reply>, DataSerializable, HazelcastInstanceAware {
  private static final byte VALUE = 0;
  private static final byte REF = 1;

  // Driver side.
  private transient List<Scheduler.Task> tasks;
  // Both sides.
  String namespace;
  /** The driver's id and this batch's number there: how {@link GiveBack} names it. */
  long driver;
  long id;
  // Member side.
  private transient HazelcastInstance hz;
  String[] names;
  String[] versions;
  int[] fn;
  long[] k1;
  long[] k2;
  boolean[] wantValue;
  Object[][] args;

  /** For deserialization. */
  public Batch() {}

  Batch(String namespace, long driver, long id, List<Scheduler.Task> tasks) {
    this.namespace = namespace;
    this.driver = driver;
    this.id = id;
    this.tasks = tasks;
  }

  int size() {
    return fn.length;
  }

  @Override
  public void setHazelcastInstance(HazelcastInstance hz) {
    this.hz = hz;
  }

  @Override
  public Reply call() {
    return ClusterMember.of(hz).run(this);
  }

  @Override
  public void writeData(ObjectDataOutput out) throws IOException {
    out.writeString(namespace);
    out.writeLong(driver);
    out.writeLong(id);
    Map<RemoteFn<?>, Integer> table = new HashMap<>();
    for (Scheduler.Task t : tasks) {
      table.putIfAbsent(t.ref.fn, table.size());
    }
    String[] n = new String[table.size()];
    String[] v = new String[table.size()];
    table.forEach((f, i) -> { n[i] = f.name(); v[i] = f.codeVersion(); });
    out.writeInt(n.length);
    for (int i = 0; i < n.length; i++) {
      out.writeString(n[i]);
      out.writeString(v[i]);
    }
    out.writeInt(tasks.size());
    for (Scheduler.Task t : tasks) {
      Ref r = t.ref;
      out.writeInt(table.get(r.fn));
      out.writeLong(r.k1);
      out.writeLong(r.k2);
      out.writeBoolean(t.wantValue);
      out.writeInt(r.args.length);
      for (Object a : r.args) {
        if (a instanceof Ref in) {
          out.writeByte(REF);
          out.writeLong(in.k1);
          out.writeLong(in.k2);
          out.writeInt(in.partition);
          out.writeLong(in.bytes);
        } else {
          out.writeByte(VALUE);
          out.writeObject(a);
        }
      }
    }
  }

  @Override
  public void readData(ObjectDataInput in) throws IOException {
    namespace = in.readString();
    driver = in.readLong();
    id = in.readLong();
    int fns = in.readInt();
    names = new String[fns];
    versions = new String[fns];
    for (int i = 0; i < fns; i++) {
      names[i] = in.readString();
      versions[i] = in.readString();
    }
    int n = in.readInt();
    fn = new int[n];
    k1 = new long[n];
    k2 = new long[n];
    wantValue = new boolean[n];
    args = new Object[n][];
    for (int i = 0; i < n; i++) {
      fn[i] = in.readInt();
      k1[i] = in.readLong();
      k2[i] = in.readLong();
      wantValue[i] = in.readBoolean();
      Object[] a = new Object[in.readInt()];
      for (int j = 0; j < a.length; j++) {
        a[j] = in.readByte() == REF
            ? new RefArg(in.readLong(), in.readLong(), in.readInt(), in.readLong())
            : in.readObject();
      }
      args[i] = a;
    }
  }

  /** A reference argument as a member sees it. */
  record RefArg(long k1, long k2, int partition, long bytes) {}
}
