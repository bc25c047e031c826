package dev.sloth.cluster;

import java.io.Serial;
import java.io.Serializable;

/** Stands for a null result in the results map, which holds no nulls. */
final class NullValue implements Serializable {
  @Serial private static final long serialVersionUID = 1L;
  static final NullValue INSTANCE = new NullValue();

  private NullValue() {}

  @Serial
  private Object readResolve() {
    return INSTANCE;
  }
}
