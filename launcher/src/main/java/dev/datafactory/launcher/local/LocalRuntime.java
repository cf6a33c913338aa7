package dev.datafactory.launcher.local;

import dev.datafactory.local.LocalFactory;
import dev.datafactory.local.demo.DemoSchedule;
import dev.datafactory.local.demo.DemoShop;
import dev.datafactory.local.queue.DispatcherSettings;
import dev.datafactory.local.schedule.EngineLock;
import dev.datafactory.worker.WorkerOptions;
import dev.datafactory.worker.WorkerService;
import dev.datafactory.worker.auth.LocalTokens;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * The running local factory: the cron engine and dispatcher of one data directory, the worker they
 * push to (in-process on a loopback port unless an external URL is given) and the demo shop. What
 * {@code factory up} runs headless and what the console runs behind its window.
 */
public final class LocalRuntime implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalRuntime.class);

    /** How to run: an external worker or an in-process one, its capacity, the demo shop or not. */
    public record Options(Optional<URI> workerUrl, Optional<Integer> concurrency, boolean demo, int demoPort) {

        public static Options defaults() {
            return new Options(Optional.empty(), Optional.empty(), true, DemoShop.DEFAULT_PORT);
        }
    }

    private final Deque<AutoCloseable> stack;
    private final URI pushUri;
    private final int capacity;
    private final boolean inProcessWorker;
    private final Optional<DemoShop> shop;

    private LocalRuntime(Deque<AutoCloseable> stack, URI pushUri, int capacity, boolean inProcessWorker,
                         Optional<DemoShop> shop) {
        this.stack = stack;
        this.pushUri = pushUri;
        this.capacity = capacity;
        this.inProcessWorker = inProcessWorker;
        this.shop = shop;
    }

    /**
     * Starts everything under the engine lock, which is taken first so that a second factory on the
     * same data directory fails fast, before it starts a browser. On failure, what was started is
     * stopped again.
     */
    public static LocalRuntime start(LocalFactory factory, Options options) {
        return start(factory, factory.lockEngine(), options);
    }

    /** Starts under a lock already taken (see {@link LocalFactory#lockEngine()}). */
    public static LocalRuntime start(LocalFactory factory, EngineLock lock, Options options) {
        Deque<AutoCloseable> stack = new ArrayDeque<>();
        stack.push(lock);
        try {
            Optional<DemoShop> shop = Optional.empty();
            if (options.demo()) {
                DemoShop s = options.demoPort() == DemoShop.DEFAULT_PORT ? DemoShop.startOnDefaultPort()
                        : DemoShop.start(options.demoPort());
                stack.push(s);
                shop = Optional.of(s);
                DemoSchedule.ensure(factory, s.baseUri());
            }
            LocalTokens tokens = LocalTokens.open(factory.directory().root());
            URI push;
            int capacity;
            if (options.workerUrl().isPresent()) {
                URI url = options.workerUrl().get();
                push = url.getPath() == null || url.getPath().isEmpty() || url.getPath().equals("/")
                        ? url.resolve("/pubsub/push") : url;
                capacity = options.concurrency().orElse(2);
            } else {
                WorkerOptions workerOptions = WorkerOptions.local(factory.directory().root());
                if (options.concurrency().isPresent()) {
                    workerOptions = workerOptions.withConcurrency(options.concurrency().get());
                }
                WorkerService worker = WorkerService.start(workerOptions, factory.artifacts(), factory.logs());
                stack.push(worker);
                push = worker.pushUri();
                capacity = workerOptions.concurrency();
            }
            LocalFactory.Engine engine = factory.startEngine(lock,
                    DispatcherSettings.defaults(push).withConcurrency(capacity),
                    new CachedTokens(tokens::issue, LocalTokens.DEFAULT_TTL.dividedBy(4), Clock.systemUTC()));
            stack.remove(lock); // the engine owns the lock now and releases it when closed
            stack.push(engine);
            return new LocalRuntime(stack, push, capacity, options.workerUrl().isEmpty(), shop);
        } catch (RuntimeException e) {
            closeAll(stack);
            throw e;
        }
    }

    public URI pushUri() {
        return pushUri;
    }

    public int capacity() {
        return capacity;
    }

    public boolean inProcessWorker() {
        return inProcessWorker;
    }

    public Optional<DemoShop> demoShop() {
        return shop;
    }

    /** Hands over {@code resource} (e.g. the factory the runtime runs on) to be closed after everything else. */
    public LocalRuntime closingAlso(AutoCloseable resource) {
        stack.addLast(resource);
        return this;
    }

    /** Stops in reverse order: deliveries in flight finish, then the worker drains, then the shop. */
    @Override
    public void close() {
        closeAll(stack);
    }

    private static void closeAll(Deque<AutoCloseable> stack) {
        while (!stack.isEmpty()) {
            AutoCloseable next = stack.pop();
            try {
                next.close();
            } catch (Exception e) {
                LOG.error("Stopping {} failed: {}", next.getClass().getSimpleName(), e.getMessage());
            }
        }
    }
}
