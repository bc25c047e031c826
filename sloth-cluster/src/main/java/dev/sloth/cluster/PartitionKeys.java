package dev.sloth.cluster;

import com.hazelcast.partition.PartitionAwareKey;
import com.hazelcast.partition.PartitionService;

/**
 * For each partition, a short string that Hazelcast places in it. A result's map key is a {@link
 * PartitionAwareKey} of its key (hex) and that string, so a member stores a result in a partition it owns simply by
 * choosing the string. Driver and members compute the same
 * table (it depends only on the partition count and the hash).
 */
final class PartitionKeys {
  private final String[] byPartition;

  PartitionKeys(PartitionService partitions) {
    int count = partitions.getPartitions().size();
    byPartition = new String[count];
    int found = 0;
    for (int i = 0; found < count && i < 1_000_000; i++) {
      String s = Integer.toString(i, 36);
      int p = partitions.getPartition(s).getPartitionId();
      if (byPartition[p] == null) {
        byPartition[p] = s;
        found++;
      }
    }
    if (found < count) {
      throw new IllegalStateException("found routing strings for only " + found + " of " + count + " partitions");
    }
  }

  int count() {
    return byPartition.length;
  }

  /** The member owning {@code partition} now, or null while it has none. */
  com.hazelcast.cluster.Member owner(PartitionService partitions, int partition) {
    return partitions.getPartition(byPartition[partition]).getOwner();
  }

  /** The map key of result {@code (k1, k2)} held in {@code partition}. */
  PartitionAwareKey<String, String> mapKey(long k1, long k2, int partition) {
    return new PartitionAwareKey<>(Ref.hex(k1, k2), byPartition[partition]);
  }
}
