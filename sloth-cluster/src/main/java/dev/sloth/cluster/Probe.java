package dev.sloth.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.DataSerializable;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Asks every member which of a batch's results it already holds: what a driver does before sending work when it
 * started on a cluster that holds results of its namespace (a restarted driver). The answer is triples (index in
 * the batch, partition, size). With no keys ({@link #forget}), it tells a member that the namespace's results were
 * destroyed: the member forgets its records of them, and answers how many (one long).
 */
final class Probe implements Callable<long[]>, DataSerializable, HazelcastInstanceAware {
  String namespace;
  long[] keys;
  private transient HazelcastInstance hz;

  /** For deserialization. */
  public Probe() {}

  /** Asks about {@code keys}, pairs of longs. */
  Probe(String namespace, long[] keys) {
    this.namespace = namespace;
    this.keys = keys;
  }

  /** The question that makes a member forget its records of {@code namespace}'s results. */
  static Probe forget(String namespace) {
    return new Probe(namespace, (long[]) null);
  }

  Probe(String namespace, List<Scheduler.Task> tasks) {
    this.namespace = namespace;
    keys = new long[2 * tasks.size()];
    for (int i = 0; i < tasks.size(); i++) {
      keys[2 * i] = tasks.get(i).ref.k1;
      keys[2 * i + 1] = tasks.get(i).ref.k2;
    }
  }

  @Override
  public void setHazelcastInstance(HazelcastInstance hz) {
    this.hz = hz;
  }

  @Override
  public long[] call() {
    ClusterMember m = ClusterMember.of(hz);
    if (m == null) {
      return new long[0];
    }
    return keys == null ? new long[] {m.forget(namespace)} : m.held(namespace, keys);
  }

  @Override
  public void writeData(ObjectDataOutput out) throws IOException {
    out.writeString(namespace);
    out.writeLongArray(keys);
  }

  @Override
  public void readData(ObjectDataInput in) throws IOException {
    namespace = in.readString();
    keys = in.readLongArray();
  }
}
