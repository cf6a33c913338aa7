package dev.datafactory.gcp.fakes;

import com.google.cloud.scheduler.v1.CloudSchedulerGrpc;
import com.google.cloud.scheduler.v1.CreateJobRequest;
import com.google.cloud.scheduler.v1.DeleteJobRequest;
import com.google.cloud.scheduler.v1.GetJobRequest;
import com.google.cloud.scheduler.v1.Job;
import com.google.cloud.scheduler.v1.ListJobsRequest;
import com.google.cloud.scheduler.v1.ListJobsResponse;
import com.google.cloud.scheduler.v1.PauseJobRequest;
import com.google.cloud.scheduler.v1.ResumeJobRequest;
import com.google.cloud.scheduler.v1.RunJobRequest;
import com.google.cloud.scheduler.v1.UpdateJobRequest;
import com.google.protobuf.Empty;
import com.google.protobuf.Timestamp;
import dev.datafactory.model.schedule.CronSchedule;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Cloud Scheduler's v1 protocol in memory, as the service behaves: names under a parent, output
 * fields (state, schedule_time, user_update_time) set by the service, field masks on update, paged
 * lists, NOT_FOUND / ALREADY_EXISTS. {@link #failNext} injects one error status for the next call.
 */
public final class FakeCloudScheduler extends CloudSchedulerGrpc.CloudSchedulerImplBase {

    private final Map<String, Job> jobs = new ConcurrentSkipListMap<>();
    private final AtomicReference<StatusRuntimeException> nextFailure = new AtomicReference<>();
    private final List<String> runs = new ArrayList<>();
    private final int pageSize;

    public FakeCloudScheduler(int pageSize) {
        this.pageSize = pageSize;
    }

    public void failNext(StatusRuntimeException failure) {
        nextFailure.set(failure);
    }

    public Optional<Job> job(String name) {
        return Optional.ofNullable(jobs.get(name));
    }

    public void put(Job job) {
        jobs.put(job.getName(), job);
    }

    public synchronized List<String> runs() {
        return List.copyOf(runs);
    }

    private boolean failed(StreamObserver<?> observer) {
        StatusRuntimeException f = nextFailure.getAndSet(null);
        if (f != null) {
            observer.onError(f);
            return true;
        }
        return false;
    }

    private static <T> void reply(StreamObserver<T> observer, T value) {
        observer.onNext(value);
        observer.onCompleted();
    }

    private static StatusRuntimeException notFound(String name) {
        return Status.NOT_FOUND.withDescription("Job not found: " + name).asRuntimeException();
    }

    private static Timestamp ts(Instant i) {
        return Timestamp.newBuilder().setSeconds(i.getEpochSecond()).setNanos(i.getNano()).build();
    }

    /** What the service does after every write: the state's next firing. */
    private static Job withServiceFields(Job job) {
        Job.Builder b = job.toBuilder().setUserUpdateTime(ts(Instant.now()));
        if (job.getState() == Job.State.ENABLED) {
            ZoneId zone = ZoneId.of(job.getTimeZone().isEmpty() ? "UTC" : job.getTimeZone());
            CronSchedule.parse(job.getSchedule()).next(Instant.now(), zone)
                    .ifPresent(f -> b.setScheduleTime(ts(f.instant())));
        } else {
            b.clearScheduleTime();
        }
        return b.build();
    }

    @Override
    public void listJobs(ListJobsRequest request, StreamObserver<ListJobsResponse> observer) {
        if (failed(observer)) {
            return;
        }
        List<Job> all = jobs.values().stream().filter(j -> j.getName().startsWith(request.getParent() + "/jobs/"))
                .toList();
        int start = request.getPageToken().isEmpty() ? 0 : Integer.parseInt(request.getPageToken());
        int size = request.getPageSize() > 0 ? Math.min(request.getPageSize(), pageSize) : pageSize;
        int end = Math.min(all.size(), start + size);
        ListJobsResponse.Builder response = ListJobsResponse.newBuilder().addAllJobs(all.subList(start, end));
        if (end < all.size()) {
            response.setNextPageToken(Integer.toString(end));
        }
        reply(observer, response.build());
    }

    @Override
    public void getJob(GetJobRequest request, StreamObserver<Job> observer) {
        if (failed(observer)) {
            return;
        }
        Job job = jobs.get(request.getName());
        if (job == null) {
            observer.onError(notFound(request.getName()));
        } else {
            reply(observer, job);
        }
    }

    @Override
    public void createJob(CreateJobRequest request, StreamObserver<Job> observer) {
        if (failed(observer)) {
            return;
        }
        Job job = request.getJob();
        if (!job.getName().startsWith(request.getParent() + "/jobs/")) {
            observer.onError(Status.INVALID_ARGUMENT.withDescription("Job name must be under " + request.getParent())
                    .asRuntimeException());
            return;
        }
        synchronized (this) {
            if (jobs.containsKey(job.getName())) {
                observer.onError(Status.ALREADY_EXISTS.withDescription("Job " + job.getName() + " already exists.")
                        .asRuntimeException());
                return;
            }
            Job stored = withServiceFields(job.toBuilder().setState(Job.State.ENABLED).build());
            jobs.put(job.getName(), stored);
            reply(observer, stored);
        }
    }

    @Override
    public void updateJob(UpdateJobRequest request, StreamObserver<Job> observer) {
        if (failed(observer)) {
            return;
        }
        Job patch = request.getJob();
        synchronized (this) {
            Job current = jobs.get(patch.getName());
            if (current == null) {
                observer.onError(notFound(patch.getName()));
                return;
            }
            Job.Builder b = current.toBuilder();
            for (String path : request.getUpdateMask().getPathsList()) {
                switch (path) {
                    case "description" -> b.setDescription(patch.getDescription());
                    case "schedule" -> b.setSchedule(patch.getSchedule());
                    case "time_zone" -> b.setTimeZone(patch.getTimeZone());
                    case "retry_config" -> b.setRetryConfig(patch.getRetryConfig());
                    case "http_target" -> {
                        if (patch.hasHttpTarget()) {
                            b.setHttpTarget(patch.getHttpTarget());
                        }
                    }
                    case "pubsub_target" -> {
                        if (patch.hasPubsubTarget()) {
                            b.setPubsubTarget(patch.getPubsubTarget());
                        }
                    }
                    default -> {
                        observer.onError(Status.INVALID_ARGUMENT.withDescription("Unknown field in update_mask: "
                                + path).asRuntimeException());
                        return;
                    }
                }
            }
            Job stored = withServiceFields(b.build());
            jobs.put(stored.getName(), stored);
            reply(observer, stored);
        }
    }

    @Override
    public void deleteJob(DeleteJobRequest request, StreamObserver<Empty> observer) {
        if (failed(observer)) {
            return;
        }
        if (jobs.remove(request.getName()) == null) {
            observer.onError(notFound(request.getName()));
        } else {
            reply(observer, Empty.getDefaultInstance());
        }
    }

    @Override
    public void pauseJob(PauseJobRequest request, StreamObserver<Job> observer) {
        setState(request.getName(), Job.State.PAUSED, observer);
    }

    @Override
    public void resumeJob(ResumeJobRequest request, StreamObserver<Job> observer) {
        setState(request.getName(), Job.State.ENABLED, observer);
    }

    @Override
    public void runJob(RunJobRequest request, StreamObserver<Job> observer) {
        if (failed(observer)) {
            return;
        }
        Job job = jobs.get(request.getName());
        if (job == null) {
            observer.onError(notFound(request.getName()));
            return;
        }
        synchronized (this) {
            runs.add(request.getName());
        }
        Job stored = job.toBuilder().setLastAttemptTime(ts(Instant.now())).build();
        jobs.put(stored.getName(), stored);
        reply(observer, stored);
    }

    private synchronized void setState(String name, Job.State state, StreamObserver<Job> observer) {
        if (failed(observer)) {
            return;
        }
        Job job = jobs.get(name);
        if (job == null) {
            observer.onError(notFound(name));
            return;
        }
        Job stored = withServiceFields(job.toBuilder().setState(state).build());
        jobs.put(name, stored);
        reply(observer, stored);
    }
}
