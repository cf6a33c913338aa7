package dev.datafactory.console.testscrape;

import dev.datafactory.console.common.ConsoleBackend;
import dev.datafactory.console.settings.BackendConnector;
import dev.datafactory.console.settings.BackendSettings;
import dev.datafactory.console.settings.DefaultBackendConnector;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The places a test scrape can run, side by side so that one spec can be tried here and in the
 * cloud: the console's backend first, then the other one when Settings name it (a GCP project
 * while on the local factory; the local data directory while on GCP). The other backend is opened
 * on first use and closed with the screen.
 */
public final class RunTargets implements AutoCloseable {

    private final List<RunTarget> targets = new ArrayList<>();
    private final List<OnDemand> opened = new ArrayList<>();

    public RunTargets(ConsoleBackend current, BackendSettings settings, BackendConnector connector) {
        targets.add(RunTarget.of(current));
        if (settings.kind() == BackendSettings.Kind.LOCAL && !settings.gcpProject().isBlank()) {
            add(RunTarget.labelOf("gcp", DefaultBackendConnector.gcpDescription(settings)),
                    settings.withKind(BackendSettings.Kind.GCP), connector);
        } else if (settings.kind() == BackendSettings.Kind.GCP && settings.localDataDir() != null) {
            // The console runs no local engine while on GCP: a worker of `factory up` on that directory picks it up.
            add(RunTarget.labelOf("local", settings.localDataDir().toAbsolutePath() + ", needs factory up"),
                    settings.withKind(BackendSettings.Kind.LOCAL), connector);
        }
    }

    private void add(String label, BackendSettings settings, BackendConnector connector) {
        OnDemand source = new OnDemand(settings, connector);
        opened.add(source);
        targets.add(new RunTarget(label, source));
    }

    public List<RunTarget> list() {
        return List.copyOf(targets);
    }

    @Override
    public void close() {
        opened.forEach(OnDemand::close);
    }

    /** Opens a backend the first time it is asked for, once; a failed open is tried again next time. */
    private static final class OnDemand implements Supplier<ConsoleBackend> {
        private final BackendSettings settings;
        private final BackendConnector connector;
        private ConsoleBackend backend;
        private boolean closed;

        OnDemand(BackendSettings settings, BackendConnector connector) {
            this.settings = settings;
            this.connector = connector;
        }

        @Override
        public synchronized ConsoleBackend get() {
            if (closed) {
                throw new IllegalStateException(settings.describe() + " was closed with the Test scrape screen");
            }
            if (backend == null) {
                try {
                    backend = connector.connect(settings);
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new IllegalStateException("Could not open " + settings.describe() + ": " + e.getMessage(), e);
                }
            }
            return backend;
        }

        synchronized void close() {
            closed = true;
            if (backend != null) {
                backend.close();
                backend = null;
            }
        }
    }
}
