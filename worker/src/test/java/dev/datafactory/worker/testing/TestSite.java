package dev.datafactory.worker.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;

/** Pages served on 127.0.0.1 by the tests themselves; records every path requested. */
public final class TestSite implements AutoCloseable {

    /** One response: status, content type, body and extra headers. */
    public record Reply(int status, String contentType, byte[] body, Map<String, String> headers) {
        public static Reply html(String html) {
            return new Reply(200, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8), Map.of());
        }

        public static Reply html(int status, String html) {
            return new Reply(status, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8), Map.of());
        }

        public static Reply redirect(String location) {
            return new Reply(302, "text/plain", new byte[0], Map.of("Location", location));
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(8);
    private final Map<String, Reply> pages = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Map<String, String>> requestHeaders = new ConcurrentHashMap<>();

    public TestSite() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    public TestSite page(String path, Reply reply) {
        pages.put(path, reply);
        return this;
    }

    public TestSite page(String path, String html) {
        return page(path, Reply.html(html));
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Paths requested so far (favicon requests left out), in order. */
    public List<String> requests() {
        return requests.stream().filter(p -> !p.equals("/favicon.ico")).toList();
    }

    public long requestsOf(String path) {
        return requests.stream().filter(path::equals).count();
    }

    public Map<String, String> headersOf(String path) {
        return requestHeaders.getOrDefault(path, Map.of());
    }

    public void clearRequests() {
        requests.clear();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        String query = exchange.getRequestURI().getRawQuery();
        String full = query == null ? path : path + "?" + query;
        requests.add(full);
        Map<String, String> headers = new ConcurrentHashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT),
                String.join(",", v)));
        requestHeaders.put(full, headers);
        Reply reply = pages.getOrDefault(full, pages.get(path));
        if (reply == null) {
            reply = Reply.html(404, "<html><body><h1>Not found</h1></body></html>");
        }
        reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        exchange.getResponseHeaders().add("Content-Type", reply.contentType());
        exchange.sendResponseHeaders(reply.status(), reply.body().length == 0 ? -1 : reply.body().length);
        try (var out = exchange.getResponseBody()) {
            out.write(reply.body());
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
