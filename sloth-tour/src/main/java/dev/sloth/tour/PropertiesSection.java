package dev.sloth.tour;

import dev.sloth.graph.Source;
import dev.sloth.lazy.LazyProperties;
import dev.sloth.lazy.LazyProperty;
import java.util.List;

/** A data pipeline as lazy properties with cascading invalidation, printing what each step computes. */
final class PropertiesSection implements Section {
  @Override
  public String title() {
    return "Lazy properties: a DataPipeline";
  }

  /** The pipeline's class. Each body reads what it needs, then says what it does. */
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
    out.line("pipeline = new DataPipeline(List.of(\"  Hello World  \", \"Python IS Great  \"))   // nothing yet: %s",
        pipeline.vocabulary);
    out.line("pipeline.vocabulary.get():");
    out.line("%s", pipeline.vocabulary.get());
    out.line("pipeline.vocabulary.get():   // cached: no recomputation");
    out.line("%s", pipeline.vocabulary.get());
    out.line("pipeline.cleaned.invalidate(); pipeline.vocabulary.get():");
    pipeline.cleaned.invalidate();
    out.line("%s", pipeline.vocabulary.get());
    out.line("pipeline.rawData.set(List.of(\"Sloth is lazy\")); pipeline.tokenized.get():   // vocabulary not needed");
    pipeline.rawData.set(List.of("Sloth is lazy"));
    out.line("%s   (vocabulary evaluated? %s)", pipeline.tokenized.get(), pipeline.vocabulary.isEvaluated());
  }
}
