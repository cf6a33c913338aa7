package dev.datafactory.model.ports;

import dev.datafactory.model.run.RunStatus;

import java.time.Instant;
import java.util.Optional;

public record RunQuery(Optional<String> schedule, Optional<RunStatus> status, Optional<Instant> since,
                       Optional<Instant> until, int limit) {

    public static RunQuery recent(int limit) {
        return new RunQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), limit);
    }

    public RunQuery withSchedule(String value) {
        return new RunQuery(Optional.ofNullable(value), status, since, until, limit);
    }

    public RunQuery withStatus(RunStatus value) {
        return new RunQuery(schedule, Optional.ofNullable(value), since, until, limit);
    }

    public RunQuery withSince(Instant value) {
        return new RunQuery(schedule, status, Optional.ofNullable(value), until, limit);
    }
}
