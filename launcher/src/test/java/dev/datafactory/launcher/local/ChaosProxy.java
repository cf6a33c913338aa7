package dev.datafactory.launcher.local;

import dev.datafactory.model.job.JobRequest;
import dev.datafactory.model.job.JobRequestCodec;
import dev.datafactory.model.pubsub.PushEnvelope;
import dev.datafactory.model.pubsub.PushEnvelopeCodec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * Sits between the queue's dispatcher and a real worker and misbehaves on purpose: answers 503 for
 * the worker, drops the connection before the worker sees the job, or lets the worker do the job
 * and then drops the connection before the answer gets back (a worker killed between writing its
 * result and acking). Decides per delivery from the job id and delivery attempt.
 */
final class ChaosProxy implements AutoCloseable {

    enum Act { FORWARD, UNAVAILABLE, DROP, FORWARD_THEN_DROP }

    record Delivery(String jobId, int attempt, Act act) {
    }

    private final URI target;
    private final Function<Delivery, Act> decide;
    private final ServerSocket server;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "chaos-proxy");
        t.setDaemon(true);
        return t;
    });
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private volatile boolean running = true;

    ChaosProxy(URI target, Function<Delivery, Act> decide) throws IOException {
        this.target = target;
        this.decide = decide;
        this.server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        pool.execute(this::accept);
    }

    URI pushUrl() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort() + "/pubsub/push");
    }

    List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    private void accept() {
        while (running) {
            try {
                Socket s = server.accept();
                pool.execute(() -> serve(s));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            InputStream in = socket.getInputStream();
            String requestLine = line(in);
            Map<String, String> headers = new ConcurrentHashMap<>();
            String h;
            while ((h = line(in)) != null && !h.isEmpty()) {
                int colon = h.indexOf(':');
                headers.put(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), h.substring(colon + 1).trim());
            }
            byte[] body = in.readNBytes(Integer.parseInt(headers.getOrDefault("content-length", "0")));
            PushEnvelope envelope = PushEnvelopeCodec.decode(body);
            JobRequest job = JobRequestCodec.parse("proxied job", envelope.message().data());
            Delivery d = new Delivery(job.jobId(), envelope.deliveryAttempt().orElse(0), Act.FORWARD);
            Act act = decide.apply(d);
            deliveries.add(new Delivery(d.jobId(), d.attempt(), act));
            OutputStream out = socket.getOutputStream();
            switch (act) {
                case UNAVAILABLE -> respond(out, 503, "saturated (chaos)");
                case DROP -> socket.setSoLinger(true, 0);
                case FORWARD, FORWARD_THEN_DROP -> {
                    HttpResponse<String> answer = http.send(HttpRequest.newBuilder(target)
                            .header("Content-Type", "application/json")
                            .header("Authorization", headers.getOrDefault("authorization", ""))
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (act == Act.FORWARD) {
                        respond(out, answer.statusCode(), answer.body());
                    } else {
                        socket.setSoLinger(true, 0);
                    }
                }
                default -> throw new IllegalStateException(act.name());
            }
        } catch (IOException | RuntimeException e) {
            // The dispatcher gave up on the connection, or the proxy is closing.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void respond(OutputStream out, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        out.write(("HTTP/1.1 " + status + " X\r\nConnection: close\r\nContent-Length: " + b.length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.write(b);
        out.flush();
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != -1 && c != '\n') {
            if (c != '\r') {
                buf.write(c);
            }
        }
        return c == -1 && buf.size() == 0 ? null : buf.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException {
        running = false;
        server.close();
        pool.shutdownNow();
    }
}
