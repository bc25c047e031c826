package dev.sloth.seq;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A log pipeline: {@code lines -> parse -> filter(status >= 500) -> dedupe(ip) -> batch(100)}. */
class LogPipelineTest {
  record Request(String ip, int status) {
    static Request parse(String line) {
      String[] f = line.split(" ");
      return new Request(f[0], Integer.parseInt(f[1]));
    }
  }

  @Test
  void worksAsWrittenStreamingOneLineAtATimeAndClosingTheFile(@TempDir Path dir) throws IOException {
    Path log = dir.resolve("access.log");
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
      lines.add("10.0." + (i % 250) / 10 + "." + i % 10 + " " + (i % 3 == 0 ? 503 : 200));
    }
    Files.write(log, lines);

    AtomicInteger parsed = new AtomicInteger();
    List<List<Request>> sent = new ArrayList<>();
    try (Seq<List<Request>> batches = Seq.lines(log)
        .map(Request::parse)
        .peek(r -> parsed.incrementAndGet())
        .filter(r -> r.status() >= 500)
        .dedupe(Request::ip)
        .batch(100)) {
      for (List<Request> batch : batches) {
        if (sent.isEmpty()) {
          assertThat(parsed.get()).as("streams: the first batch leaves before the file is read")
              .isLessThan(lines.size() / 2);
        }
        sent.add(batch);
      }
    }

    // 250 distinct IPs; every third line is a 503, so each IP shows a 503 (i % 3 cycles through all residues).
    assertThat(sent).extracting(List::size).containsExactly(100, 100, 50);
    assertThat(sent.stream().flatMap(List::stream).map(Request::ip).distinct().count()).isEqualTo(250);
    assertThat(sent.get(0).get(0)).isEqualTo(new Request("10.0.0.0", 503));
    assertThat(SeqResourcesTest.openDescriptorsOf(log)).isZero();
  }
}
