package dev.datafactory.console.settings;

import dev.datafactory.console.common.ConsoleBackend;
import dev.datafactory.local.LocalFactory;
import dev.datafactory.local.data.DataDirectory;
import dev.datafactory.model.ports.BackendException;

/**
 * Opens the backends this build contains: the local factory on a data directory. The GCP backend
 * is opened here once backend-gcp provides its factory.
 */
public final class DefaultBackendConnector implements BackendConnector {

    @Override
    public ConsoleBackend connect(BackendSettings settings) {
        return switch (settings.kind()) {
            case LOCAL -> local(settings);
            case GCP -> throw new BackendException(BackendException.Kind.FAILED_PRECONDITION, "The GCP backend is"
                    + " not available in this build of the console; use the local backend, or a build that includes"
                    + " backend-gcp's connection.");
        };
    }

    /** The console reads and edits the factory's data; the engine (cron + dispatcher) runs where `factory up` runs. */
    public static ConsoleBackend local(BackendSettings settings) {
        LocalFactory factory = LocalFactory.open(new DataDirectory(settings.localDataDir().toAbsolutePath()));
        return new ConsoleBackend("local", settings.localDataDir().toAbsolutePath().toString(), factory.schedules(),
                factory.queue(), factory.logs(), factory.artifacts(), factory.runs(), factory::close);
    }
}
