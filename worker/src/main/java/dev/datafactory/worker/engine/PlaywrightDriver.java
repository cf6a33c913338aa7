package dev.datafactory.worker.engine;

import java.nio.file.Files;
import java.nio.file.Path;

/** Start-up settings of Playwright's Node.js driver. */
final class PlaywrightDriver {

    static final String NODE_PROPERTY = "playwright.nodejs.path";
    private static final Path SYSTEM_NODE = Path.of("/usr/bin/node");

    private PlaywrightDriver() {
    }

    /**
     * Playwright copies a bundled Node.js (~100 MB) to /tmp at every JVM start unless told to use an
     * installed one, and it reads that only from a system property, hence this process-wide setting.
     * An explicit {@code -Dplaywright.nodejs.path} wins.
     */
    static void preferSystemNode() {
        if (System.getProperty(NODE_PROPERTY) == null && Files.isExecutable(SYSTEM_NODE)) {
            System.setProperty(NODE_PROPERTY, SYSTEM_NODE.toString());
        }
    }
}
