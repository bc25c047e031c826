/**
 * A console progress bar for slow {@code get()}s of a Sloth graph: register a {@link
 * dev.sloth.progress.ProgressListener} and a {@code get()} that runs for more than a second shows nodes done of
 * nodes planned, the node running now, and the time left.
 *
 * <pre>{@code
 * graph.addListener(ProgressListener.toConsole());
 * result.get();   // get Step#40  60% [=====>     ] 24/40 nodes (0:00:01 / ?) Step#25
 * }</pre>
 */
package dev.sloth.progress;
