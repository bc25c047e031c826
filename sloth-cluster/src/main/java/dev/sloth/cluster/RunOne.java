package dev.sloth.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.DataSerializable;
import java.io.IOException;
import java.util.Map;
import java.util.UUID;

/**
 * One quick node of plain arguments, run as an entry processor on the partition thread of the entry that will hold
 * its result, on the member the driver chose (it owns that partition): the lone node's short path. Against a
 * {@link Batch}, it saves the hand-off from the operation thread to the executor's thread and the store's hand-off
 * to the partition thread (the result is set in place), which on two busy cores were about 100 us of a node.
 *
 * <p>The driver sends only nodes that read no other result (a partition thread may not wait for other partitions)
 * and whose function is known to be quick (its moving average of compute time, see {@link Scheduler}), so a
 * partition thread is never held long. If the partition has moved (its member died and Hazelcast retried the
 * operation on the new owner, or partitions migrated), the processor runs nothing and answers {@link
 * Reply#ELSEWHERE}: the driver, not Hazelcast, decides where a node runs again and counts member deaths.
 */
final class RunOne implements EntryProcessor<Object, Object, Reply>, DataSerializable, HazelcastInstanceAware {
  private static final long serialVersionUID = 1L;
  String namespace;
  /** The member the driver chose. */
  long memberHigh;
  long memberLow;
  String name;
  String version;
  long k1;
  long k2;
  int partition;
  boolean wantValue;
  Object[] args;
  private transient HazelcastInstance hz;

  /** For deserialization. */
  public RunOne() {}

  RunOne(String namespace, UUID member, Ref ref, int partition, boolean wantValue) {
    this.wantValue = wantValue;
    this.namespace = namespace;
    this.memberHigh = member.getMostSignificantBits();
    this.memberLow = member.getLeastSignificantBits();
    this.name = ref.fn.name();
    this.version = ref.fn.codeVersion();
    this.k1 = ref.k1;
    this.k2 = ref.k2;
    this.partition = partition;
    this.args = ref.args;
  }

  @Override
  public void setHazelcastInstance(HazelcastInstance hz) {
    this.hz = hz;
  }

  @Override
  public Reply process(Map.Entry<Object, Object> entry) {
    ClusterMember m = hz == null ? null : ClusterMember.of(hz);
    UUID here = hz == null ? null : hz.getCluster().getLocalMember().getUuid();
    if (m == null || here == null || here.getMostSignificantBits() != memberHigh
        || here.getLeastSignificantBits() != memberLow) {
      Reply r = new Reply(m == null ? "?" : m.name(), 1);
      r.status[0] = Reply.ELSEWHERE;
      return r;
    }
    return m.runOne(this, entry);
  }

  @Override
  public EntryProcessor<Object, Object, Reply> getBackupProcessor() {
    return null; // the results maps keep no backups
  }

  @Override
  public void writeData(ObjectDataOutput out) throws IOException {
    out.writeString(namespace);
    out.writeLong(memberHigh);
    out.writeLong(memberLow);
    out.writeString(name);
    out.writeString(version);
    out.writeLong(k1);
    out.writeLong(k2);
    out.writeInt(partition);
    out.writeBoolean(wantValue);
    out.writeInt(args.length);
    for (Object a : args) {
      out.writeObject(a);
    }
  }

  @Override
  public void readData(ObjectDataInput in) throws IOException {
    namespace = in.readString();
    memberHigh = in.readLong();
    memberLow = in.readLong();
    name = in.readString();
    version = in.readString();
    k1 = in.readLong();
    k2 = in.readLong();
    partition = in.readInt();
    wantValue = in.readBoolean();
    args = new Object[in.readInt()];
    for (int i = 0; i < args.length; i++) {
      args[i] = in.readObject();
    }
  }
}
