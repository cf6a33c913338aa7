package dev.datafactory.gcp;

import com.google.cloud.scheduler.v1.Job;
import dev.datafactory.gcp.config.GcpSettings;
import dev.datafactory.gcp.scheduler.JobMapping;
import dev.datafactory.model.schedule.Schedule;
import dev.datafactory.model.schedule.ScheduleCodec;
import dev.datafactory.model.schedule.ScheduleState;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class JobMappingTest {

    private static final Schedule SCHEDULE = ScheduleCodec.parse("test", """
            {"id": "nightly", "name": "Nightly", "cron": "0 2 * * *", "timeZone": "America/New_York",
             "template": {"name": "t", "startUrls": ["http://127.0.0.1/"]},
             "retry": {"maxAttempts": 20, "minBackoffSeconds": 5, "maxBackoffSeconds": 50}}
            """);

    @Test
    void aPubSubTargetCarriesTheSameBodyAndRoundTrips() {
        JobMapping mapping = new JobMapping(GcpSettings.defaults("factory-test", "europe-west1", "b")
                .withScheduleTarget(GcpSettings.ScheduleTarget.PUBSUB));

        Job job = mapping.toJob(SCHEDULE).toBuilder().setState(Job.State.PAUSED).build();

        assertThat(job.hasHttpTarget()).isFalse();
        assertThat(job.getPubsubTarget().getTopicName()).isEqualTo("projects/factory-test/topics/datafactory-fires");
        assertThat(job.getPubsubTarget().getAttributesMap()).containsEntry("schedule", "nightly");
        assertThat(mapping.fromJob(job)).hasValue(SCHEDULE.withState(ScheduleState.PAUSED));
    }

    @Test
    void retriesAreCappedAtWhatCloudSchedulerAllowsButTheWrittenPolicyIsKept() {
        JobMapping mapping = new JobMapping(GcpSettings.defaults("factory-test", "europe-west1", "b")
                .withWorkerUrl("https://w.run.app"));

        Job job = mapping.toJob(SCHEDULE).toBuilder().setState(Job.State.ENABLED).build();

        assertThat(job.getRetryConfig().getRetryCount()).isEqualTo(5);
        assertThat(mapping.fromJob(job).map(Schedule::retry)).hasValue(SCHEDULE.retry());
    }

    @Test
    void theJobsOwnFieldsWinOverTheBody() {
        JobMapping mapping = new JobMapping(GcpSettings.defaults("factory-test", "europe-west1", "b")
                .withWorkerUrl("https://w.run.app"));
        Job edited = mapping.toJob(SCHEDULE).toBuilder().setSchedule("30 4 * * *").setTimeZone("Asia/Tokyo")
                .setState(Job.State.ENABLED).build();

        Schedule read = mapping.fromJob(edited).orElseThrow();

        assertThat(read.cron()).isEqualTo("30 4 * * *");
        assertThat(read.timeZone()).isEqualTo("Asia/Tokyo");
        assertThat(read.template()).isEqualTo(SCHEDULE.template());
        assertThat(read.lastFireTime()).isEqualTo(Optional.empty());
    }
}
