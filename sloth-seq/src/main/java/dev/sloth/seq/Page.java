package dev.sloth.seq;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One page of a paginated source for {@link Seq#paged}: its items and the cursor of the next page, or none.
 *
 * <pre>{@code
 * Page<User, String> page = Page.of(users, "token-42");   // more pages follow
 * Page<User, String> end = Page.last(users);              // the final page
 * }</pre>
 *
 * @param items the page's items, in order (an immutable copy; may contain nulls)
 * @param next the cursor to fetch the following page with, or {@code null} if this page is the last
 * @param <T> the type of the items
 * @param <C> the type of the page cursor (a token, an offset, a page number...)
 */
public record Page<T, C>(List<T> items, C next) {
  /** Copies {@code items} into an unmodifiable list; {@code items} must not be null. */
  public Page {
    Objects.requireNonNull(items, "items");
    items = Collections.unmodifiableList(new ArrayList<>(items));
  }

  /**
   * A page followed by the page that {@code next} fetches.
   *
   * @param <T> the type of the elements
   * @param <C> the type of the page cursor
   * @param items the page's items, copied
   * @param next the cursor to fetch the following page with (not null: use {@link #last} for the final page)
   * @return a page followed by the page that {@code next} fetches
   */
  public static <T, C> Page<T, C> of(List<T> items, C next) {
    return new Page<>(items, Objects.requireNonNull(next, "next (use Page.last for the final page)"));
  }

  /**
   * The final page.
   *
   * @param <T> the type of the elements
   * @param <C> the type of the page cursor
   * @param items the page's items, copied
   * @return the final page
   */
  public static <T, C> Page<T, C> last(List<T> items) {
    return new Page<>(items, null);
  }

  /**
   * Whether another page follows.
   *
   * @return whether another page follows
   */
  public boolean hasNext() {
    return next != null;
  }
}
