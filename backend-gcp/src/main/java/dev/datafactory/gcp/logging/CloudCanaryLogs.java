package dev.datafactory.gcp.logging;

import com.google.cloud.logging.v2.LoggingClient;
import com.google.logging.v2.ListLogEntriesRequest;
import com.google.logging.v2.LogEntry;
import dev.datafactory.gcp.errors.GcpErrors;
import dev.datafactory.model.canary.CanaryEvent;
import dev.datafactory.model.ports.CanaryLogs;
import dev.datafactory.model.ports.LogQuery;
import dev.datafactory.model.ports.LogTail;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

/**
 * Canary logs read from Cloud Logging through the generated {@link LoggingClient} (the high-level
 * {@code Logging} API is not used: it closes its channel when pointed at a non-Google endpoint).
 * In the cloud the worker writes canary lines to stdout and Cloud Run's agent ships them here; this
 * adapter only reads. All tails of one instance share one stream ({@link TailHub}), because Cloud
 * Logging allows only a few concurrent tails per project.
 */
public final class CloudCanaryLogs implements CanaryLogs, AutoCloseable {

    /** entries.list returns at most 1000 entries per page. */
    private static final int MAX_PAGE = 1000;

    private final LoggingClient client;
    private final String project;
    private final String fullLogName;
    private final TailHub hub;

    public CloudCanaryLogs(LoggingClient client, String project, String fullLogName) {
        this.client = client;
        this.project = project;
        this.fullLogName = fullLogName;
        this.hub = new TailHub(client, "projects/" + project, fullLogName);
    }

    @Override
    public List<CanaryEvent> query(LogQuery query) {
        String filter = LogFilter.of(query, fullLogName);
        ListLogEntriesRequest request = ListLogEntriesRequest.newBuilder()
                .addResourceNames("projects/" + project)
                .setFilter(filter)
                // Newest first so that the limit keeps the newest; reversed below to oldest first.
                .setOrderBy("timestamp desc")
                .setPageSize(Math.max(1, Math.min(query.limit(), MAX_PAGE)))
                .build();
        List<CanaryEvent> newestFirst = new ArrayList<>();
        try {
            for (LogEntry entry : client.listLogEntries(request).iterateAll()) {
                LogEntries.toEvent(entry).ifPresent(newestFirst::add);
                if (newestFirst.size() >= query.limit()) {
                    break;
                }
            }
        } catch (RuntimeException e) {
            throw GcpErrors.map("reading canary logs from Cloud Logging (" + filter + ")", e);
        }
        Collections.reverse(newestFirst);
        return newestFirst;
    }

    @Override
    public LogTail tail(LogQuery query, Consumer<CanaryEvent> sink, Consumer<Exception> onError) {
        return hub.subscribe(query, sink, onError);
    }

    /** Closes the shared tail stream, if any; the client belongs to the caller. */
    @Override
    public void close() {
        hub.close();
    }
}
