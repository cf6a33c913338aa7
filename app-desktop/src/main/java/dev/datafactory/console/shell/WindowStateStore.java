package dev.datafactory.console.shell;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datafactory.console.common.ScreenId;
import dev.datafactory.model.json.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Keeps {@link WindowState} in {@code console-window.json} in the data directory. The console
 * writes this file itself, so a damaged or outdated one is replaced by defaults rather than
 * reported field by field.
 */
public final class WindowStateStore {

    static final String FILE = "console-window.json";
    private static final Logger LOG = LoggerFactory.getLogger(WindowStateStore.class);

    private final Path file;

    public WindowStateStore(Path dataDir) {
        this.file = dataDir.resolve(FILE);
    }

    public WindowState load() {
        WindowState d = WindowState.defaults();
        if (!Files.isRegularFile(file)) {
            return d;
        }
        try {
            JsonNode n = Json.mapper().readTree(Files.readString(file));
            ScreenId last = d.lastScreen();
            try {
                last = ScreenId.valueOf(n.path("lastScreen").asText(d.lastScreen().name()));
            } catch (IllegalArgumentException e) {
                LOG.info("{}: unknown lastScreen, opening {}", file, last);
            }
            double width = Math.max(640, n.path("width").asDouble(d.width()));
            double height = Math.max(480, n.path("height").asDouble(d.height()));
            double x = n.hasNonNull("x") ? n.get("x").asDouble() : Double.NaN;
            double y = n.hasNonNull("y") ? n.get("y").asDouble() : Double.NaN;
            return new WindowState(width, height, x, y, n.path("maximized").asBoolean(false), last,
                    n.path("dark").asBoolean(false));
        } catch (IOException | RuntimeException e) {
            LOG.info("Ignoring unreadable window state {} ({}); using defaults", file, e.getMessage());
            return d;
        }
    }

    public void save(WindowState state) {
        ObjectNode n = Json.mapper().createObjectNode();
        n.put("width", state.width());
        n.put("height", state.height());
        if (state.hasPosition()) {
            n.put("x", state.x());
            n.put("y", state.y());
        }
        n.put("maximized", state.maximized());
        n.put("lastScreen", state.lastScreen().name());
        n.put("dark", state.dark());
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(FILE + ".tmp");
            Files.writeString(tmp, Json.writePretty(n));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.info("Could not save the window state to {}: {}", file, e.getMessage());
        }
    }
}
