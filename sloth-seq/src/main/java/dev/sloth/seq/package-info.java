/**
 * Pull-based lazy sequences that always close what they open: {@link dev.sloth.seq.Seq} and its primitive
 * forms {@link dev.sloth.seq.LongSeq}, {@link dev.sloth.seq.IntSeq} and {@link dev.sloth.seq.DoubleSeq}, and
 * {@link dev.sloth.seq.Page} for paginated asynchronous sources.
 *
 * <pre>{@code
 * List<Long> firstTen = Seq.range(0L, 10_000_000L).map(x -> x * x).filter(x -> x % 2 == 0).take(10).toList();
 * try (Seq<String> lines = Seq.lines(Path.of("app.log"))) {
 *   lines.filter(l -> l.contains("FATAL")).first();   // the file is closed however the iteration ends
 * }
 * }</pre>
 */
package dev.sloth.seq;
