package dev.datafactory.worker.engine;

import com.microsoft.playwright.impl.driver.jar.DriverJar;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Start-up settings of Playwright's Node.js driver, chosen so that the worker starts fast with no
 * flags. Playwright reads some of them only from system properties, hence process-wide settings;
 * anything given explicitly ({@code -Dplaywright.nodejs.path}, {@code -Dplaywright.cli.dir},
 * {@code PLAYWRIGHT_DRIVER_DIR}) wins.
 */
final class PlaywrightDriver {

    private static final Logger LOG = LoggerFactory.getLogger(PlaywrightDriver.class);
    static final String NODE_PROPERTY = "playwright.nodejs.path";
    static final String DRIVER_DIR_PROPERTY = "playwright.cli.dir";
    private static final Path SYSTEM_NODE = Path.of("/usr/bin/node");
    private static final String COMPLETE = ".complete";

    private PlaywrightDriver() {
    }

    /**
     * Prepares the driver and returns the environment for {@code Playwright.CreateOptions}.
     * <ul>
     * <li>A system Node.js 18+ is used instead of the bundled one (~100 MB copied to /tmp at every
     *     JVM start otherwise).</li>
     * <li>With a system browser, the driver's JavaScript is unpacked once into a cache directory
     *     ({@code $XDG_CACHE_HOME/datafactory} or {@code ~/.cache/datafactory}) and reused, instead of
     *     being unpacked to /tmp at every start. Without one, Playwright's default path stays, since
     *     only that path downloads the browser.</li>
     * </ul>
     */
    static Map<String, String> prepare(boolean systemBrowser, Map<String, String> env) {
        Map<String, String> driverEnv = new HashMap<>();
        if (systemBrowser) {
            // Without a system browser Playwright's default stays: it downloads its Chromium on first use.
            driverEnv.put("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        }
        Optional<String> node = Optional.ofNullable(System.getProperty(NODE_PROPERTY))
                .or(() -> Files.isExecutable(SYSTEM_NODE) && nodeMajor(SYSTEM_NODE) >= 18
                        ? Optional.of(SYSTEM_NODE.toString()) : Optional.empty());
        node.ifPresent(path -> {
            System.setProperty(NODE_PROPERTY, path);
            driverEnv.put("PLAYWRIGHT_NODEJS_PATH", path);
        });
        if (systemBrowser && node.isPresent() && System.getProperty(DRIVER_DIR_PROPERTY) == null
                && env.getOrDefault("PLAYWRIGHT_DRIVER_DIR", "").isBlank()) {
            cachedDriver(env).ifPresent(dir -> System.setProperty(DRIVER_DIR_PROPERTY, dir.toString()));
        }
        return driverEnv;
    }

    private static Optional<Path> cachedDriver(Map<String, String> env) {
        String xdg = env.getOrDefault("XDG_CACHE_HOME", "");
        Path root = (xdg.isBlank() ? Path.of(System.getProperty("user.home"), ".cache") : Path.of(xdg))
                .resolve("datafactory");
        Path dir = root.resolve("playwright-driver-" + ScrapeEngine.playwrightVersion());
        if (Files.exists(dir.resolve(COMPLETE))) {
            return Optional.of(dir);
        }
        Path tmp = root.resolve(dir.getFileName() + ".tmp-" + ProcessHandle.current().pid());
        try {
            Files.createDirectories(root);
            DriverJar.installDriverTo(tmp);
            // The system Node.js runs this driver; the bundled copy would only take 100 MB of disk.
            Files.deleteIfExists(tmp.resolve("node"));
            Files.writeString(tmp.resolve(COMPLETE), "", StandardCharsets.UTF_8);
            try {
                Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                // Another process finished first; its copy is as good as ours.
                deleteQuietly(tmp);
            }
            return Files.exists(dir.resolve(COMPLETE)) ? Optional.of(dir) : Optional.empty();
        } catch (IOException | URISyntaxException | UncheckedIOException | UnsupportedOperationException e) {
            LOG.debug("Cannot cache the Playwright driver in {} ({}); it is unpacked per start instead", root,
                    e.getMessage());
            deleteQuietly(tmp);
            return Optional.empty();
        }
    }

    private static int nodeMajor(Path node) {
        try {
            Process p = new ProcessBuilder(node.toString(), "--version").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(5, TimeUnit.SECONDS) || !out.startsWith("v")) {
                return 0;
            }
            return Integer.parseInt(out.substring(1, out.indexOf('.')));
        } catch (IOException | NumberFormatException | StringIndexOutOfBoundsException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    private static void deleteQuietly(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // A leftover temp directory is harmless; the next start makes its own.
        }
    }
}
