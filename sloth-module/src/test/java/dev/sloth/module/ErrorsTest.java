package dev.sloth.module;

import static dev.sloth.module.LoadAndPolicyTest.nextLine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ErrorsTest {

  private static ModuleRegistry registry() {
    return ModuleRegistry.builder().mode(ModuleRegistry.Mode.LAZY_AS_DECLARED).build();
  }

  @Test
  void aFailingDefinitionNamesTheModuleTheBindingWhereItWasDefinedAndWhereItWasFirstRead() {
    UncheckedIOException refused = new UncheckedIOException(new IOException("connection refused"));
    LazyModule m = LazyModule.named("db");
    int definedLine = nextLine();
    Binding<String> pool = m.bind("pool", String.class, () -> {
      throw refused;
    });
    registry().load(m);

    int readLine = nextLine();
    BindingException e = catchBinding(() -> pool.get());
    assertThat(e.module()).isEqualTo("db");
    assertThat(e.binding()).isEqualTo("pool");
    assertThat(e.getCause()).isSameAs(refused);
    assertThat(e.definedAt().getLineNumber()).isEqualTo(definedLine);
    assertThat(e.firstReadAt().getLineNumber()).isEqualTo(readLine);
    assertThat(e.getMessage())
        .startsWith("binding 'db.pool' failed: java.io.UncheckedIOException: java.io.IOException: connection refused")
        .contains("defined at    dev.sloth.module.ErrorsTest.")
        .contains("(ErrorsTest.java:" + definedLine + ")")
        .contains("first read at dev.sloth.module.ErrorsTest.")
        .contains("(ErrorsTest.java:" + readLine + ")");
  }

  @Test
  void aFailureDeepInsideOtherDefinitionsKeepsTheWholePathAndTheOriginalCause() {
    IllegalStateException missing = new IllegalStateException("missing key");
    LazyModule m = LazyModule.named("app");
    Binding<String> secret = m.bind("secret", String.class, () -> {
      throw missing;
    });
    Binding<String> client = m.bind("client", String.class, () -> "client(" + secret.get() + ")");
    Binding<String> handler = m.bind("handler", String.class, () -> "handler(" + client.get() + ")");
    ModuleRegistry registry = registry();
    registry.load(m);

    BindingException e = catchBinding(handler::get);
    assertThat(e.binding()).isEqualTo("secret");
    assertThat(e.path()).containsExactly("app.handler", "app.client", "app.secret");
    assertThat(e.getCause()).isSameAs(missing);
    assertThat(e.getMessage()).contains("read via      app.handler -> app.client -> app.secret");
    // secret was first read inside client's definition: that line, not the handler's, is where it was first read
    assertThat(e.firstReadAt().getMethodName()).contains("lambda");
    assertThat(registry.snapshot().binding("app.secret").state()).isEqualTo(BindingState.FAILED);
  }

  @Test
  void theNextReadTriesAgainAndTheFirstFailureIsKept() {
    AtomicInteger attempts = new AtomicInteger();
    LazyModule m = LazyModule.named("app");
    Binding<Integer> flaky = m.bind("flaky", Integer.class, () -> {
      int n = attempts.incrementAndGet();
      if (n < 3) {
        throw new IllegalStateException("attempt " + n);
      }
      return n;
    });
    ModuleRegistry registry = registry();
    registry.load(m);

    assertThatThrownBy(flaky::get).isInstanceOf(BindingException.class).cause().hasMessage("attempt 1");
    assertThatThrownBy(flaky::get).isInstanceOf(BindingException.class).cause().hasMessage("attempt 2");
    assertThat(registry.snapshot().binding("app.flaky").failure())
        .isEqualTo("java.lang.IllegalStateException: attempt 1");
    assertThat(flaky.get()).isEqualTo(3);
    assertThat(flaky.get()).isEqualTo(3);
    assertThat(attempts).hasValue(3);
    assertThat(flaky.state()).isEqualTo(BindingState.RESOLVED);
  }

  @Test
  void aRegistryThatCachesFailuresRethrowsWithoutRunningTheDefinitionAgain() {
    AtomicInteger attempts = new AtomicInteger();
    LazyModule m = LazyModule.named("app");
    Binding<Integer> broken = m.bind("broken", Integer.class, () -> {
      throw new IllegalStateException("attempt " + attempts.incrementAndGet());
    });
    ModuleRegistry.builder().mode(ModuleRegistry.Mode.LAZY_AS_DECLARED).cachingFailures().build().load(m);
    assertThatThrownBy(broken::get).isInstanceOf(BindingException.class).cause().hasMessage("attempt 1");
    assertThatThrownBy(broken::get).isInstanceOf(BindingException.class).cause().hasMessage("attempt 1");
    assertThat(attempts).hasValue(1);
  }

  @Test
  void aDefinitionCanCatchTheFailureOfABindingItReadsAndFallBack() {
    LazyModule m = LazyModule.named("app");
    Binding<String> primary = m.bind("primary", String.class, () -> {
      throw new IllegalStateException("down");
    });
    Binding<String> chosen = m.bind("chosen", String.class, () -> {
      try {
        return primary.get();
      } catch (BindingException e) {
        return "fallback because " + e.binding() + " failed";
      }
    });
    registry().load(m);
    assertThat(chosen.get()).isEqualTo("fallback because primary failed");
  }

  /** A value, or an exception, whose toString (and so its message in a string) throws. */
  private static final class Unprintable {
    @Override
    public String toString() {
      throw new IllegalStateException("toString of the value threw");
    }
  }

  @Test
  void aValueOfTheWrongTypeWhoseToStringThrowsIsStillReportedAsTheWrongType() {
    LazyModule m = LazyModule.named("app");
    @SuppressWarnings({"unchecked", "rawtypes"})
    Binding<String> wrong = m.bind("wrong", String.class, (java.util.function.Supplier) Unprintable::new);
    registry().load(m);
    BindingException e = catchBinding(wrong::get);
    assertThat(e.binding()).isEqualTo("wrong");
    assertThat(e.getCause()).isInstanceOf(ClassCastException.class)
        .hasMessageStartingWith("the definition of binding 'app.wrong' returned a " + Unprintable.class.getName()
            + " (")
        .hasMessageContaining("its toString threw java.lang.IllegalStateException")
        .hasMessageEndingWith("), expected a java.lang.String");
  }

  @Test
  void aHookExceptionWhoseToStringThrowsIsStillTheCauseOfTheFailedLoad() {
    RuntimeException unprintable = new IllegalStateException() {
      @Override
      public String toString() {
        throw new UnsupportedOperationException("toString of the exception threw");
      }
    };
    LazyModule m = LazyModule.named("migrations").atLoad(() -> {
      throw unprintable;
    });
    ModuleRegistry registry = registry();
    assertThatThrownBy(() -> registry.load(m)).isExactlyInstanceOf(ModuleException.class)
        .hasCauseReference(unprintable)
        .hasMessageStartingWith("module 'migrations' failed to load: its at-load hook (defined at ")
        .hasMessageContaining(") threw " + unprintable.getClass().getName() + "@")
        .hasMessageEndingWith(" (its toString threw java.lang.UnsupportedOperationException)");
    assertThat(m.isLoaded()).isFalse();
  }

  /**
   * A definition's exception whose {@code toString} throws is still the cause, blamed on the binding that threw it,
   * when another binding read it: the engine's {@code EvaluationException} message shows such an exception as its
   * class and what its toString threw (sloth-core's {@code NodeFailure}; before, building the message threw, and the
   * reader {@code app.b} was blamed with the toString's exception).
   */
  @Test
  void aDefinitionExceptionWhoseToStringThrowsIsStillTheCauseAndBlamesTheBindingThatThrewIt() {
    RuntimeException unprintable = new IllegalStateException("real failure") {
      @Override
      public String toString() {
        throw new UnsupportedOperationException("toString of the exception threw");
      }
    };
    LazyModule m = LazyModule.named("app");
    Binding<String> a = m.bind("a", String.class, () -> {
      throw unprintable;
    });
    Binding<String> b = m.bind("b", String.class, () -> a.get() + "b");
    registry().load(m);
    BindingException e = catchBinding(b::get);
    assertThat(e.binding()).isEqualTo("a");
    assertThat(e.getCause()).isSameAs(unprintable);
  }

  private static BindingException catchBinding(Runnable r) {
    try {
      r.run();
    } catch (BindingException e) {
      return e;
    }
    throw new AssertionError("expected a BindingException");
  }
}
