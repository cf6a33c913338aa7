package dev.datafactory.worker.engine;

import dev.datafactory.model.job.JobRequest;
import dev.datafactory.model.job.Trigger;

/** Who a job is, even when its spec could not be read: enough to record its outcome under the right keys. */
public record JobIdentity(String jobId, String runId, String scheduleId, Trigger trigger, int attempt) {

    public static JobIdentity of(JobRequest job) {
        return new JobIdentity(job.jobId(), job.runId(), job.scheduleId(), job.trigger(), job.attempt());
    }
}
