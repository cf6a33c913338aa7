package dev.datafactory.gcp;

import com.google.cloud.logging.v2.LoggingClient;
import com.google.cloud.logging.v2.LoggingSettings;
import com.google.cloud.scheduler.v1.CloudSchedulerClient;
import com.google.cloud.scheduler.v1.CloudSchedulerSettings;
import com.google.cloud.storage.StorageException;
import com.google.protobuf.Any;
import com.google.rpc.Code;
import com.google.rpc.ErrorInfo;
import dev.datafactory.gcp.config.GcpSettings;
import dev.datafactory.gcp.errors.GcpErrors;
import dev.datafactory.gcp.fakes.FakeCloudLogging;
import dev.datafactory.gcp.fakes.FakeCloudScheduler;
import dev.datafactory.gcp.fakes.InProcessService;
import dev.datafactory.gcp.logging.CloudCanaryLogs;
import dev.datafactory.gcp.scheduler.CloudScheduleService;
import dev.datafactory.gcp.scheduler.JobMapping;
import dev.datafactory.model.orchestrator.Orchestrator;
import dev.datafactory.model.ports.BackendException;
import dev.datafactory.model.ports.BackendException.Kind;
import dev.datafactory.model.ports.LogQuery;
import dev.datafactory.model.schedule.Schedule;
import dev.datafactory.model.schedule.ScheduleCodec;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the services answer, through the real clients, becomes an error a person can act on. */
class ErrorMappingTest {

    private static final GcpSettings SETTINGS = GcpSettings.defaults("factory-test", "europe-west1", "factory-bucket")
            .withWorkerUrl("https://worker-abc-ew.a.run.app");

    private FakeCloudScheduler scheduler;
    private FakeCloudLogging logging;
    private InProcessService schedulerServer;
    private InProcessService loggingServer;
    private CloudSchedulerClient schedulerClient;
    private LoggingClient loggingClient;
    private CloudScheduleService schedules;
    private CloudCanaryLogs logs;

    @BeforeEach
    void start() throws Exception {
        scheduler = new FakeCloudScheduler(50);
        schedulerServer = new InProcessService(scheduler);
        schedulerClient = CloudSchedulerClient.create(CloudSchedulerSettings.newBuilder()
                .setTransportChannelProvider(schedulerServer.channelProvider())
                .setCredentialsProvider(InProcessService.noCredentials()).build());
        schedules = new CloudScheduleService(schedulerClient, new JobMapping(SETTINGS),
                new Orchestrator(job -> "m", Clock.systemUTC()), Clock.systemUTC());
        logging = new FakeCloudLogging("factory-test", GcpSettings.DEFAULT_LOG, 100);
        loggingServer = new InProcessService(logging);
        loggingClient = LoggingClient.create(LoggingSettings.newBuilder()
                .setTransportChannelProvider(loggingServer.channelProvider())
                .setCredentialsProvider(InProcessService.noCredentials()).build());
        logs = new CloudCanaryLogs(loggingClient, "factory-test", SETTINGS.fullLogName());
    }

    @AfterEach
    void stop() {
        logs.close();
        schedulerClient.close();
        loggingClient.close();
        schedulerServer.close();
        loggingServer.close();
    }

    private static Schedule sample() {
        return ScheduleCodec.parse("test", """
                {"id": "nightly", "cron": "0 2 * * *", "template": {"name": "t", "startUrls": ["http://127.0.0.1/"]}}
                """);
    }

    private static StatusRuntimeException withInfo(Code code, String message, String reason, String key, String value) {
        ErrorInfo info = ErrorInfo.newBuilder().setReason(reason).setDomain("googleapis.com").putMetadata(key, value)
                .build();
        return StatusProto.toStatusRuntimeException(com.google.rpc.Status.newBuilder().setCode(code.getNumber())
                .setMessage(message).addDetails(Any.pack(info)).build());
    }

    @Test
    void permissionDeniedNamesTheMissingPermissionAndTheRoleThatGrantsIt() {
        scheduler.failNext(withInfo(Code.PERMISSION_DENIED, "The principal (user or service account) lacks IAM"
                + " permission \"cloudscheduler.jobs.create\" for the resource \"projects/factory-test/locations/"
                + "europe-west1\" (or the resource may not exist).", "IAM_PERMISSION_DENIED", "permission",
                "cloudscheduler.jobs.create"));

        assertThatThrownBy(() -> schedules.create(sample())).isInstanceOfSatisfying(BackendException.class, e -> {
            assertThat(e.kind()).isEqualTo(Kind.PERMISSION_DENIED);
            assertThat(e.getMessage()).contains("creating schedule nightly").contains("cloudscheduler.jobs.create")
                    .contains("roles/cloudscheduler.admin");
        });
    }

    @Test
    void aDisabledApiSaysHowToEnableIt() {
        scheduler.failNext(withInfo(Code.PERMISSION_DENIED, "Cloud Scheduler API has not been used in project 123"
                + " before or it is disabled.", "SERVICE_DISABLED", "service", "cloudscheduler.googleapis.com"));

        assertThatThrownBy(() -> schedules.list()).isInstanceOfSatisfying(BackendException.class, e -> {
            assertThat(e.kind()).isEqualTo(Kind.API_NOT_ENABLED);
            assertThat(e.getMessage()).contains("gcloud services enable cloudscheduler.googleapis.com");
        });
    }

    @Test
    void notFoundNamesWhatWasLookedFor() {
        scheduler.failNext(Status.NOT_FOUND.withDescription("Location europe-west99 not found").asRuntimeException());

        assertThatThrownBy(() -> schedules.list()).isInstanceOfSatisfying(BackendException.class, e -> {
            assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND);
            assertThat(e.getMessage()).contains("projects/factory-test/locations/europe-west1")
                    .contains("Location europe-west99 not found").contains("factory gcp check");
        });
    }

    @Test
    void unauthenticatedSaysHowToSignIn() {
        logging.failNext(Status.UNAUTHENTICATED.withDescription("Request had invalid authentication credentials.")
                .asRuntimeException());

        assertThatThrownBy(() -> logs.query(LogQuery.all())).isInstanceOfSatisfying(BackendException.class, e -> {
            assertThat(e.kind()).isEqualTo(Kind.UNAUTHENTICATED);
            assertThat(e.getMessage()).contains("reading canary logs")
                    .contains("gcloud auth application-default login");
        });
    }

    @Test
    void unavailableIsTemporary() {
        scheduler.failNext(Status.UNAVAILABLE.withDescription("connection reset").asRuntimeException());

        assertThatThrownBy(() -> schedules.create(sample())).isInstanceOfSatisfying(BackendException.class, e -> {
            assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
            assertThat(e.getMessage()).contains("connection reset").contains("try again")
                    .doesNotContain("StatusRuntimeException");
        });
    }

    @Test
    void loggingPermissionDeniedSuggestsTheViewerRole() {
        logging.failNext(withInfo(Code.PERMISSION_DENIED, "Permission 'logging.logEntries.list' denied on resource",
                "IAM_PERMISSION_DENIED", "permission", "logging.logEntries.list"));

        assertThatThrownBy(() -> logs.query(LogQuery.all())).isInstanceOfSatisfying(BackendException.class,
                e -> assertThat(e.getMessage()).contains("roles/logging.viewer"));
    }

    @Test
    void cloudStorageHttpErrorsMapTheSameWay() {
        BackendException denied = GcpErrors.map("writing gs://b/k", new StorageException(403,
                "factory@p.iam.gserviceaccount.com does not have storage.objects.create access to the Google Cloud"
                        + " Storage object. Permission 'storage.objects.create' denied on resource."));
        assertThat(denied.kind()).isEqualTo(Kind.PERMISSION_DENIED);
        assertThat(denied.getMessage()).contains("roles/storage.objectUser");

        assertThat(GcpErrors.map("reading gs://b/k", new StorageException(404, "The specified bucket does not exist."))
                .kind()).isEqualTo(Kind.NOT_FOUND);
        assertThat(GcpErrors.map("reading gs://b/k", new StorageException(503, "Backend Error")).kind())
                .isEqualTo(Kind.UNAVAILABLE);
    }

    @Test
    void missingCredentialsSayWhereToGetThem() {
        BackendException e = GcpErrors.map("connecting to Cloud Scheduler", new IOException("Your default credentials"
                + " were not found. To set up Application Default Credentials for your environment, see"
                + " https://cloud.google.com/docs/authentication/external/set-up-adc."));

        assertThat(e.kind()).isEqualTo(Kind.UNAUTHENTICATED);
        assertThat(e.getMessage()).contains("gcloud auth application-default login")
                .contains("GOOGLE_APPLICATION_CREDENTIALS");
    }
}
