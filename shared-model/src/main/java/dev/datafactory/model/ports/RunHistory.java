package dev.datafactory.model.ports;

import dev.datafactory.model.run.RunRecord;

import java.util.List;
import java.util.Optional;

/** Job outcomes, newest first. May be an index over the {@code runs/} artifacts. */
public interface RunHistory {

    List<RunRecord> list(RunQuery query);

    /** Every job record of one run. */
    List<RunRecord> jobsOf(String runId);

    Optional<RunRecord> get(String runId, String jobId);
}
