package dev.sloth.viz;

import java.nio.file.Path;
import java.util.Locale;

/**
 * What {@link Drawer#draw} wrote: the file, its format, and a sentence saying what happened. When Graphviz could not
 * render the picture (not installed, too slow, failed), the result is <em>degraded</em>: the DOT text was written
 * next to the requested file instead, and {@link #message()} says why.
 *
 * <pre>{@code
 * DrawResult r = Drawer.defaults().draw(g.dump(), Path.of("graph.svg"));
 * System.out.println(r.message());   // "wrote SVG to graph.svg (4 nodes)" or why it wrote graph.dot
 * r.requireRendered();               // throws if it is only DOT
 * }</pre>
 *
 * @param file the file written
 * @param format its format
 * @param requested the format asked for
 * @param nodesDrawn the number of boxes drawn (nodes or bindings, or groups of them when the picture was collapsed)
 * @param nodesTotal the number of nodes (or bindings, for a registry snapshot) in the snapshot
 * @param message what was written, and why it is not what was asked for if it is not
 */
public record DrawResult(Path file, Format format, Format requested, int nodesDrawn, int nodesTotal,
    String message) {

  /**
   * A file format a drawing can be written in; {@link Drawer#draw} picks it from the file's extension.
   *
   * <pre>{@code
   * DrawResult r = Drawer.defaults().draw(g.dump(), Path.of("g.png"));
   * boolean picture = r.format() == DrawResult.Format.PNG;   // false if Graphviz was missing: then DOT
   * }</pre>
   */
  public enum Format {
    /** Graphviz's text format; written without Graphviz. */
    DOT,
    /** Scalable vector graphics, rendered by Graphviz. */
    SVG,
    /** A bitmap, rendered by Graphviz. */
    PNG;

    /**
     * The usual file extension, without the dot.
     *
     * @return {@code "dot"}, {@code "svg"} or {@code "png"}
     */
    public String extension() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * Whether the requested format could not be written, so DOT was written instead.
   *
   * @return true if DOT was written instead of the picture asked for
   */
  public boolean degraded() {
    return format != requested;
  }

  /**
   * Returns this result if the requested format was written.
   *
   * @return this result
   * @throws IllegalStateException with {@link #message()} if the drawing was degraded to DOT
   */
  public DrawResult requireRendered() {
    if (degraded()) {
      throw new IllegalStateException(message);
    }
    return this;
  }
}
