package dev.sloth.viz;

import dev.sloth.module.BindingState;
import dev.sloth.module.RegistrySnapshot;
import dev.sloth.module.RegistrySnapshot.BindingInfo;
import dev.sloth.module.RegistrySnapshot.Dependency;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a lazy-module registry's {@link RegistrySnapshot} into a {@link Picture}, as {@link GraphPictures} does for
 * graph snapshots: fill by {@link BindingState} in the same colours (resolved as valid, pending as new, resolving as
 * running), a purple border for eager bindings, the compute time under the name, each module a framed cluster;
 * collapsed by module, state and eagerness.
 *
 * <p>This is the only class of {@code sloth-viz} that uses {@code sloth-module}, an optional dependency. It is
 * loaded only when a registry is drawn, and whoever holds a {@code RegistrySnapshot} has {@code sloth-module}, so
 * drawing graphs works without it on the class or module path.
 */
final class ModulePictures {
  private static final List<Picture.Legend> MODULE_LEGEND = List.of(
      new Picture.Legend("eager", new Picture.Look(DotWriter.VALID, false, DotWriter.EAGER)),
      Picture.stateLegend("failed", DotWriter.FAILED), Picture.stateLegend("resolving", DotWriter.RUNNING),
      Picture.stateLegend("pending", DotWriter.NEW), Picture.stateLegend("resolved", DotWriter.VALID));

  private ModulePictures() {}

  private record BindingGroup(String module, BindingState state, boolean eager) {}

  static Picture of(RegistrySnapshot s, int maxBoxes) {
    Map<String, Integer> index = new HashMap<>();
    List<Picture.Item> items = new ArrayList<>(s.bindings().size());
    for (BindingInfo b : s.bindings()) {
      index.putIfAbsent(b.qualifiedName(), items.size());
      String label = b.computeTime() == null ? b.name() : b.name() + "\n" + time(b.computeTime());
      Picture.Look look = new Picture.Look(fill(b.state()), false, b.eager() ? DotWriter.EAGER : null);
      items.add(new Picture.Item(b.name(), label, tooltip(b), look, b.module(),
          new BindingGroup(b.module(), b.state(), b.eager()),
          Picture.lower(b.state()) + (b.eager() ? " eager" : "")));
    }
    List<Picture.Link> links = new ArrayList<>(s.dependencies().size());
    for (Dependency d : s.dependencies()) {
      Integer read = index.get(d.to());
      Integer reader = index.get(d.from());
      if (read != null && reader != null) {
        links.add(new Picture.Link(read, reader, false));
      }
    }
    return Picture.of(items, links, maxBoxes, "bindings", "module and state", MODULE_LEGEND);
  }

  static String fill(BindingState state) {
    return switch (state) {
      case RESOLVED -> DotWriter.VALID;
      case PENDING -> DotWriter.NEW;
      case RESOLVING -> DotWriter.RUNNING;
      case FAILED -> DotWriter.FAILED;
    };
  }

  private static String tooltip(BindingInfo b) {
    StringBuilder t = new StringBuilder(b.qualifiedName()).append(": ").append(b.type()).append(", ")
        .append(Picture.lower(b.state()));
    if (b.eager()) {
      t.append(", eager");
    }
    if (b.computeTime() != null) {
      t.append(", computed in ").append(time(b.computeTime()));
      if (b.totalTime() != null) {
        t.append(" (").append(time(b.totalTime())).append(" with its reads)");
      }
    }
    if (b.failure() != null) {
      t.append(", first failure: ").append(b.failure());
    }
    if (b.definedAt() != null) {
      t.append(", bound at ").append(b.definedAt());
    }
    return t.toString();
  }

  /** A duration as people read it: {@code 850 µs}, {@code 12.3 ms}, {@code 1.25 s}. */
  static String time(Duration d) {
    long nanos = d.toNanos();
    if (nanos < 1_000_000) {
      return String.format(Locale.ROOT, "%.0f \u00b5s", nanos / 1e3);
    }
    if (nanos < 1_000_000_000) {
      return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
    }
    return String.format(Locale.ROOT, "%.2f s", nanos / 1e9);
  }
}
