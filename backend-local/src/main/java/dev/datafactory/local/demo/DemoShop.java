package dev.datafactory.local.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small shop served on loopback for the demo schedule to scrape, offline: a home page linking to
 * three product pages (title, price, image, and reviews that a script renders after a short delay)
 * and a members page that looks like a captcha wall, the BLOCKED example.
 */
public final class DemoShop implements AutoCloseable {

    /** The port of DESIGN.md's example spec; any free port if it is taken. */
    public static final int DEFAULT_PORT = 8931;

    private static final Logger LOG = LoggerFactory.getLogger(DemoShop.class);
    private static final String ROOT = "/dev/datafactory/local/demo/shop/";
    private static final Pattern PRODUCT = Pattern.compile("/product/(\\d+)");
    private static final Pattern STATIC = Pattern.compile("/static/([a-z0-9-]+(?:/[a-z0-9-]+)*\\.(?:css|js|svg))");
    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8",
            "css", "text/css; charset=utf-8", "js", "text/javascript; charset=utf-8", "svg", "image/svg+xml");

    private final HttpServer server;
    private final ExecutorService executor;

    private DemoShop(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Starts on {@code port} (0 = any free port) of 127.0.0.1. */
    public static DemoShop start(int port) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 32);
            ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
                Thread t = new Thread(r, "demo-shop");
                t.setDaemon(true);
                return t;
            });
            server.setExecutor(executor);
            DemoShop shop = new DemoShop(server, executor);
            server.createContext("/", shop::handle);
            server.start();
            return shop;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve the demo shop on 127.0.0.1:" + port + ": " + e.getMessage(), e);
        }
    }

    /** Starts on {@link #DEFAULT_PORT}, or on a free port when that one is taken. */
    public static DemoShop startOnDefaultPort() {
        try {
            return start(DEFAULT_PORT);
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof BindException) {
                LOG.info("Port {} is taken; serving the demo shop on a free port instead", DEFAULT_PORT);
                return start(0);
            }
            throw e;
        }
    }

    /** {@code http://127.0.0.1:<port>/}. */
    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equals("GET") && !exchange.getRequestMethod().equals("HEAD")) {
                send(exchange, 405, "text/plain; charset=utf-8", "only GET".getBytes(StandardCharsets.UTF_8));
                return;
            }
            Optional<String> resource = route(exchange.getRequestURI().getPath());
            Optional<byte[]> body = resource.flatMap(DemoShop::read);
            if (body.isEmpty()) {
                send(exchange, 404, TYPES.get("html"), "<!doctype html><title>Not found</title><h1>Not found</h1>"
                        .getBytes(StandardCharsets.UTF_8));
                return;
            }
            String name = resource.get();
            send(exchange, 200, TYPES.getOrDefault(name.substring(name.lastIndexOf('.') + 1), "application/octet-stream"),
                    body.get());
        }
    }

    static Optional<String> route(String path) {
        if (path.equals("/") || path.equals("/index.html")) {
            return Optional.of("index.html");
        }
        if (path.equals("/members") || path.equals("/login")) {
            return Optional.of("members.html");
        }
        Matcher product = PRODUCT.matcher(path);
        if (product.matches()) {
            return Optional.of("product-" + product.group(1) + ".html");
        }
        Matcher file = STATIC.matcher(path);
        return file.matches() ? Optional.of(file.group(1)) : Optional.empty();
    }

    private static Optional<byte[]> read(String name) {
        try (InputStream in = DemoShop.class.getResourceAsStream(ROOT + name)) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            exchange.getResponseBody().write(body);
        }
    }

    public void stop() {
        server.stop(0);
        executor.shutdownNow();
    }

    @Override
    public void close() {
        stop();
    }
}
