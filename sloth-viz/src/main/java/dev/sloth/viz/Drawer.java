package dev.sloth.viz;

import dev.sloth.graph.GraphSnapshot;
import dev.sloth.module.RegistrySnapshot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Draws {@link GraphSnapshot}s: DOT text, or SVG and PNG pictures through Graphviz's {@code dot} when it is
 * installed. Fill colours show each node's state (valid green, stale yellow, new grey, running blue, failed red), a
 * thick orange border marks the nodes that ran in the latest {@code get()}, sources are ellipses, dashed arrows are
 * dependencies discovered by reading, and a legend explains it. A module registry's {@link RegistrySnapshot} is drawn
 * the same way ({@link #drawModules}): a frame per module, bindings filled by state (resolved green, pending grey,
 * resolving blue, failed red) with their compute time, eager ones with a purple border.
 *
 * <pre>{@code
 * c.get();
 * DrawResult r = Drawer.defaults().withTitle("after c.get()").draw(g.dump(), Path.of("after-c.svg"));
 * System.out.println(r.message());
 * String dot = Drawer.defaults().dot(c.controlFlow());   // what must run to produce c, as DOT text
 * Drawer.defaults().drawModules(registry.snapshot(), Path.of("modules.svg"));   // lazy modules, what read what
 * }</pre>
 *
 * <p>A drawing never hangs: {@code dot} runs under a timeout (10 s by default) and is killed when it overruns, and a
 * snapshot with more than {@link #withMaxNodes maxNodes} nodes (500 by default) is collapsed, nodes of one function
 * and state becoming one box with a count, and if still too big cut to the part nearest the results. When {@code
 * dot} is missing, fails or times out, {@link #draw} writes the DOT text next to the requested file instead and its
 * {@link DrawResult} says so: a picture is never worth an exception. A drawer is immutable; the {@code with}
 * methods return changed copies.
 */
public final class Drawer {
  private static final Drawer DEFAULTS = new Drawer("dot", Duration.ofSeconds(10), 500, "", true);

  private final String dotCommand;
  private final Duration timeout;
  private final int maxNodes;
  private final String title;
  private final boolean legend;

  private Drawer(String dotCommand, Duration timeout, int maxNodes, String title, boolean legend) {
    this.dotCommand = dotCommand;
    this.timeout = timeout;
    this.maxNodes = maxNodes;
    this.title = title;
    this.legend = legend;
  }

  /**
   * A drawer that runs {@code dot} from the PATH with a 10 s timeout, caps drawings at 500 boxes, and has a legend.
   *
   * @return the default drawer
   */
  public static Drawer defaults() {
    return DEFAULTS;
  }

  /**
   * This drawer running Graphviz as {@code command}: a name looked up on the PATH, or a path to the executable.
   *
   * @param command "dot", another name on the PATH, or a path to the executable
   * @return a changed copy
   */
  public Drawer withDotCommand(String command) {
    Objects.requireNonNull(command, "command");
    if (command.isBlank()) {
      throw new IllegalArgumentException("the Graphviz command is blank; expected 'dot' or a path to it");
    }
    return new Drawer(command, timeout, maxNodes, title, legend);
  }

  /**
   * This drawer giving {@code dot} at most {@code timeout} (positive) before killing it.
   *
   * @param timeout how long {@code dot} may run; positive
   * @return a changed copy
   */
  public Drawer withTimeout(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout is " + timeout + "; expected a positive duration");
    }
    return new Drawer(dotCommand, timeout, maxNodes, title, legend);
  }

  /**
   * This drawer collapsing snapshots of more than {@code maxNodes} (at least 1) nodes, so at most that many boxes.
   *
   * @param maxNodes the most boxes to draw; at least 1
   * @return a changed copy
   */
  public Drawer withMaxNodes(int maxNodes) {
    if (maxNodes < 1) {
      throw new IllegalArgumentException("maxNodes is " + maxNodes + "; expected at least 1");
    }
    return new Drawer(dotCommand, timeout, maxNodes, title, legend);
  }

  /**
   * This drawer writing {@code title} above the graph.
   *
   * @param title the text above the graph; empty for none
   * @return a changed copy
   */
  public Drawer withTitle(String title) {
    return new Drawer(dotCommand, timeout, maxNodes, Objects.requireNonNull(title, "title"), legend);
  }

  /**
   * This drawer without the legend of colours.
   *
   * @return a changed copy
   */
  public Drawer withoutLegend() {
    return new Drawer(dotCommand, timeout, maxNodes, title, false);
  }

  /**
   * The snapshot as Graphviz DOT text (collapsed if it has more than {@code maxNodes} nodes).
   *
   * @param snapshot from {@code Graph.dump()} or {@code Node.controlFlow()}
   * @return the DOT text
   */
  public String dot(GraphSnapshot snapshot) {
    Objects.requireNonNull(snapshot, "snapshot");
    return DotWriter.write(GraphPictures.of(snapshot, maxNodes), title, legend);
  }

  /**
   * The registry snapshot's bindings and recorded dependencies as Graphviz DOT text: a frame per module, an arrow
   * from each binding to the bindings whose definitions read it (collapsed if there are more than {@code maxNodes}
   * bindings). Named apart from {@link #dot(GraphSnapshot)} on purpose: {@code sloth-module} is an optional
   * dependency, and an overload taking its type would make every call of {@code dot} fail to compile without it.
   *
   * @param snapshot from {@code ModuleRegistry.snapshot()}
   * @return the DOT text
   */
  public String dotOfModules(RegistrySnapshot snapshot) {
    Objects.requireNonNull(snapshot, "snapshot");
    return DotWriter.write(ModulePictures.of(snapshot, maxNodes), title, legend);
  }

  /**
   * Draws the snapshot into {@code file}, in the format its extension names: {@code .svg} or {@code .png} (rendered
   * by Graphviz) or {@code .dot} (text). If Graphviz cannot render it, writes the DOT text to the same path with the
   * extension {@code .dot} instead; the result says which file was written and why.
   *
   * @param snapshot from {@code Graph.dump()} or {@code Node.controlFlow()}
   * @param file where to write; its extension names the format
   * @return what was written, and why it is DOT if it is
   * @throws IllegalArgumentException if the extension is none of svg, png, dot
   * @throws UncheckedIOException if the file cannot be written
   */
  public DrawResult draw(GraphSnapshot snapshot, Path file) {
    Objects.requireNonNull(snapshot, "snapshot");
    Objects.requireNonNull(file, "file");
    DrawResult.Format format = formatOf(file);
    return draw(GraphPictures.of(snapshot, maxNodes), format, file);
  }

  /**
   * Draws the registry snapshot (modules, bindings coloured by state with their compute times, recorded
   * dependencies) into {@code file}, exactly as {@link #draw(GraphSnapshot, Path)} draws a graph: same formats, cap,
   * timeout and fallback to DOT.
   *
   * <pre>{@code
   * DrawResult r = Drawer.defaults().withTitle("modules").drawModules(registry.snapshot(), Path.of("modules.svg"));
   * }</pre>
   *
   * @param snapshot from {@code ModuleRegistry.snapshot()}
   * @param file where to write; its extension names the format
   * @return what was written, and why it is DOT if it is
   * @throws IllegalArgumentException if the extension is none of svg, png, dot
   * @throws UncheckedIOException if the file cannot be written
   */
  public DrawResult drawModules(RegistrySnapshot snapshot, Path file) {
    Objects.requireNonNull(snapshot, "snapshot");
    Objects.requireNonNull(file, "file");
    DrawResult.Format format = formatOf(file);
    return draw(ModulePictures.of(snapshot, maxNodes), format, file);
  }

  private DrawResult draw(Picture picture, DrawResult.Format format, Path file) {
    String text = DotWriter.write(picture, title, legend);
    String why = format == DrawResult.Format.DOT ? null : Graphviz.render(dotCommand, text, format, file, timeout);
    Path written = file;
    DrawResult.Format writtenFormat = format;
    if (format == DrawResult.Format.DOT || why != null) {
      written = format == DrawResult.Format.DOT ? file : withExtension(file, "dot");
      writtenFormat = DrawResult.Format.DOT;
      write(written, text);
    }
    String what = String.format(Locale.ROOT, "wrote %s to %s (%,d %s%s)", writtenFormat, written,
        picture.itemsTotal(), picture.noun(), picture.reduction().isEmpty() ? "" : "; " + picture.reduction());
    String message = why == null ? what : why + "; " + what + " instead";
    return new DrawResult(written, writtenFormat, format, picture.boxes().size(), picture.itemsTotal(), message);
  }

  private static DrawResult.Format formatOf(Path file) {
    String name = String.valueOf(file.getFileName());
    int dot = name.lastIndexOf('.');
    String ext = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    for (DrawResult.Format f : DrawResult.Format.values()) {
      if (f.extension().equals(ext)) {
        return f;
      }
    }
    throw new IllegalArgumentException("cannot tell the format of '" + file + "' from its extension; expected a name "
        + "ending in .svg, .png or .dot");
  }

  private static Path withExtension(Path file, String ext) {
    String name = file.getFileName().toString();
    return file.resolveSibling(name.substring(0, name.lastIndexOf('.') + 1) + ext);
  }

  private static void write(Path file, String text) {
    try {
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the drawing " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return "Drawer[dot=" + dotCommand + ", timeout=" + Graphviz.describe(timeout) + ", maxNodes=" + maxNodes + "]";
  }
}
