package dev.datafactory.worker;

import com.sun.net.httpserver.HttpExchange;
import dev.datafactory.model.json.Json;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** JSON answers of the worker's endpoints. */
final class HttpReplies {

    private HttpReplies() {
    }

    static void json(HttpExchange exchange, int status, Map<String, ?> body) throws IOException {
        byte[] bytes = Json.write(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    static void error(HttpExchange exchange, int status, String reason) throws IOException {
        json(exchange, status, Map.of("status", status, "error", reason));
    }
}
