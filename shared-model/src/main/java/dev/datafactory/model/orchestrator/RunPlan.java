package dev.datafactory.model.orchestrator;

import dev.datafactory.model.job.JobRequest;

import java.util.List;

/** A firing fanned out: the run id and one job per start URL. */
public record RunPlan(String runId, List<JobRequest> jobs) {

    public RunPlan {
        jobs = List.copyOf(jobs);
    }
}
