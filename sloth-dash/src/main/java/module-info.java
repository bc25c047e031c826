/**
 * A live, read-only dashboard of a {@link dev.sloth.graph.Graph} in the browser: progress per function, a task
 * stream, the graph coloured by state, failures with their paths, node detail and the critical path of the last
 * {@code get()}; exports as Chrome Trace Event JSON and as a self-contained HTML report. Served on 127.0.0.1 by the
 * JDK's {@code com.sun.net.httpserver} with server-sent events; the page's script and style are this module's own
 * files, so it works offline.
 *
 * <pre>{@code
 * try (Dashboard dash = Dashboard.start(g)) {   // prints "sloth dashboard: http://127.0.0.1:41234/"
 *   result.get();
 * }
 * }</pre>
 */
module dev.sloth.dash {
  requires transitive dev.sloth.core;
  requires transitive dev.sloth.module;
  requires jdk.httpserver;
  requires static dev.sloth.cluster; // only for Dashboard.showCluster: optional, see ClusterLanes

  exports dev.sloth.dash;
}
