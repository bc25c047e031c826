package dev.sloth.dash;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP side: the JDK's {@code com.sun.net.httpserver} on 127.0.0.1, read-only (GET and HEAD), one virtual
 * thread per exchange. {@code /events} is a server-sent-event stream per client; everything else is a small
 * document.
 *
 * <p><b>Back-pressure.</b> Each client has an outbox of {@value #OUTBOX} messages that the pump offers to without
 * waiting. The client's own thread writes them to its socket, at most one every {@value #MIN_GAP_MILLIS} ms (so at
 * most 10 pushes a second). A client that cannot keep up finds its outbox full: the pump empties it and marks the
 * client for a full message instead, so a slow client costs a bounded amount of memory and a vanished one costs
 * nothing once its write fails. Engine threads never reach this class.
 *
 * <p><b>Safety.</b> The server binds to the loopback address only and answers only requests whose {@code Host} is
 * the loopback address or {@code localhost} with its port (so a web page elsewhere cannot reach it by DNS
 * rebinding); the page is served with a content security policy that allows nothing but this server.
 */
final class Server {
  static final int OUTBOX = 16;
  static final long MIN_GAP_MILLIS = 100;
  private static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
      + "img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
  private static final String POISON = "";
  private static final System.Logger LOG = System.getLogger("dev.sloth.dash");

  /** One connected page. */
  static final class Client {
    final ArrayBlockingQueue<String> outbox = new ArrayBlockingQueue<>(OUTBOX);
    volatile boolean needsFull = true;
    volatile boolean gone;
    volatile long sent;
  }

  private final HttpServer http;
  private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
  private final Model model;
  private final Dashboard owner;
  final List<Client> clients = new CopyOnWriteArrayList<>();

  Server(int port, Model model, Dashboard owner) throws IOException {
    this.model = model;
    this.owner = owner;
    http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    http.setExecutor(threads);
    http.createContext("/", this::handle);
    http.start();
  }

  int port() {
    return http.getAddress().getPort();
  }

  /** Pump thread: hands this tick's message to every client without waiting for any of them. */
  void push(String delta, java.util.function.Supplier<String> full, boolean structureChanged) {
    String fullText = null;
    for (Client c : clients) {
      if (structureChanged) {
        c.needsFull = true;
      }
      if (c.needsFull) {
        if (fullText == null) {
          fullText = full.get();
        }
        c.outbox.clear();
        if (c.outbox.offer(fullText)) {
          c.needsFull = false;
        }
      } else if (delta != null && !c.outbox.offer(delta)) {
        c.outbox.clear(); // fell behind: drop the backlog, send the whole picture when there is room
        c.needsFull = true;
      }
    }
  }

  void stop() {
    for (Client c : clients) {
      c.gone = true;
      c.outbox.clear();
      c.outbox.offer(POISON);
    }
    http.stop(0);
    threads.shutdownNow();
    try {
      threads.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void handle(HttpExchange x) throws IOException {
    try (x) {
      String method = x.getRequestMethod();
      if (!method.equals("GET") && !method.equals("HEAD")) {
        x.getResponseHeaders().set("Allow", "GET, HEAD");
        send(x, 405, "text/plain", "the dashboard is read-only: only GET and HEAD are served, not " + method);
        return;
      }
      String host = x.getRequestHeaders().getFirst("Host");
      int port = port();
      if (host == null || !(host.equals("127.0.0.1:" + port) || host.equals("localhost:" + port))) {
        send(x, 403, "text/plain", "the dashboard answers only on 127.0.0.1:" + port + " (Host was " + host + ")");
        return;
      }
      String path = x.getRequestURI().getPath();
      Map<String, String> q = query(x.getRequestURI().getRawQuery());
      switch (path) {
        case "/", "/index.html" -> send(x, 200, "text/html; charset=utf-8", Assets.servedPage());
        case "/dash.js" -> send(x, 200, "text/javascript; charset=utf-8", Assets.JS);
        case "/dash.css" -> send(x, 200, "text/css; charset=utf-8", Assets.CSS);
        case "/events" -> {
          if (method.equals("HEAD")) {
            x.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
            x.sendResponseHeaders(200, -1);
          } else {
            stream(x);
          }
        }
        case "/api/node" -> json(x, model.detail(q.getOrDefault("name", "")), "no node called " + q.get("name"));
        case "/api/function" -> json(x, model.members(q.getOrDefault("name", ""), 200),
            "no function called " + q.get("name"));
        case "/trace.json" -> {
          x.getResponseHeaders().set("Content-Disposition", "attachment; filename=\"sloth-trace.json\"");
          send(x, 200, "application/json", model.trace());
        }
        case "/report.html" -> {
          x.getResponseHeaders().set("Content-Disposition", "attachment; filename=\"sloth-report.html\"");
          send(x, 200, "text/html; charset=utf-8", owner.reportHtml());
        }
        default -> send(x, 404, "text/plain", "no such page: " + path);
      }
    } catch (IOException e) {
      LOG.log(System.Logger.Level.DEBUG, "dashboard client went away", e);
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "dashboard request failed", e);
    }
  }

  private void json(HttpExchange x, String body, String missing) throws IOException {
    if (body == null) {
      send(x, 404, "text/plain", missing);
    } else {
      send(x, 200, "application/json", body);
    }
  }

  private static void send(HttpExchange x, int status, String type, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    x.getResponseHeaders().set("Content-Type", type);
    x.getResponseHeaders().set("Cache-Control", "no-store");
    x.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
    x.getResponseHeaders().set("Content-Security-Policy", CSP);
    if (x.getRequestMethod().equals("HEAD")) {
      x.sendResponseHeaders(status, -1);
      return;
    }
    x.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = x.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** The client's thread: writes its outbox to the socket, paced, until it fails or the dashboard stops. */
  private void stream(HttpExchange x) throws IOException {
    x.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
    x.getResponseHeaders().set("Cache-Control", "no-store");
    x.sendResponseHeaders(200, 0);
    Client c = new Client();
    clients.add(c);
    owner.wake();
    try (OutputStream out = x.getResponseBody()) {
      out.write("retry: 1000\n\n".getBytes(StandardCharsets.UTF_8));
      out.flush();
      long last = 0;
      while (!c.gone) {
        String msg = c.outbox.poll(15, TimeUnit.SECONDS);
        if (msg == POISON || c.gone) {
          break;
        }
        if (msg == null) {
          out.write(": keep-alive\n\n".getBytes(StandardCharsets.UTF_8)); // finds out whether the client is still there
          out.flush();
          continue;
        }
        long wait = last + TimeUnit.MILLISECONDS.toNanos(MIN_GAP_MILLIS) - System.nanoTime();
        if (wait > 0) {
          TimeUnit.NANOSECONDS.sleep(wait); // pacing, not ordering: at most 10 pushes a second
        }
        out.write(("data: " + msg + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        last = System.nanoTime();
        c.sent++;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      c.gone = true;
      clients.remove(c);
    }
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> q = new HashMap<>();
    if (raw == null) {
      return q;
    }
    for (String part : raw.split("&")) {
      int eq = part.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? part : part.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8);
      q.putIfAbsent(k, v);
    }
    return q;
  }
}
