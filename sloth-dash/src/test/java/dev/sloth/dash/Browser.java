package dev.sloth.dash;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Debian's headless Chromium, driven over the DevTools protocol with the JDK's WebSocket client. Installed by the
 * project's scripts ({@code ./sloth setup}: {@code apt-get install -y chromium}); never downloaded from elsewhere.
 * One browser per test class; each test opens its own {@link Page} (a tab) and closes it.
 */
final class Browser implements AutoCloseable {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Pattern DEVTOOLS = Pattern.compile("DevTools listening on (ws://\\S+)");

  private final Process process;
  private final Path profile;
  private final WebSocket socket;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, CompletableFuture<Map<String, Object>>> pending = new ConcurrentHashMap<>();
  private final Map<String, Page> pages = new ConcurrentHashMap<>();
  private final List<String> log = Collections.synchronizedList(new ArrayList<>());

  static boolean available() {
    return Files.isExecutable(CHROMIUM);
  }

  /** The reason browser tests skip when there is no browser. */
  static String missing() {
    return CHROMIUM + " is not installed (./sloth setup installs it with apt-get install -y chromium; CI does): "
        + "browser tests skipped";
  }

  private Browser(Process process, Path profile, WebSocket socket) {
    this.process = process;
    this.profile = profile;
    this.socket = socket;
  }

  static Browser launch() throws Exception {
    Path profile = Files.createTempDirectory("sloth-dash-chromium");
    Process p = new ProcessBuilder(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--disable-extensions", "--disable-default-apps", "--mute-audio",
        "--remote-debugging-port=0", "--user-data-dir=" + profile, "about:blank")
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    CompletableFuture<String> url = new CompletableFuture<>();
    List<String> early = Collections.synchronizedList(new ArrayList<>());
    Thread reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          Matcher m = DEVTOOLS.matcher(line);
          if (m.find()) {
            url.complete(m.group(1));
          } else if (!url.isDone() && early.size() < 50) {
            early.add(line);
          }
        }
      } catch (IOException e) {
        url.completeExceptionally(e);
      }
      url.completeExceptionally(new IllegalStateException("chromium exited before printing its DevTools URL: "
          + early));
    }, "chromium-stderr");
    reader.setDaemon(true);
    reader.start();
    String ws;
    try {
      ws = url.get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      kill(p);
      deleteTree(profile);
      throw e;
    }
    Browser[] self = new Browser[1];
    StringBuilder partial = new StringBuilder();
    WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
        .buildAsync(URI.create(ws), new WebSocket.Listener() {
          @Override
          public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
              String text = partial.toString();
              partial.setLength(0);
              self[0].receive(text);
            }
            w.request(1);
            return null;
          }
        }).get(10, TimeUnit.SECONDS);
    self[0] = new Browser(p, profile, socket);
    return self[0];
  }

  private void receive(String text) {
    Map<String, Object> m = MiniJson.object(text);
    Object id = m.get("id");
    if (id != null) {
      CompletableFuture<Map<String, Object>> f = pending.remove(((Double) id).intValue());
      if (f != null) {
        f.complete(m);
      }
      return;
    }
    Page page = pages.get(String.valueOf(m.get("sessionId")));
    if (page != null) {
      page.event((String) m.get("method"), map(m.get("params")));
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object o) {
    return o == null ? Map.of() : (Map<String, Object>) o;
  }

  /** Sends a command (to a page's session, or to the browser if {@code session} is null) and waits for its result. */
  Map<String, Object> send(String session, String method, String params) throws Exception {
    int id = ids.incrementAndGet();
    CompletableFuture<Map<String, Object>> f = new CompletableFuture<>();
    pending.put(id, f);
    String msg = "{\"id\":" + id + ",\"method\":\"" + method + "\",\"params\":" + (params == null ? "{}" : params)
        + (session == null ? "" : ",\"sessionId\":\"" + session + "\"") + "}";
    socket.sendText(msg, true).get(10, TimeUnit.SECONDS);
    Map<String, Object> reply = f.get(60, TimeUnit.SECONDS);
    if (reply.containsKey("error")) {
      throw new IllegalStateException(method + " failed: " + reply.get("error"));
    }
    return map(reply.get("result"));
  }

  /** A new tab, 1280 x 900, with page, runtime, network and log events on, at {@code url}. */
  Page open(String url) throws Exception {
    String target = (String) send(null, "Target.createTarget", "{\"url\":\"about:blank\"}").get("targetId");
    String session = (String) send(null, "Target.attachToTarget",
        "{\"targetId\":\"" + target + "\",\"flatten\":true}").get("sessionId");
    Page p = new Page(this, target, session);
    pages.put(session, p);
    for (String domain : List.of("Page", "Runtime", "Network", "Log")) {
      send(session, domain + ".enable", null);
    }
    send(session, "Emulation.setDeviceMetricsOverride",
        "{\"width\":1280,\"height\":900,\"deviceScaleFactor\":1,\"mobile\":false}");
    p.navigate(url);
    return p;
  }

  void closePage(Page p) throws Exception {
    pages.remove(p.session);
    send(null, "Target.closeTarget", "{\"targetId\":\"" + p.target + "\"}");
  }

  @Override
  public void close() throws Exception {
    try {
      send(null, "Browser.close", null);
    } catch (Exception e) {
      log.add("Browser.close: " + e);
    }
    socket.abort();
    if (!process.waitFor(5, TimeUnit.SECONDS)) {
      kill(process);
    }
    kill(process);
    deleteTree(profile);
  }

  private static void kill(Process p) {
    p.descendants().forEach(ProcessHandle::destroyForcibly);
    p.destroyForcibly();
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      // a temporary profile; leave what cannot be removed
    }
  }

  /** One tab: evaluates script, takes screenshots, and records every request and every error it logs. */
  static final class Page implements AutoCloseable {
    private final Browser browser;
    final String target;
    final String session;
    final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    final List<String> errors = Collections.synchronizedList(new ArrayList<>());
    private volatile CompletableFuture<Void> loaded = new CompletableFuture<>();

    Page(Browser browser, String target, String session) {
      this.browser = browser;
      this.target = target;
      this.session = session;
    }

    void event(String method, Map<String, Object> p) {
      switch (method) {
        case "Page.loadEventFired" -> loaded.complete(null);
        case "Network.requestWillBeSent" -> requests.add(String.valueOf(map(p.get("request")).get("url")));
        case "Runtime.consoleAPICalled" -> {
          if ("error".equals(p.get("type")) || "assert".equals(p.get("type"))) {
            errors.add("console." + p.get("type") + ": " + p.get("args"));
          }
        }
        case "Runtime.exceptionThrown" -> errors.add("exception: " + p.get("exceptionDetails"));
        case "Log.entryAdded" -> {
          Map<String, Object> e = map(p.get("entry"));
          if ("error".equals(e.get("level"))) {
            errors.add("log: " + e.get("text") + " " + e.get("url"));
          }
        }
        default -> { }
      }
    }

    void navigate(String url) throws Exception {
      loaded = new CompletableFuture<>();
      Json j = new Json().open().field("url", url).close();
      browser.send(session, "Page.navigate", j.toString());
      loaded.get(30, TimeUnit.SECONDS);
    }

    /** Evaluates {@code js} in the page, awaiting a promise, and returns its value (numbers as doubles). */
    Object eval(String js) throws Exception {
      Json j = new Json().open().field("expression", js).field("awaitPromise", true).field("returnByValue", true)
          .close();
      Map<String, Object> r = browser.send(session, "Runtime.evaluate", j.toString());
      if (r.containsKey("exceptionDetails")) {
        throw new AssertionError("page script failed: " + js + "\n" + r.get("exceptionDetails"));
      }
      return map(r.get("result")).get("value");
    }

    byte[] screenshot() throws Exception {
      Map<String, Object> r = browser.send(session, "Page.captureScreenshot", "{\"format\":\"png\"}");
      return Base64.getDecoder().decode((String) r.get("data"));
    }

    /** The page's used JavaScript heap, in bytes. */
    double heapUsed() throws Exception {
      return (Double) browser.send(session, "Runtime.getHeapUsage", null).get("usedSize");
    }

    @Override
    public void close() throws Exception {
      browser.closePage(this);
    }
  }
}
