package dev.datafactory.gcp.logging;

import com.google.api.gax.rpc.ClientStream;
import com.google.api.gax.rpc.ResponseObserver;
import com.google.api.gax.rpc.StreamController;
import com.google.cloud.logging.v2.LoggingClient;
import com.google.logging.v2.LogEntry;
import com.google.logging.v2.TailLogEntriesRequest;
import com.google.logging.v2.TailLogEntriesResponse;
import com.google.protobuf.Duration;
import dev.datafactory.gcp.errors.GcpErrors;
import dev.datafactory.model.canary.CanaryEvent;
import dev.datafactory.model.canary.Severity;
import dev.datafactory.model.ports.LogQuery;
import dev.datafactory.model.ports.LogTail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One {@code entries:tail} stream shared by every tail of a console. With one subscriber (or
 * several asking the same) the stream's filter is that query's, as narrow as it gets; when
 * subscribers differ it widens to the common part (the worker's log and environment) and each
 * subscriber filters with {@link LogQuery#matches}. Changing the filter restarts the stream.
 */
final class TailHub implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TailHub.class);
    /** How long the service buffers to deliver entries in order; short keeps the console live. */
    private static final Duration BUFFER_WINDOW = Duration.newBuilder().setSeconds(1).build();

    private record Subscriber(LogQuery query, Consumer<CanaryEvent> sink, Consumer<Exception> onError) {
    }

    private final LoggingClient client;
    private final String resource;
    private final String fullLogName;
    private final List<Subscriber> subscribers = new ArrayList<>();
    private Stream stream;

    TailHub(LoggingClient client, String resource, String fullLogName) {
        this.client = client;
        this.resource = resource;
        this.fullLogName = fullLogName;
    }

    synchronized LogTail subscribe(LogQuery query, Consumer<CanaryEvent> sink, Consumer<Exception> onError) {
        Subscriber s = new Subscriber(query, sink, onError);
        subscribers.add(s);
        try {
            restartIfNeeded();
        } catch (RuntimeException e) {
            subscribers.remove(s);
            stream = null;
            throw GcpErrors.map("opening a canary log tail on Cloud Logging", e);
        }
        return () -> unsubscribe(s);
    }

    private synchronized void unsubscribe(Subscriber s) {
        if (subscribers.remove(s)) {
            restartIfNeeded();
        }
    }

    @Override
    public synchronized void close() {
        subscribers.clear();
        restartIfNeeded();
    }

    private void restartIfNeeded() {
        Optional<String> wanted = subscribers.isEmpty() ? Optional.empty() : Optional.of(filter());
        if (stream != null && wanted.isPresent() && stream.filter.equals(wanted.get())) {
            return;
        }
        if (stream != null) {
            stream.cancel();
            stream = null;
        }
        wanted.ifPresent(f -> stream = new Stream(f));
    }

    private String filter() {
        List<String> narrow = subscribers.stream().map(s -> LogFilter.of(s.query(), fullLogName)).distinct().toList();
        if (narrow.size() == 1) {
            return narrow.get(0);
        }
        List<Optional<String>> envs = subscribers.stream().map(s -> s.query().env()).distinct().toList();
        LogQuery common = LogQuery.all().withMinSeverity(subscribers.stream().map(s -> s.query().minSeverity())
                .min(Enum::compareTo).orElse(Severity.DEFAULT));
        if (envs.size() == 1 && envs.get(0).isPresent()) {
            common = common.withEnv(envs.get(0).get());
        }
        return LogFilter.of(common, fullLogName);
    }

    private synchronized void deliver(Stream from, List<LogEntry> entries) {
        if (from != stream) {
            return;
        }
        for (LogEntry entry : entries) {
            LogEntries.toEvent(entry).ifPresent(event -> {
                for (Subscriber s : List.copyOf(subscribers)) {
                    if (s.query().matches(event)) {
                        s.sink().accept(event);
                    }
                }
            });
        }
    }

    private synchronized void fail(Stream from, Throwable t) {
        if (from != stream) {
            return;
        }
        Exception mapped = GcpErrors.map("tailing canary logs from Cloud Logging (" + from.filter + ")", t);
        List<Subscriber> told = List.copyOf(subscribers);
        subscribers.clear();
        stream = null;
        told.forEach(s -> s.onError().accept(mapped));
    }

    private synchronized void reopen(Stream from) {
        if (from == stream && !subscribers.isEmpty()) {
            stream = new Stream(from.filter);
        }
    }

    /** One open {@code entries:tail} call. */
    private final class Stream implements ResponseObserver<TailLogEntriesResponse> {

        final String filter;
        private final ClientStream<TailLogEntriesRequest> requests;
        private volatile StreamController controller;
        private volatile boolean cancelled;

        Stream(String filter) {
            this.filter = filter;
            this.requests = client.tailLogEntriesCallable().splitCall(this);
            requests.send(TailLogEntriesRequest.newBuilder().addResourceNames(resource).setFilter(filter)
                    .setBufferWindow(BUFFER_WINDOW).build());
            LOG.debug("Tail opened: {}", filter);
        }

        void cancel() {
            cancelled = true;
            // Cancels the call; closeSend() would only half-close and leave the stream open.
            requests.closeSendWithError(new java.util.concurrent.CancellationException("tail closed"));
        }

        @Override
        public void onStart(StreamController c) {
            controller = c;
        }

        @Override
        public void onResponse(TailLogEntriesResponse response) {
            deliver(this, response.getEntriesList());
            response.getSuppressionInfoList().forEach(info -> LOG.info(
                    "Cloud Logging suppressed {} canary entries of the tail ({}); narrow the filter to see them all",
                    info.getSuppressedCount(), info.getReason()));
        }

        @Override
        public void onError(Throwable t) {
            if (!cancelled) {
                fail(this, t);
            }
        }

        /** The service ends tail sessions after a while; reopen with the same filter. */
        @Override
        public void onComplete() {
            if (!cancelled) {
                reopen(this);
            }
        }
    }
}
