package dev.datafactory.worker.engine;

import dev.datafactory.model.json.Json;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One headless Chromium process with a DevTools endpoint on loopback. The engine starts it itself
 * (rather than through one Playwright instance) so that several Playwright drivers, one per worker
 * thread, can share this single browser over CDP: Playwright is not thread-safe, but one browser
 * per process is what keeps memory flat.
 */
final class ChromiumProcess implements AutoCloseable {

    /**
     * Playwright's own launch defaults for headless Chromium (so pages behave as under a Playwright
     * launch: no back-forward cache to freeze each page we navigate away from, no paint holding, no
     * background throttling), minus --enable-automation, plus what a container needs.
     */
    private static final List<String> DEFAULT_ARGS = List.of("--headless", "--hide-scrollbars", "--mute-audio",
            "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--disable-field-trial-config", "--disable-background-networking",
            "--disable-background-timer-throttling", "--disable-backgrounding-occluded-windows",
            "--disable-back-forward-cache", "--disable-breakpad", "--disable-client-side-phishing-detection",
            "--disable-component-extensions-with-background-pages", "--disable-component-update",
            "--no-default-browser-check", "--disable-default-apps", "--disable-extensions",
            "--disable-features=ImprovedCookieControls,LazyFrameLoading,GlobalMediaControls,"
                    + "DestroyProfileOnBrowserClose,MediaRouter,DialMediaRouteProvider,AcceptCHFrame,"
                    + "AutoExpandDetailsElement,CertificateTransparencyComponentUpdater,"
                    + "AvoidUnnecessaryBeforeUnloadCheckSync,Translate,HttpsUpgrades,PaintHolding,"
                    + "ThirdPartyStoragePartitioning,LensOverlay,PlzDedicatedWorker",
            "--allow-pre-commit-input", "--disable-hang-monitor", "--disable-ipc-flooding-protection",
            "--disable-popup-blocking", "--disable-prompt-on-repost", "--disable-renderer-backgrounding",
            "--force-color-profile=srgb", "--metrics-recording-only", "--no-first-run", "--password-store=basic",
            "--use-mock-keychain", "--no-service-autorun", "--disable-search-engine-choice-screen",
            "--disable-sync",
            "--blink-settings=primaryHoverType=2,availableHoverTypes=2,primaryPointerType=4,availablePointerTypes=4",
            "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0");

    private final Process process;
    private final Path userDataDir;
    private final String wsEndpoint;
    private final String version;

    private ChromiumProcess(Process process, Path userDataDir, String wsEndpoint, String version) {
        this.process = process;
        this.userDataDir = userDataDir;
        this.wsEndpoint = wsEndpoint;
        this.version = version;
    }

    static ChromiumProcess launch(Path executable, List<String> extraArgs, Duration startTimeout) {
        Path dir;
        try {
            dir = Files.createTempDirectory("datafactory-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a Chromium profile directory under "
                    + System.getProperty("java.io.tmpdir"), e);
        }
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.addAll(DEFAULT_ARGS);
        command.add("--user-data-dir=" + dir);
        command.addAll(extraArgs);
        command.add("about:blank");
        Path log = dir.resolve("chromium.log");
        Process process;
        try {
            // Chromium chats on stderr; keep it in the profile directory for a failed start's message.
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(log.toFile())).start();
        } catch (IOException e) {
            deleteQuietly(dir);
            throw new BrowserUnavailableException("cannot start Chromium at " + executable + ": " + e.getMessage()
                    + "; install it (apt-get install chromium) or set " + BrowserSettings.ENV_CHROMIUM, e);
        }
        try {
            String endpoint = awaitEndpoint(process, dir, log, startTimeout);
            return new ChromiumProcess(process, dir, endpoint, readVersion(endpoint));
        } catch (RuntimeException e) {
            process.destroyForcibly();
            deleteQuietly(dir);
            throw e;
        }
    }

    /** Chromium writes the port it picked to DevToolsActivePort once it listens. */
    private static String awaitEndpoint(Process process, Path dir, Path log, Duration timeout) {
        Path portFile = dir.resolve("DevToolsActivePort");
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (System.nanoTime() < deadline) {
                if (Files.isRegularFile(portFile)) {
                    List<String> lines = Files.readAllLines(portFile, StandardCharsets.UTF_8);
                    if (lines.size() >= 2 && !lines.get(1).isBlank()) {
                        return "ws://127.0.0.1:" + lines.get(0).trim() + lines.get(1).trim();
                    }
                }
                if (process.waitFor(20, TimeUnit.MILLISECONDS)) {
                    throw new BrowserUnavailableException("Chromium exited with code " + process.exitValue()
                            + " at start: " + tail(log));
                }
            }
        } catch (IOException e) {
            throw new BrowserUnavailableException("cannot read Chromium's DevTools port from " + portFile, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrowserUnavailableException("interrupted while Chromium was starting", e);
        }
        throw new BrowserUnavailableException("Chromium did not open its DevTools port within "
                + timeout.toSeconds() + " s: " + tail(log));
    }

    /** {@code /json/version} of the DevTools endpoint, e.g. {@code Chrome/156.0.8078.108} gives the number. */
    private static String readVersion(String wsEndpoint) {
        URI uri = URI.create(wsEndpoint);
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        try {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                    URI.create("http://" + uri.getHost() + ":" + uri.getPort() + "/json/version"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            String browser = Json.mapper().readTree(response.body()).path("Browser").asText("");
            int slash = browser.indexOf('/');
            return slash < 0 ? browser : browser.substring(slash + 1);
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    String version() {
        return version;
    }

    String wsEndpoint() {
        return wsEndpoint;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Waits briefly for the process to be gone: after a crash the exit is seen a moment later. */
    boolean hasDied(Duration wait) {
        try {
            return process.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(3, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(3, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        deleteQuietly(userDataDir);
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
        } catch (IOException e) {
            return "(no Chromium output)";
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // A profile directory left in /tmp is harmless; the next start makes a new one.
        }
    }
}
