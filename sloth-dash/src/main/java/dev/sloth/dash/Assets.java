package dev.sloth.dash;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The page's three files, {@code index.html}, {@code dash.js} and {@code dash.css}: this module's own hand-written
 * code (vanilla JavaScript drawing into SVG and a canvas), loaded once from the module's resources. Nothing is
 * vendored and nothing is fetched from elsewhere, so the page works offline. The HTML has three markers that are
 * replaced by links to the other two files when served, or by the files themselves (and the data) in the
 * self-contained report.
 */
final class Assets {
  static final String HTML = load("index.html");
  static final String JS = load("dash.js");
  static final String CSS = load("dash.css");

  private Assets() {}

  /** The page as served: script and style by URL, live data over server-sent events. */
  static String servedPage() {
    return HTML.replace("<!--STYLE-->", "<link rel=\"stylesheet\" href=\"dash.css\">")
        .replace("<!--DATA-->", "")
        .replace("<!--SCRIPT-->", "<script src=\"dash.js\"></script>");
  }

  /** The page with its style, script and {@code data} (a full message) inlined: one file that opens anywhere. */
  static String report(String data) {
    if (JS.contains("</script") || CSS.contains("</style")) {
      throw new IllegalStateException("an asset contains a closing tag and cannot be inlined");
    }
    // Json.quote escapes '<' in every string, so the data cannot end its script element either
    return HTML.replace("<!--STYLE-->", "<style>\n" + CSS + "</style>")
        .replace("<!--DATA-->", "<script id=\"sloth-data\" type=\"application/json\">" + data + "</script>")
        .replace("<!--SCRIPT-->", "<script>\n" + JS + "</script>");
  }

  private static String load(String name) {
    try (InputStream in = Assets.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("sloth-dash resource '" + name + "' is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
