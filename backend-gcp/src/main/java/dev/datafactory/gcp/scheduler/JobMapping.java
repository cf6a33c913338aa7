package dev.datafactory.gcp.scheduler;

import com.google.cloud.scheduler.v1.HttpMethod;
import com.google.cloud.scheduler.v1.HttpTarget;
import com.google.cloud.scheduler.v1.Job;
import com.google.cloud.scheduler.v1.OidcToken;
import com.google.cloud.scheduler.v1.PubsubTarget;
import com.google.cloud.scheduler.v1.RetryConfig;
import com.google.protobuf.ByteString;
import com.google.protobuf.Duration;
import com.google.protobuf.Timestamp;
import dev.datafactory.gcp.config.GcpSettings;
import dev.datafactory.model.schedule.Schedule;
import dev.datafactory.model.schedule.ScheduleState;

import java.time.Instant;
import java.util.Optional;

/** Our {@link Schedule} ↔ a Cloud Scheduler {@link Job}. */
public final class JobMapping {

    /** Ends every description we write; the console's Cloud Scheduler page shows it. */
    public static final String DESCRIPTION_MARKER = " [datafactory]";
    /** Cloud Scheduler allows 0-5 retries per firing. */
    static final int MAX_RETRY_COUNT = 5;
    private static final int MAX_DESCRIPTION = 500;

    private final GcpSettings settings;

    public JobMapping(GcpSettings settings) {
        this.settings = settings;
    }

    public String parent() {
        return "projects/" + settings.project() + "/locations/" + settings.region();
    }

    public String jobName(String scheduleId) {
        return parent() + "/jobs/" + scheduleId;
    }

    public static String idOf(String jobName) {
        return jobName.substring(jobName.lastIndexOf('/') + 1);
    }

    /** The job to create or update; state is not part of it (Cloud Scheduler sets it by pause/resume). */
    public Job toJob(Schedule s) {
        byte[] body = ScheduleBody.write(s);
        Job.Builder job = Job.newBuilder()
                .setName(jobName(s.id()))
                .setDescription(description(s.name()))
                .setSchedule(s.cron())
                .setTimeZone(s.timeZone())
                .setRetryConfig(RetryConfig.newBuilder()
                        .setRetryCount(Math.min(Math.max(s.retry().maxAttempts() - 1, 0), MAX_RETRY_COUNT))
                        .setMinBackoffDuration(seconds(s.retry().minBackoffSeconds()))
                        .setMaxBackoffDuration(seconds(s.retry().maxBackoffSeconds()))
                        .setMaxDoublings(5));
        if (settings.scheduleTarget() == GcpSettings.ScheduleTarget.PUBSUB) {
            job.setPubsubTarget(PubsubTarget.newBuilder()
                    .setTopicName("projects/" + settings.project() + "/topics/" + settings.scheduleTopic())
                    .setData(ByteString.copyFrom(body))
                    .putAttributes("schedule", s.id()));
        } else {
            String url = settings.effectiveOrchestratorUrl().orElseThrow(() -> new IllegalStateException(
                    "GCP settings have neither orchestratorUrl nor workerUrl: Cloud Scheduler needs a URL to call;"
                            + " set workerUrl (or orchestratorUrl) in the GCP settings"));
            HttpTarget.Builder http = HttpTarget.newBuilder().setUri(url).setHttpMethod(HttpMethod.POST)
                    .putHeaders("Content-Type", "application/json").setBody(ByteString.copyFrom(body));
            settings.schedulerServiceAccount().ifPresent(sa -> http.setOidcToken(
                    OidcToken.newBuilder().setServiceAccountEmail(sa).setAudience(url)));
            job.setHttpTarget(http);
        }
        return job.build();
    }

    /** Our schedule, when the job is one of ours; other jobs in the location are left alone. */
    public Optional<Schedule> fromJob(Job job) {
        ByteString body = job.hasHttpTarget() ? job.getHttpTarget().getBody()
                : job.hasPubsubTarget() ? job.getPubsubTarget().getData() : ByteString.EMPTY;
        if (!ScheduleBody.isOurs(body.toByteArray())) {
            return Optional.empty();
        }
        Schedule written = ScheduleBody.read("Cloud Scheduler job " + job.getName(), body.toByteArray());
        ScheduleState state = job.getState() == Job.State.ENABLED ? ScheduleState.ENABLED : ScheduleState.PAUSED;
        Optional<Instant> next = state == ScheduleState.ENABLED ? instant(job.hasScheduleTime(), job.getScheduleTime())
                : Optional.empty();
        Optional<Instant> last = instant(job.hasLastAttemptTime(), job.getLastAttemptTime());
        String zone = job.getTimeZone().isEmpty() ? "UTC" : job.getTimeZone();
        return Optional.of(new Schedule(idOf(job.getName()), written.name(), job.getSchedule(), zone, state,
                written.template(), written.retry(), last, next));
    }

    static String description(String name) {
        String room = name.length() + DESCRIPTION_MARKER.length() > MAX_DESCRIPTION
                ? name.substring(0, MAX_DESCRIPTION - DESCRIPTION_MARKER.length()) : name;
        return room + DESCRIPTION_MARKER;
    }

    private static Duration seconds(int s) {
        return Duration.newBuilder().setSeconds(s).build();
    }

    private static Optional<Instant> instant(boolean present, Timestamp t) {
        return present && (t.getSeconds() != 0 || t.getNanos() != 0)
                ? Optional.of(Instant.ofEpochSecond(t.getSeconds(), t.getNanos())) : Optional.empty();
    }
}
