package dev.datafactory.gcp.fakes;

import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Minimal Functions Framework request and response, as the invoker hands them to a function. */
public final class TestHttp {

    private TestHttp() {
    }

    public static Request post(byte[] body, Map<String, String> headers) {
        return new Request("POST", body, headers);
    }

    public record Request(String method, byte[] body, Map<String, String> headerValues) implements HttpRequest {

        @Override
        public String getMethod() {
            return method;
        }

        @Override
        public String getUri() {
            return "http://127.0.0.1/orchestrate";
        }

        @Override
        public String getPath() {
            return "/orchestrate";
        }

        @Override
        public Optional<String> getQuery() {
            return Optional.empty();
        }

        @Override
        public Map<String, List<String>> getQueryParameters() {
            return Map.of();
        }

        @Override
        public Map<String, HttpPart> getParts() {
            return Map.of();
        }

        @Override
        public Optional<String> getContentType() {
            return Optional.of("application/json");
        }

        @Override
        public long getContentLength() {
            return body.length;
        }

        @Override
        public Optional<String> getCharacterEncoding() {
            return Optional.of("UTF-8");
        }

        @Override
        public InputStream getInputStream() {
            return new ByteArrayInputStream(body);
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }

        /** Header names are case-insensitive, as the invoker treats them. */
        @Override
        public Map<String, List<String>> getHeaders() {
            Map<String, List<String>> out = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            headerValues.forEach((k, v) -> out.put(k, List.of(v)));
            return out;
        }
    }

    public static final class Response implements HttpResponse {

        private final ByteArrayOutputStream body = new ByteArrayOutputStream();
        private final Map<String, List<String>> headers = new LinkedHashMap<>();
        private int status = 200;
        private String contentType;

        public int status() {
            return status;
        }

        public String body() {
            return body.toString(StandardCharsets.UTF_8);
        }

        @Override
        public void setStatusCode(int code) {
            status = code;
        }

        @Override
        public void setStatusCode(int code, String message) {
            status = code;
        }

        @Override
        public void setContentType(String type) {
            contentType = type;
        }

        @Override
        public Optional<String> getContentType() {
            return Optional.ofNullable(contentType);
        }

        @Override
        public void appendHeader(String name, String value) {
            headers.computeIfAbsent(name, k -> new java.util.ArrayList<>()).add(value);
        }

        @Override
        public Map<String, List<String>> getHeaders() {
            return headers;
        }

        @Override
        public OutputStream getOutputStream() {
            return body;
        }

        @Override
        public BufferedWriter getWriter() {
            return new BufferedWriter(new OutputStreamWriter(body, StandardCharsets.UTF_8));
        }
    }
}
