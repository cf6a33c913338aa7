package dev.datafactory.local.conformance;

import dev.datafactory.local.LocalFactory;
import dev.datafactory.local.support.Factories;
import dev.datafactory.model.conformance.ScheduleServiceConformance;
import dev.datafactory.model.ports.ScheduleService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;

class LocalScheduleServiceConformanceTest extends ScheduleServiceConformance {

    @TempDir
    Path dir;

    private LocalFactory factory;

    @Override
    protected ScheduleService newService() {
        factory = Factories.open(dir, Clock.systemUTC());
        return factory.schedules();
    }

    @AfterEach
    void close() {
        factory.close();
    }
}
