package dev.datafactory.console.settings;

import dev.datafactory.console.common.ConsoleBackend;

/**
 * Opens a backend from settings: the local factory on a data directory, or a GCP project. Runs
 * off the FX thread (it may touch disks and networks); failures are exceptions with messages a
 * person can act on.
 */
@FunctionalInterface
public interface BackendConnector {

    ConsoleBackend connect(BackendSettings settings) throws Exception;
}
