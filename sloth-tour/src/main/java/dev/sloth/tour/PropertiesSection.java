package dev.sloth.tour;

import dev.sloth.graph.Source;
import dev.sloth.lazy.LazyProperties;
import dev.sloth.lazy.LazyProperty;
import java.util.List;

/** Seed 001's DataPipeline: lazy properties with cascading invalidation, printing the seed's trace. */
final class PropertiesSection implements Section {
  @Override
  public String title() {
    return "Lazy properties: the seed's DataPipeline";
  }

  /** The seed's class, in Java. Each body reads what it needs, then says what it does. */
  static final class DataPipeline {
    private final LazyProperties props = LazyProperties.create();
    final Source<List<String>> rawData;
    final LazyProperty<List<String>> cleaned;
    final LazyProperty<List<List<String>>> tokenized;
    final LazyProperty<List<String>> vocabulary;

    DataPipeline(Out out, List<String> raw) {
      rawData = props.input("rawData", raw);
      cleaned = props.define("cleaned", () -> {
        List<String> lines = rawData.get();
        out.line("Cleaning data...");
        return lines.stream().map(s -> s.strip().toLowerCase()).toList();
      });
      tokenized = props.define("tokenized", () -> {
        List<String> lines = cleaned.get();
        out.line("Tokenizing...");
        return lines.stream().map(s -> List.of(s.split("\\s+"))).toList();
      });
      vocabulary = props.define("vocabulary", () -> {
        List<List<String>> tokens = tokenized.get();
        out.line("Building vocabulary...");
        return tokens.stream().flatMap(List::stream).distinct().sorted().toList();
      });
    }
  }

  @Override
  public void run(Out out) {
    DataPipeline pipeline = new DataPipeline(out, List.of("  Hello World  ", "Python IS Great  "));
    out.line("pipeline = DataPipeline([\"  Hello World  \", \"Python IS Great  \"])   # nothing computed yet: %s",
        pipeline.vocabulary);
    out.line("print(pipeline.vocabulary):");
    out.line("%s", pipeline.vocabulary.get());
    out.line("print(pipeline.vocabulary):   # cached: no recomputation");
    out.line("%s", pipeline.vocabulary.get());
    out.line("del pipeline.cleaned  ->  pipeline.cleaned.invalidate(); print(pipeline.vocabulary):");
    pipeline.cleaned.invalidate();
    out.line("%s", pipeline.vocabulary.get());
    out.line("pipeline.rawData.set([\"Sloth is lazy\"]); print(pipeline.tokenized):   # vocabulary not needed");
    pipeline.rawData.set(List.of("Sloth is lazy"));
    out.line("%s   (vocabulary evaluated? %s)", pipeline.tokenized.get(), pipeline.vocabulary.isEvaluated());
  }
}
