package dev.sloth.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.DataSerializable;
import java.io.IOException;
import java.util.concurrent.Callable;

/**
 * Asks a member to give back nodes of a batch it is running that have not started: the driver's work stealing from
 * batches already sent (see {@link Scheduler}). The answer is the indices given back; the member will not run
 * them. It runs on its own executor ({@link Configs#CONTROL}), so that batches busy on the batch executor do not
 * hold it up.
 */
final class GiveBack implements Callable<int[]>, DataSerializable, HazelcastInstanceAware {
  String namespace;
  long driver;
  long id;
  int[] wanted;
  private transient HazelcastInstance hz;

  /** For deserialization. */
  public GiveBack() {}

  GiveBack(String namespace, long driver, long id, int[] wanted) {
    this.namespace = namespace;
    this.driver = driver;
    this.id = id;
    this.wanted = wanted;
  }

  @Override
  public void setHazelcastInstance(HazelcastInstance hz) {
    this.hz = hz;
  }

  @Override
  public int[] call() {
    ClusterMember m = ClusterMember.of(hz);
    return m == null ? new int[0] : m.giveBack(namespace, driver, id, wanted);
  }

  @Override
  public void writeData(ObjectDataOutput out) throws IOException {
    out.writeString(namespace);
    out.writeLong(driver);
    out.writeLong(id);
    out.writeIntArray(wanted);
  }

  @Override
  public void readData(ObjectDataInput in) throws IOException {
    namespace = in.readString();
    driver = in.readLong();
    id = in.readLong();
    wanted = in.readIntArray();
  }
}
