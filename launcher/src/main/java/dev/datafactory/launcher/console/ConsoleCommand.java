package dev.datafactory.launcher.console;

import dev.datafactory.console.common.ConsoleBackend;
import dev.datafactory.console.settings.BackendSettings;
import dev.datafactory.console.settings.DefaultBackendConnector;
import dev.datafactory.console.settings.InProcessWorker;
import dev.datafactory.console.settings.SettingsStore;
import dev.datafactory.console.shell.ConsoleLaunch;
import dev.datafactory.console.shell.ConsoleLauncher;
import dev.datafactory.launcher.FactoryCommand;
import dev.datafactory.launcher.local.LocalRuntime;
import dev.datafactory.launcher.local.UpCommand;
import dev.datafactory.local.LocalFactory;
import dev.datafactory.local.LocalFactorySettings;
import dev.datafactory.local.logs.LogRetention;
import dev.datafactory.local.data.DataDirectory;
import dev.datafactory.local.schedule.EngineLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code factory console} (and {@code factory} with no arguments): opens the operator console on
 * the backend saved in the console's settings, the local factory of the data directory by default.
 */
@Command(name = "console", description = "Open the operator console (the default when no command is given).")
public final class ConsoleCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleCommand.class);

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Data directory of the local factory (default: $" + DataDirectory.ENV + " or ~/.datafactory).")
    Path dataDir;

    @Option(names = "--local", description = "Open the local factory even if Settings chose another backend.")
    boolean forceLocal;

    @Option(names = "--no-engine", description = {"Only show and edit the local factory's data; do not run its",
            "engine (schedules, queue, in-process worker, demo shop) behind the window."})
    boolean noEngine;

    @Option(names = "--log-history", paramLabel = "MB", defaultValue = "200",
            description = "Canary log history the engine keeps on disk, in MB (default ${DEFAULT-VALUE}).")
    int logHistoryMb = 200;

    @Spec
    CommandSpec spec;

    /** The console of {@code factory} without a subcommand, on its {@code --data-dir} if one was given. */
    public static ConsoleCommand withDataDir(Path dataDir) {
        ConsoleCommand command = new ConsoleCommand();
        command.dataDir = dataDir;
        return command;
    }

    @Override
    public Integer call() throws Exception {
        if (dataDir == null) {
            dataDir = FactoryCommand.dataDirBeforeSubcommand(spec);
        }
        LogRetention retention = UpCommand.logRetention(logHistoryMb);
        DataDirectory dir = DataDirectory.resolve(dataDir, System.getenv(), System.getProperty("user.home"))
                .ensureExists();
        BackendSettings settings = forceLocal ? BackendSettings.local(dir.root())
                : new SettingsStore(dir.root()).load().orElse(BackendSettings.local(dir.root()));
        DefaultBackendConnector connector = new DefaultBackendConnector();
        ConsoleBackend backend;
        try {
            backend = connector.connect(settings);
        } catch (RuntimeException e) {
            if (settings.kind() == BackendSettings.Kind.LOCAL) {
                throw e;
            }
            // A console that cannot reach the cloud must still open, to let the operator fix Settings.
            LOG.info("Could not open {} ({}); opening the local factory",
                    settings.describe(), e.getMessage());
            settings = BackendSettings.local(dir.root());
            backend = connector.connect(settings);
        }
        // The engine starts beside the window (Chromium takes a few seconds) so the console opens at once.
        Path engineDir = settings.localDataDir();
        CompletableFuture<Optional<LocalRuntime>> engine = settings.kind() == BackendSettings.Kind.LOCAL && !noEngine
                ? CompletableFuture.supplyAsync(() -> startEngine(engineDir, retention))
                : CompletableFuture.completedFuture(Optional.empty());
        // On SIGTERM or logout the window never returns: stop the engine from a hook, so that
        // deliveries in flight finish and the browser goes with the process.
        AtomicBoolean stopped = new AtomicBoolean();
        Runnable stopEngine = () -> {
            if (stopped.compareAndSet(false, true)) {
                engine.join().ifPresent(LocalRuntime::close);
            }
        };
        Thread hook = new Thread(stopEngine, "console-engine-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return ConsoleLauncher.run(ConsoleLaunch.of(backend, settings, connector, dir.root())
                    .withInProcessWorker(() -> inProcessWorker(engine, engineDir)));
        } finally {
            stopEngine.run();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // Already shutting down: the hook runs (or ran) stopEngine, which is idempotent.
                LOG.debug("Shutdown in progress; the engine is stopped by the hook");
            }
        }
    }

    /** What Settings' connection test reports as this console's own worker (see {@link InProcessWorker}). */
    private static Optional<InProcessWorker> inProcessWorker(CompletableFuture<Optional<LocalRuntime>> engine,
                                                             Path engineDir) {
        if (!engine.isDone()) {
            return Optional.of(new InProcessWorker(engineDir, Optional.empty()));
        }
        return engine.join().filter(LocalRuntime::inProcessWorker)
                .map(runtime -> new InProcessWorker(engineDir, Optional.of(runtime.pushUri().resolve("/"))));
    }

    /**
     * Runs the local factory's engine in this process unless another process (e.g. {@code factory up})
     * already does; the console then only shows and edits the data.
     */
    private static Optional<LocalRuntime> startEngine(Path dataDir, LogRetention retention) {
        LocalFactory factory = LocalFactory.open(new DataDirectory(dataDir.toAbsolutePath()),
                LocalFactorySettings.defaults().withLogRetention(retention), java.time.Clock.systemUTC());
        Optional<EngineLock> lock = EngineLock.tryAcquire(factory.directory().engineLock());
        if (lock.isEmpty()) {
            LOG.info("The factory engine already runs on {} ({}); the console shows and edits its data",
                    dataDir, EngineLock.holder(factory.directory().engineLock()));
            factory.close();
            return Optional.empty();
        }
        try {
            LocalRuntime runtime = LocalRuntime.start(factory, lock.get(), LocalRuntime.Options.defaults());
            LOG.info("Local factory running: worker {} ({} jobs at once){}", runtime.pushUri(), runtime.capacity(),
                    runtime.demoShop().map(s -> ", demo shop " + s.baseUri()).orElse(""));
            return Optional.of(runtime.closingAlso(factory));
        } catch (RuntimeException e) {
            LOG.error("The local factory engine could not start, so schedules will not fire from this console: {}",
                    e.getMessage());
            factory.close();
            return Optional.empty();
        }
    }
}
