package dev.datafactory.packaging;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * A directory of stand-in commands (gcloud, curl, sleep...) put first on PATH, so scripts meant for
 * the cloud run here for real while nothing leaves the machine. Each stand-in appends its command
 * line to {@code calls.log}.
 */
final class FakeCommands {

    private final Path bin;
    private final Path log;

    FakeCommands(Path dir) {
        this.bin = dir.resolve("bin");
        this.log = dir.resolve("calls.log");
        try {
            Files.createDirectories(bin);
            Files.writeString(log, "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Adds a stand-in whose body (bash) runs after the call is logged; {@code $*} holds its arguments. */
    FakeCommands add(String name, String body) {
        String script = "#!/usr/bin/env bash\nprintf '%s\\n' \"" + name + " $*\" >> '" + log + "'\n" + body + "\n";
        Path file = bin.resolve(name);
        try {
            Files.writeString(file, script, StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    String path() {
        return bin + ":" + System.getenv("PATH");
    }

    List<String> calls() {
        try {
            return Files.readAllLines(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
