package dev.datafactory.console.settings;

import dev.datafactory.model.validation.InvalidInputException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/** {@code console-settings.json} in the console's data directory. */
public final class SettingsStore {

    public static final String FILE = "console-settings.json";

    private final Path file;

    public SettingsStore(Path dataDir) {
        this.file = dataDir.resolve(FILE);
    }

    public Path file() {
        return file;
    }

    /** Empty when there is no file yet; an invalid file fails with every problem and its field. */
    public Optional<BackendSettings> load() {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(BackendSettingsCodec.parse(file.toString(), Files.readString(file)));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + file + ": " + e.getMessage(), e);
        } catch (InvalidInputException e) {
            throw e;
        }
    }

    public void save(BackendSettings settings) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(FILE + ".tmp");
            Files.writeString(tmp, BackendSettingsCodec.toJson(settings));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not save the settings to " + file + ": " + e.getMessage(), e);
        }
    }
}
