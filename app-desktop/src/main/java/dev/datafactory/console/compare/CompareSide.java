package dev.datafactory.console.compare;

import dev.datafactory.model.run.RunRecord;

import java.util.List;

/** One side of a comparison: a job's record and the keys of its screenshots. */
public record CompareSide(RunRecord record, List<String> screenshotKeys) {

    public CompareSide {
        screenshotKeys = List.copyOf(screenshotKeys);
    }

    public String label() {
        return record.runId() + " · " + record.environment();
    }
}
