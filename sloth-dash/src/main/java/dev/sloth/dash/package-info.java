/**
 * A live, read-only browser dashboard of a {@link dev.sloth.graph.Graph}; the one public type is {@link
 * dev.sloth.dash.Dashboard}, everything else (the event tap, the model, the HTTP server, the JSON writer) is
 * package-private.
 *
 * <pre>{@code
 * try (Dashboard dash = Dashboard.builder(g).port(8123).start()) {
 *   total.get();                                   // the page at http://127.0.0.1:8123/ shows the run live
 *   dash.writeReport(Path.of("run.html"));
 * }
 * }</pre>
 *
 * <p>The engine's threads only write events into bounded per-thread rings; one pump thread turns them into at most
 * ten pushes a second per page, so a slow or vanished browser never blocks an evaluation.
 */
package dev.sloth.dash;
