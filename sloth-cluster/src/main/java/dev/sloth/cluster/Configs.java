package dev.sloth.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.ExecutorConfig;
import com.hazelcast.config.InMemoryFormat;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.NetworkConfig;
import java.util.Objects;

/**
 * Hazelcast configurations for Sloth clusters: loopback-only members that join by TCP/IP, with the maps and the
 * executor Sloth uses.
 *
 * <pre>{@code
 * HazelcastInstance member = Hazelcast.newHazelcastInstance(Configs.loopbackMember("jobs", 5701));
 * ClusterMember.serve(member, App.FUNCTIONS);
 * HazelcastInstance driver = Hazelcast.newHazelcastInstance(Configs.loopbackDriver("jobs", 5701));
 * }</pre>
 *
 * <p>Both bind to 127.0.0.1 only, join by TCP/IP to 127.0.0.1 only (ports {@code firstPort} to {@code firstPort +
 * 9}), with multicast and auto-detection off and Hazelcast's phone-home off. A member that is killed is noticed
 * within a few seconds (heartbeat every second, dead after five without one). To run Sloth on a cluster configured
 * otherwise, pass its config through {@link #withSlothSettings(Config)} on every member.
 */
public final class Configs {
  /** The prefix of the maps holding results; each {@link Cluster} namespace has its own map. */
  static final String RESULTS_PREFIX = "sloth.results.";
  /** The executor batches run on. */
  static final String EXECUTOR = "sloth.exec";
  /** The executor of the driver's short questions that must not wait behind batches (giving nodes back). */
  static final String CONTROL = "sloth.control";
  static final int PORT_RANGE = 10;

  private Configs() {}

  /**
   * A data member's config: holds results and runs functions, once {@link ClusterMember#serve} is called on it.
   *
   * @param clusterName the Hazelcast cluster name; members and drivers with the same name join
   * @param firstPort the first of ten ports on 127.0.0.1 to bind and join on, 1024 to 65525
   * @return a config binding 127.0.0.1 only, joining by TCP/IP, with multicast and phone-home off
   * @throws IllegalArgumentException if {@code firstPort} is out of range
   */
  public static Config loopbackMember(String clusterName, int firstPort) {
    return loopback(clusterName, firstPort, false);
  }

  /**
   * A driver's config: a lite member (it holds no results, runs nothing remotely) that submits work to the data
   * members.
    *
    * @param clusterName the Hazelcast cluster name; members and drivers with the same name join
    * @param firstPort the first of ten ports on 127.0.0.1 to bind and join on, 1024 to 65525
    * @return a lite member's config binding 127.0.0.1 only, joining by TCP/IP, with multicast and phone-home off
    * @throws IllegalArgumentException if {@code firstPort} is out of range
   */
  public static Config loopbackDriver(String clusterName, int firstPort) {
    return loopback(clusterName, firstPort, true);
  }

  private static Config loopback(String clusterName, int firstPort, boolean lite) {
    Objects.requireNonNull(clusterName, "the cluster name is null");
    if (firstPort < 1024 || firstPort > 65535 - PORT_RANGE) {
      throw new IllegalArgumentException("firstPort must be in 1024.." + (65535 - PORT_RANGE) + ", was " + firstPort);
    }
    // Phone-home is read both as a system property and from the config; switch both off.
    System.setProperty("hazelcast.phone.home.enabled", "false");
    Config c = new Config();
    c.setClusterName(clusterName);
    c.setLiteMember(lite);
    c.setProperty("hazelcast.phone.home.enabled", "false");
    c.setProperty("hazelcast.socket.bind.any", "false");
    c.setProperty("hazelcast.wait.seconds.before.join", "1");
    c.setProperty("hazelcast.heartbeat.interval.seconds", "1");
    c.setProperty("hazelcast.max.no.heartbeat.seconds", "5");
    c.setProperty("hazelcast.partition.count", "71");
    c.setProperty("hazelcast.shutdownhook.enabled", "false");
    NetworkConfig n = c.getNetworkConfig();
    n.setPort(firstPort).setPortAutoIncrement(true).setPortCount(PORT_RANGE);
    n.getInterfaces().setEnabled(true).addInterface("127.0.0.1");
    n.getRestApiConfig().setEnabled(false);
    JoinConfig j = n.getJoin();
    j.getMulticastConfig().setEnabled(false);
    j.getAutoDetectionConfig().setEnabled(false);
    j.getTcpIpConfig().setEnabled(true);
    for (int p = firstPort; p < firstPort + PORT_RANGE; p++) {
      j.getTcpIpConfig().addMember("127.0.0.1:" + p);
    }
    c.getJetConfig().setEnabled(false);
    return withSlothSettings(c);
  }

  /**
   * Adds what Sloth needs to {@code config} and returns it: the results maps keep no backups (a lost result is
   * recomputed from the graph, as Dask does), an executor for the batches, and a small one for the driver's
   * questions that must not wait behind them.
    *
    * @param config a member's config, changed in place
    * @return {@code config}
   */
  public static Config withSlothSettings(Config config) {
    MapConfig results = new MapConfig(RESULTS_PREFIX + "*")
        .setBackupCount(0)
        .setAsyncBackupCount(0)
        .setInMemoryFormat(InMemoryFormat.BINARY)
        .setStatisticsEnabled(false);
    config.addMapConfig(results);
    int threads = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
    config.addExecutorConfig(new ExecutorConfig(EXECUTOR).setPoolSize(threads).setStatisticsEnabled(false));
    config.addExecutorConfig(new ExecutorConfig(CONTROL).setPoolSize(2).setStatisticsEnabled(false));
    return config;
  }
}
