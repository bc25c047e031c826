package dev.sloth.tour;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The tour: a runnable walk through Sloth's features, printing what happens and how long it took. Pass section
 * titles (case-insensitive prefixes) to run only those. Files it writes (pictures) go to {@code tour-output/}.
 *
 * <pre>{@code
 * ./sloth tour                 # every section
 * ./sloth tour graph lazy      # the sections whose titles start with "graph" or "lazy"
 * }</pre>
 */
public final class Tour {
  private Tour() {}

  static List<Section> sections() {
    return List.of(new GraphSection(), new EngineExtrasSection(), new VizSection(), new DashSection(), new SeqSection(),
        new PropertiesSection(), new ModuleSection(), new ArraySection(), new ClusterSection(),
        new CacheSection());
  }

  public static void main(String[] args) throws Exception {
    List<String> unknown = unmatched(args);
    if (!unknown.isEmpty()) {
      System.err.println("no tour section starts with " + String.join(", ", unknown) + "; the sections are:");
      for (Section s : sections()) {
        System.err.println("  " + s.title());
      }
      System.exit(2);
    }
    Out out = new Out(System.out, Path.of("tour-output").toAbsolutePath());
    long start = System.nanoTime();
    int ran = 0;
    for (Section s : sections()) {
      if (!selected(s, args)) {
        continue;
      }
      System.out.println();
      System.out.println("== " + s.title() + " " + "=".repeat(Math.max(3, 72 - s.title().length())));
      long t = System.nanoTime();
      s.run(out);
      System.out.printf("  (section took %.1f ms)%n", Out.millisSince(t));
      ran++;
    }
    System.out.printf("%nTour done: %d sections in %.2f s.%n", ran, Out.millisSince(start) / 1000);
  }

  /** The words that select no section (a typo would otherwise run nothing and say "0 sections"). */
  static List<String> unmatched(String[] args) {
    List<String> unknown = new java.util.ArrayList<>();
    for (String a : args) {
      String word = a.toLowerCase(Locale.ROOT);
      if (sections().stream().noneMatch(s -> s.title().toLowerCase(Locale.ROOT).startsWith(word))) {
        unknown.add("'" + a + "'");
      }
    }
    return unknown;
  }

  private static boolean selected(Section s, String[] args) {
    if (args.length == 0) {
      return true;
    }
    String title = s.title().toLowerCase(Locale.ROOT);
    for (String a : args) {
      if (title.startsWith(a.toLowerCase(Locale.ROOT))) {
        return true;
      }
    }
    return false;
  }
}
