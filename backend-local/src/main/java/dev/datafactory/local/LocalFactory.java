package dev.datafactory.local;

import dev.datafactory.local.artifact.FileArtifactStore;
import dev.datafactory.local.data.DataDirectory;
import dev.datafactory.local.data.Database;
import dev.datafactory.local.data.Meta;
import dev.datafactory.local.logs.FactoryEvents;
import dev.datafactory.local.logs.LocalCanaryLogs;
import dev.datafactory.local.queue.DispatchListener;
import dev.datafactory.local.queue.Dispatcher;
import dev.datafactory.local.queue.DispatcherSettings;
import dev.datafactory.local.queue.Lease;
import dev.datafactory.local.queue.LocalJobQueue;
import dev.datafactory.local.queue.NackOutcome;
import dev.datafactory.local.runs.LocalRunHistory;
import dev.datafactory.local.schedule.CronEngine;
import dev.datafactory.local.schedule.EngineLock;
import dev.datafactory.local.schedule.LocalScheduleService;
import dev.datafactory.model.canary.Severity;
import dev.datafactory.model.job.JobRequest;
import dev.datafactory.model.job.JobRequestCodec;
import dev.datafactory.model.orchestrator.Orchestrator;
import dev.datafactory.model.ports.BackendException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The local factory of one data directory, assembled: schedules, queue, canary logs, run history
 * and artifacts, all usable by any number of processes at once. {@link #startEngine} turns this
 * process into the one that fires schedules and dispatches jobs (under the engine lock).
 */
public final class LocalFactory implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalFactory.class);

    private final DataDirectory dir;
    private final Clock clock;
    private final LocalFactorySettings settings;
    private final Database db;
    private final FileArtifactStore artifacts;
    private final LocalCanaryLogs logs;
    private final FactoryEvents events;
    private final LocalJobQueue queue;
    private final Orchestrator orchestrator;
    private final LocalScheduleService schedules;
    private final LocalRunHistory runs;
    private final Meta meta;
    private final AtomicReference<Engine> engine = new AtomicReference<>();

    private LocalFactory(DataDirectory dir, LocalFactorySettings settings, Clock clock) {
        this.dir = dir.ensureExists();
        this.clock = clock;
        this.settings = settings;
        this.db = Database.open(dir.database());
        this.artifacts = new FileArtifactStore(dir.artifacts(), settings.syncArtifacts());
        this.logs = new LocalCanaryLogs(dir.logs(), settings.logRetention(), clock);
        this.events = new FactoryEvents(logs, clock);
        // The queue asks the schedules for retry policies; the schedules' orchestrator publishes to the queue.
        AtomicReference<LocalScheduleService> scheduleRef = new AtomicReference<>();
        this.queue = new LocalJobQueue(db, clock,
                id -> Optional.ofNullable(scheduleRef.get()).flatMap(s -> s.retryPolicy(id)),
                settings.defaultRetry(), settings.backoffUnit());
        this.orchestrator = new Orchestrator(queue, clock);
        this.schedules = new LocalScheduleService(db, orchestrator, clock);
        scheduleRef.set(schedules);
        this.runs = new LocalRunHistory(db, artifacts);
        this.meta = new Meta(db);
    }

    public static LocalFactory open(DataDirectory dir, LocalFactorySettings settings, Clock clock) {
        return new LocalFactory(dir, settings, clock);
    }

    public static LocalFactory open(DataDirectory dir) {
        return open(dir, LocalFactorySettings.defaults(), Clock.systemUTC());
    }

    public DataDirectory directory() {
        return dir;
    }

    public Database database() {
        return db;
    }

    public FileArtifactStore artifacts() {
        return artifacts;
    }

    public LocalCanaryLogs logs() {
        return logs;
    }

    public LocalJobQueue queue() {
        return queue;
    }

    public Orchestrator orchestrator() {
        return orchestrator;
    }

    public LocalScheduleService schedules() {
        return schedules;
    }

    public LocalRunHistory runs() {
        return runs;
    }

    public Meta meta() {
        return meta;
    }

    public FactoryEvents events() {
        return events;
    }

    /** The running engine of this process, if {@link #startEngine} was called. */
    public Optional<Engine> engine() {
        return Optional.ofNullable(engine.get());
    }

    /**
     * Starts the cron engine and the dispatcher pushing to {@code dispatch.pushUrl()}. Fails with
     * FAILED_PRECONDITION when another process already runs them on this data directory.
     */
    public Engine startEngine(DispatcherSettings dispatch, Supplier<String> tokens) {
        return startEngine(lockEngine(), dispatch, tokens);
    }

    /**
     * Takes the engine lock without starting anything yet, so {@code factory up} fails fast, before
     * it starts a browser, when another factory runs on this data directory.
     */
    public EngineLock lockEngine() {
        return EngineLock.tryAcquire(dir.engineLock()).orElseThrow(() -> new BackendException(
                BackendException.Kind.FAILED_PRECONDITION, "the factory is already running on " + dir.root() + " ("
                + EngineLock.holder(dir.engineLock()) + "); stop it first, or use another --data-dir"));
    }

    /** Starts the engine under a lock from {@link #lockEngine()}; the engine releases it when closed. */
    public Engine startEngine(EngineLock lock, DispatcherSettings dispatch, Supplier<String> tokens) {
        try {
            int pruned = queue.pruneDone(clock.instant().minus(settings.keepDoneJobs()));
            if (pruned > 0) {
                LOG.info("Pruned {} finished job(s) older than {} from the queue", pruned, settings.keepDoneJobs());
            }
            Dispatcher dispatcher = new Dispatcher(queue, dispatch, tokens, clock, new Listener());
            CronEngine cron = new CronEngine(schedules, orchestrator, clock, events, settings.tickInterval());
            Engine started = new Engine(lock, cron, dispatcher);
            if (!engine.compareAndSet(null, started)) {
                throw new IllegalStateException("the engine of " + dir.root() + " is already started in this process");
            }
            dispatcher.start();
            cron.start();
            return started;
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /** Turns deliveries into run-index entries and dead letters into canary events. */
    private final class Listener implements DispatchListener {

        @Override
        public void delivered(Lease lease) {
            try {
                JobRequest job = JobRequestCodec.parse("queued job", lease.data());
                runs.indexJob(job.runId(), job.jobId());
            } catch (RuntimeException e) {
                LOG.info("Could not index the record of job {} yet: {}", lease.jobId(), e.getMessage());
            }
        }

        @Override
        public void failed(Dispatcher.Delivery delivery) {
            if (delivery.nack() instanceof NackOutcome.DeadLettered dead) {
                JobRequest job = JobRequestCodec.parse("queued job", delivery.lease().data());
                events.emit(Severity.ERROR, "Job " + job.jobId() + " moved to dead letters after " + dead.attempts()
                        + " failed deliveries; last: " + delivery.outcome() + " (replay with: factory jobs replay "
                        + job.jobId() + ")", job.runId(), job.jobId(), job.scheduleId());
            }
        }
    }

    /** The engine of this process: cron + dispatcher, holding the engine lock until closed. */
    public static final class Engine implements AutoCloseable {

        private final EngineLock lock;
        private final CronEngine cron;
        private final Dispatcher dispatcher;

        private Engine(EngineLock lock, CronEngine cron, Dispatcher dispatcher) {
            this.lock = lock;
            this.cron = cron;
            this.dispatcher = dispatcher;
        }

        public CronEngine cron() {
            return cron;
        }

        public Dispatcher dispatcher() {
            return dispatcher;
        }

        @Override
        public void close() {
            try {
                cron.close();
                dispatcher.close();
            } finally {
                lock.close();
            }
        }
    }

    @Override
    public void close() {
        Engine e = engine.getAndSet(null);
        if (e != null) {
            e.close();
        }
        db.close();
    }
}
