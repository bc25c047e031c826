package dev.sloth.tour;

/**
 * One chapter of the tour: a short, runnable demonstration of one Sloth feature that prints what happens
 * and how long it took.
 *
 * <pre>{@code
 * final class HelloSection implements Section {
 *   public String title() { return "Hello"; }
 *   public void run(Out out) { out.line("hello"); }
 * }
 * }</pre>
 */
interface Section {
  /** The heading printed above this section. */
  String title();

  /** Runs the demonstration, printing through {@code out}. */
  void run(Out out) throws Exception;
}
