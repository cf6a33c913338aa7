package dev.datafactory.local.support;

import dev.datafactory.model.artifact.ArtifactKeys;
import dev.datafactory.model.job.JobRequest;
import dev.datafactory.model.job.JobRequestCodec;
import dev.datafactory.model.ports.ArtifactStore;
import dev.datafactory.model.pubsub.PushEnvelope;
import dev.datafactory.model.pubsub.PushEnvelopeCodec;
import dev.datafactory.model.run.BlockVerdict;
import dev.datafactory.model.run.EnvironmentFingerprint;
import dev.datafactory.model.run.RunRecord;
import dev.datafactory.model.run.RunRecordCodec;
import dev.datafactory.model.run.RunStatus;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A test peer that speaks the worker's push contract (DESIGN.md "Worker HTTP contract") over a raw
 * socket, so it can also misbehave the ways real workers do: answer 503, drop the connection,
 * die after writing its result but before answering. Its "scrape" writes the result and the run
 * record with putIfAbsent, keyed by the job id, as the real worker does; a redelivered job whose
 * result exists is acknowledged without scraping again.
 */
public final class PushPeer implements AutoCloseable {

    /** What the peer does with one delivery. */
    public enum Behaviour {
        /** Scrape (unless already done) and answer 200. */
        OK,
        /** Answer 503: saturated. */
        UNAVAILABLE,
        /** Answer 500: a retryable failure. */
        FAIL,
        /** Close the connection without an answer before doing anything. */
        DROP,
        /** Do the work, then close the connection without answering: killed between writing and acking. */
        DIE_AFTER_WRITE
    }

    /** One delivery as received. */
    public record Received(String jobId, int deliveryAttempt, String messageId, String subscription,
                           Behaviour behaviour) {
    }

    private final ArtifactStore store;
    private final String expectedToken;
    private final Function<Received, Behaviour> behaviour;
    private final long workMillis;
    private final ServerSocket server;
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "push-peer");
        t.setDaemon(true);
        return t;
    });
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger scrapes = new AtomicInteger();
    private final AtomicInteger concurrent = new AtomicInteger();
    private final AtomicInteger maxConcurrent = new AtomicInteger();
    private final AtomicInteger unauthorized = new AtomicInteger();
    private volatile boolean running = true;

    /**
     * @param behaviour decides per delivery (it sees the job id and delivery attempt)
     * @param workMillis how long a scrape takes
     */
    public PushPeer(ArtifactStore store, String expectedToken, Function<Received, Behaviour> behaviour, long workMillis)
            throws IOException {
        this.store = store;
        this.expectedToken = expectedToken;
        this.behaviour = behaviour;
        this.workMillis = workMillis;
        this.server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        pool.execute(this::acceptLoop);
    }

    public URI pushUrl() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort() + "/pubsub/push");
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    /** How many scrapes created a result (putIfAbsent won). */
    public int scrapes() {
        return scrapes.get();
    }

    public int maxConcurrent() {
        return maxConcurrent.get();
    }

    public int unauthorized() {
        return unauthorized.get();
    }

    private void acceptLoop() {
        while (running) {
            try {
                Socket s = server.accept();
                open.add(s);
                pool.execute(() -> serve(s));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            InputStream in = socket.getInputStream();
            while (running) {
                Optional<Request> request = Request.read(in);
                if (request.isEmpty()) {
                    return;
                }
                if (!handle(request.get(), socket.getOutputStream())) {
                    abort(socket);
                    return;
                }
            }
        } catch (IOException e) {
            // The dispatcher gave up on this connection (timeout) or the peer was closed: fine.
        } finally {
            open.remove(socket);
        }
    }

    /** Returns false when the connection must be dropped without an answer. */
    private boolean handle(Request request, OutputStream out) throws IOException {
        if (!request.path().equals("/pubsub/push") || !request.method().equals("POST")) {
            respond(out, 404, "not found");
            return true;
        }
        if (!("Bearer " + expectedToken).equals(request.headers().get("authorization"))) {
            unauthorized.incrementAndGet();
            respond(out, 401, "bad token");
            return true;
        }
        PushEnvelope envelope = PushEnvelopeCodec.decode(request.body());
        JobRequest job = JobRequestCodec.parse("pushed job", envelope.message().data());
        Received r = new Received(job.jobId(), envelope.deliveryAttempt().orElse(0), envelope.message().messageId(),
                envelope.subscription(), Behaviour.OK);
        Behaviour b = behaviour.apply(r);
        received.add(new Received(r.jobId(), r.deliveryAttempt(), r.messageId(), r.subscription(), b));
        int now = concurrent.incrementAndGet();
        maxConcurrent.accumulateAndGet(now, Math::max);
        try {
            switch (b) {
                case UNAVAILABLE -> {
                    respond(out, 503, "saturated");
                    return true;
                }
                case FAIL -> {
                    respond(out, 500, "boom");
                    return true;
                }
                case DROP -> {
                    return false;
                }
                case DIE_AFTER_WRITE -> {
                    scrape(job, r.deliveryAttempt());
                    return false;
                }
                case OK -> {
                    scrape(job, r.deliveryAttempt());
                    respond(out, 200, "ok");
                    return true;
                }
                default -> throw new IllegalStateException(b.name());
            }
        } finally {
            concurrent.decrementAndGet();
        }
    }

    private void scrape(JobRequest job, int attempt) {
        String resultKey = ArtifactKeys.results(job.scheduleId(), job.runId(), job.jobId());
        if (store.stat(resultKey).isPresent()) {
            return;
        }
        Instant started = Instant.now();
        sleep(workMillis);
        String line = "{\"url\":\"" + job.spec().startUrls().get(0) + "\",\"jobId\":\"" + job.jobId()
                + "\",\"attempt\":" + attempt + "}\n";
        if (store.putIfAbsent(resultKey, line.getBytes(StandardCharsets.UTF_8), "application/x-ndjson", Map.of())) {
            scrapes.incrementAndGet();
        }
        RunRecord record = new RunRecord(job.runId(), job.jobId(), job.scheduleId(), job.trigger(), attempt,
                RunStatus.SUCCEEDED, BlockVerdict.clear(), 1, 1, started, Instant.now(), "test-peer", "local",
                EnvironmentFingerprint.unknown("test-peer"), List.of(), Optional.of(resultKey), Optional.empty());
        store.putIfAbsent(ArtifactKeys.runRecord(job.runId(), job.jobId()), RunRecordCodec.toBytes(record),
                "application/json", Map.of());
    }

    private static void respond(OutputStream out, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        out.write(("HTTP/1.1 " + status + " X\r\nContent-Type: text/plain\r\nContent-Length: " + b.length
                + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(b);
        out.flush();
    }

    private static void abort(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
        } catch (SocketException ignored) {
            // Closing without RST is a dropped connection too.
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws IOException {
        running = false;
        server.close();
        for (Socket s : open) {
            s.close();
        }
        pool.shutdownNow();
    }

    /** A minimal HTTP/1.1 request reader: request line, headers, Content-Length body. */
    private record Request(String method, String path, Map<String, String> headers, byte[] body) {

        static Optional<Request> read(InputStream in) throws IOException {
            String requestLine = line(in);
            if (requestLine == null || requestLine.isEmpty()) {
                return Optional.empty();
            }
            String[] parts = requestLine.split(" ");
            Map<String, String> headers = new ConcurrentHashMap<>();
            String h;
            while ((h = line(in)) != null && !h.isEmpty()) {
                int colon = h.indexOf(':');
                if (colon > 0) {
                    headers.put(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), h.substring(colon + 1).trim());
                }
            }
            int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
            byte[] body = in.readNBytes(length);
            return Optional.of(new Request(parts[0], parts.length > 1 ? parts[1] : "/", headers, body));
        }

        private static String line(InputStream in) throws IOException {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            int c;
            while ((c = in.read()) != -1) {
                if (c == '\n') {
                    break;
                }
                if (c != '\r') {
                    buf.write(c);
                }
            }
            if (c == -1 && buf.size() == 0) {
                return null;
            }
            return buf.toString(StandardCharsets.US_ASCII);
        }
    }
}
