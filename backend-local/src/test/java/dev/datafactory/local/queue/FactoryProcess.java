package dev.datafactory.local.queue;

import dev.datafactory.local.LocalFactory;
import dev.datafactory.local.support.Factories;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * A factory in its own JVM, for the crash test to kill -9: opens the data directory, starts the
 * engine (cron + dispatcher) pushing to the given URL, and runs until killed.
 */
public final class FactoryProcess {

    private FactoryProcess() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path dir = Path.of(args[0]);
        URI push = URI.create(args[1]);
        String token = args[2];
        LocalFactory f = Factories.open(dir, Clock.systemUTC());
        f.startEngine(DispatcherSettings.defaults(push).withConcurrency(4).withAckDeadline(Duration.ofSeconds(5))
                .withPollInterval(Duration.ofMillis(50)), () -> token);
        System.out.println("ENGINE UP");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
