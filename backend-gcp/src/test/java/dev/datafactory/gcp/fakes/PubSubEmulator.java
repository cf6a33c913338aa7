package dev.datafactory.gcp.fakes;

import org.junit.jupiter.api.Assumptions;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The real Pub/Sub emulator shipped with the Cloud SDK, on a free loopback port, for one test
 * class. Where it is not installed, tests using it are skipped with a message saying so.
 */
public final class PubSubEmulator implements AutoCloseable {

    public static final Path BINARY = Path.of(System.getProperty("pubsub.emulator",
            "/usr/lib/google-cloud-sdk/platform/pubsub-emulator/bin/cloud-pubsub-emulator"));

    private final Process process;
    private final int port;

    private PubSubEmulator(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Skips the calling test class, saying why, when the emulator is not installed. */
    public static void assumeInstalled() {
        Assumptions.assumeTrue(Files.isExecutable(BINARY), "Pub/Sub emulator not found at " + BINARY
                + " (install the Cloud SDK component pubsub-emulator, or set -Dpubsub.emulator=PATH): skipping");
    }

    /** Starts the emulator, or skips the calling test class when it is absent. */
    public static PubSubEmulator start() throws Exception {
        assumeInstalled();
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Process process = new ProcessBuilder(BINARY.toString(), "--host=127.0.0.1", "--port=" + port)
                .redirectErrorStream(true).start();
        CountDownLatch started = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.contains("Server started")) {
                        started.countDown();
                    }
                }
            } catch (IOException e) {
                // The process ended; start() notices by timing out.
            }
        }, "pubsub-emulator-output");
        reader.setDaemon(true);
        reader.start();
        if (!started.await(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("Pub/Sub emulator did not start within 60 s on port " + port);
        }
        return new PubSubEmulator(process, port);
    }

    public String endpoint() {
        return "127.0.0.1:" + port;
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
