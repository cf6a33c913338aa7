package dev.datafactory.gcp;

import com.google.cloud.scheduler.v1.CloudSchedulerClient;
import com.google.cloud.scheduler.v1.CloudSchedulerSettings;
import com.google.cloud.scheduler.v1.Job;
import dev.datafactory.gcp.config.GcpSettings;
import dev.datafactory.gcp.fakes.FakeCloudScheduler;
import dev.datafactory.gcp.fakes.InProcessService;
import dev.datafactory.gcp.scheduler.CloudScheduleService;
import dev.datafactory.gcp.scheduler.JobMapping;
import dev.datafactory.model.conformance.ScheduleServiceConformance;
import dev.datafactory.model.job.JobRequest;
import dev.datafactory.model.job.Trigger;
import dev.datafactory.model.orchestrator.Orchestrator;
import dev.datafactory.model.ports.BackendException;
import dev.datafactory.model.ports.ScheduleService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The real Cloud Scheduler client against an in-process fake of the v1 gRPC service. */
class CloudScheduleServiceConformanceTest extends ScheduleServiceConformance {

    private static final GcpSettings SETTINGS = GcpSettings.defaults("factory-test", "europe-west1", "factory-bucket")
            .withWorkerUrl("https://worker-abc-ew.a.run.app")
            .withServiceAccounts("scheduler@factory-test.iam.gserviceaccount.com", null);

    private final List<JobRequest> published = new CopyOnWriteArrayList<>();
    private FakeCloudScheduler fake;
    private InProcessService server;
    private CloudSchedulerClient client;

    @Override
    protected ScheduleService newService() throws Exception {
        fake = new FakeCloudScheduler(2);
        server = new InProcessService(fake);
        client = CloudSchedulerClient.create(CloudSchedulerSettings.newBuilder()
                .setTransportChannelProvider(server.channelProvider())
                .setCredentialsProvider(InProcessService.noCredentials()).build());
        Orchestrator orchestrator = new Orchestrator(job -> {
            published.add(job);
            return "m-" + published.size();
        }, Clock.systemUTC());
        return new CloudScheduleService(client, new JobMapping(SETTINGS), orchestrator, Clock.systemUTC());
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        server.close();
    }

    @Test
    void aScheduleBecomesAnHttpJobWithAnOidcTokenForTheOrchestrator() {
        service.create(sample("nightly"));

        Job job = fake.job("projects/factory-test/locations/europe-west1/jobs/nightly").orElseThrow();
        assertThat(job.getSchedule()).isEqualTo("30 2 * * 1-5");
        assertThat(job.getTimeZone()).isEqualTo("Europe/Berlin");
        assertThat(job.getDescription()).isEqualTo("Nightly products (nightly) [datafactory]");
        assertThat(job.getHttpTarget().getUri()).isEqualTo("https://worker-abc-ew.a.run.app/orchestrate");
        assertThat(job.getHttpTarget().getOidcToken().getServiceAccountEmail())
                .isEqualTo("scheduler@factory-test.iam.gserviceaccount.com");
        assertThat(job.getHttpTarget().getOidcToken().getAudience())
                .isEqualTo("https://worker-abc-ew.a.run.app/orchestrate");
        assertThat(job.getHttpTarget().getBody().toStringUtf8()).contains("\"datafactorySchedule\":1")
                .contains("demo-products");
        assertThat(job.getRetryConfig().getRetryCount()).isEqualTo(2);
        assertThat(job.getRetryConfig().getMinBackoffDuration().getSeconds()).isEqualTo(20);
        assertThat(job.getRetryConfig().getMaxBackoffDuration().getSeconds()).isEqualTo(300);
    }

    @Test
    void jobsNotWrittenByTheFactoryAreLeftOut() {
        fake.put(Job.newBuilder().setName("projects/factory-test/locations/europe-west1/jobs/someone-elses")
                .setSchedule("* * * * *").setState(Job.State.ENABLED).build());
        service.create(sample("nightly"));

        assertThat(service.list()).extracting(s -> s.id()).containsExactly("nightly");
    }

    @Test
    void jobsNotWrittenByTheFactoryAreNeverChangedOrDeleted() {
        Job foreign = Job.newBuilder().setName("projects/factory-test/locations/europe-west1/jobs/backup")
                .setSchedule("0 0 * * *").setState(Job.State.ENABLED).build();
        fake.put(foreign);

        for (Runnable op : new Runnable[] {() -> service.update(sample("backup")), () -> service.delete("backup"),
                () -> service.pause("backup")}) {
            assertThatThrownBy(op::run).isInstanceOfSatisfying(BackendException.class, e -> {
                assertThat(e.kind()).isEqualTo(BackendException.Kind.FAILED_PRECONDITION);
                assertThat(e.getMessage()).contains("not written by Data Factory");
            });
        }
        assertThat(fake.job(foreign.getName())).hasValue(foreign);
    }

    @Test
    void theLastAttemptsOutcomeIsReadBackFromTheJob() {
        service.create(sample("nightly"));
        CloudScheduleService cloud = (CloudScheduleService) service;
        assertThat(cloud.lastAttempt("nightly")).isEmpty();
        String name = "projects/factory-test/locations/europe-west1/jobs/nightly";
        fake.put(fake.job(name).orElseThrow().toBuilder()
                .setLastAttemptTime(com.google.protobuf.Timestamp.newBuilder().setSeconds(1_772_330_400L))
                .setStatus(com.google.rpc.Status.newBuilder().setCode(14).setMessage("orchestrator answered 503"))
                .build());

        assertThat(cloud.lastAttempt("nightly")).hasValueSatisfying(a -> {
            assertThat(a.time()).isEqualTo(java.time.Instant.ofEpochSecond(1_772_330_400L));
            assertThat(a.succeeded()).isFalse();
            assertThat(a.failure()).hasValue("UNAVAILABLE: orchestrator answered 503");
        });
        assertThat(service.get("nightly").orElseThrow().lastFireTime())
                .hasValue(java.time.Instant.ofEpochSecond(1_772_330_400L));
    }

    @Test
    void runNowFansOutOneManualJobPerStartUrl() {
        service.create(sample("nightly"));

        String runId = service.runNow("nightly");

        assertThat(published).hasSize(2).allSatisfy(job -> {
            assertThat(job.runId()).isEqualTo(runId);
            assertThat(job.scheduleId()).isEqualTo("nightly");
            assertThat(job.trigger()).isEqualTo(Trigger.MANUAL);
        });
        assertThat(published).extracting(j -> j.spec().startUrls().get(0))
                .containsExactlyInAnyOrder("http://127.0.0.1:8931/", "http://127.0.0.1:8931/page/2");
    }
}
