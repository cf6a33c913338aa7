package dev.datafactory.gcp.fakes;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.logging.type.LogSeverity;
import com.google.logging.v2.ListLogEntriesRequest;
import com.google.logging.v2.ListLogEntriesResponse;
import com.google.logging.v2.LogEntry;
import com.google.logging.v2.LoggingServiceV2Grpc;
import com.google.logging.v2.TailLogEntriesRequest;
import com.google.logging.v2.TailLogEntriesResponse;
import com.google.protobuf.Struct;
import com.google.protobuf.Timestamp;
import com.google.protobuf.util.JsonFormat;
import dev.datafactory.model.json.Json;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cloud Logging's v2 read protocol in memory: {@code entries.list} with filter, order and paging,
 * and {@code entries:tail} streaming new entries that match each open tail's filter. It evaluates
 * the subset of the logging query language the adapter writes (AND of comparisons on logName,
 * labels.*, severity, timestamp, jsonPayload.message), rejecting anything else as the service
 * rejects a bad filter. {@link #ingestStdoutLine} plays Cloud Run's agent turning a JSON stdout
 * line into an entry.
 */
public final class FakeCloudLogging extends LoggingServiceV2Grpc.LoggingServiceV2ImplBase {

    private static final Pattern CLAUSE = Pattern.compile(
            "([A-Za-z_.]+)\\s*(>=|<=|=|<|>|:)\\s*(\"((?:[^\"\\\\]|\\\\.)*)\"|[A-Z]+)");

    private final List<LogEntry> entries = new CopyOnWriteArrayList<>();
    private final List<Tail> tails = new CopyOnWriteArrayList<>();
    private final List<String> filtersSeen = new CopyOnWriteArrayList<>();
    private final AtomicReference<StatusRuntimeException> nextFailure = new AtomicReference<>();
    private final AtomicInteger tailsOpened = new AtomicInteger();
    private final AtomicInteger ids = new AtomicInteger();
    private final String project;
    private final String logName;
    private final int maxPageSize;

    private record Tail(Predicate<LogEntry> filter, StreamObserver<TailLogEntriesResponse> out) {
    }

    public FakeCloudLogging(String project, String logName, int maxPageSize) {
        this.project = project;
        this.logName = logName;
        this.maxPageSize = maxPageSize;
    }

    public void failNext(StatusRuntimeException failure) {
        nextFailure.set(failure);
    }

    public List<String> filtersSeen() {
        return List.copyOf(filtersSeen);
    }

    public int openTails() {
        return tails.size();
    }

    public int tailsOpened() {
        return tailsOpened.get();
    }

    /** Ends every open tail with {@code status}, as the service does on quota or auth failures. */
    public void breakTails(Status status) {
        for (Tail t : tails) {
            t.out().onError(status.asRuntimeException());
        }
        tails.clear();
    }

    /** What Cloud Run's logging agent does with one JSON line the worker wrote to stdout. */
    public void ingestStdoutLine(String line) throws Exception {
        ObjectNode json = (ObjectNode) Json.mapper().readTree(line);
        LogEntry.Builder entry = LogEntry.newBuilder()
                .setLogName("projects/" + project + "/logs/" + logName)
                .setInsertId("id-" + ids.incrementAndGet())
                .setReceiveTimestamp(ts(Instant.now()));
        String severity = json.path("severity").asText("DEFAULT").toUpperCase(Locale.ROOT);
        entry.setSeverity(severity.equals("WARN") ? LogSeverity.WARNING : LogSeverity.valueOf(severity));
        entry.setTimestamp(ts(json.has("time") ? Instant.parse(json.get("time").asText()) : Instant.now()));
        json.path("logging.googleapis.com/labels").properties()
                .forEach(e -> entry.putLabels(e.getKey(), e.getValue().asText()));
        if (json.has("logging.googleapis.com/trace")) {
            entry.setTrace(json.get("logging.googleapis.com/trace").asText());
        }
        for (String special : new String[] {"severity", "time", "logging.googleapis.com/labels",
            "logging.googleapis.com/trace"}) {
            json.remove(special);
        }
        Struct.Builder payload = Struct.newBuilder();
        JsonFormat.parser().merge(Json.write(json), payload);
        LogEntry stored = entry.setJsonPayload(payload).build();
        entries.add(stored);
        for (Tail t : tails) {
            if (t.filter().test(stored)) {
                synchronized (t.out()) {
                    t.out().onNext(TailLogEntriesResponse.newBuilder().addEntries(stored).build());
                }
            }
        }
    }

    @Override
    public void listLogEntries(ListLogEntriesRequest request, StreamObserver<ListLogEntriesResponse> observer) {
        StatusRuntimeException failure = nextFailure.getAndSet(null);
        if (failure != null) {
            observer.onError(failure);
            return;
        }
        if (!request.getResourceNamesList().contains("projects/" + project)) {
            observer.onError(Status.PERMISSION_DENIED.withDescription("The caller does not have permission")
                    .asRuntimeException());
            return;
        }
        filtersSeen.add(request.getFilter());
        Predicate<LogEntry> filter;
        try {
            filter = parse(request.getFilter());
        } catch (IllegalArgumentException e) {
            observer.onError(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
            return;
        }
        Comparator<LogEntry> byTime = Comparator.comparing(e -> instant(e.getTimestamp()));
        if (request.getOrderBy().equals("timestamp desc")) {
            byTime = byTime.reversed();
        } else if (!request.getOrderBy().isEmpty() && !request.getOrderBy().equals("timestamp asc")) {
            observer.onError(Status.INVALID_ARGUMENT.withDescription("bad order_by: " + request.getOrderBy())
                    .asRuntimeException());
            return;
        }
        List<LogEntry> matching = entries.stream().filter(filter).sorted(byTime).toList();
        int start = request.getPageToken().isEmpty() ? 0 : Integer.parseInt(request.getPageToken());
        int size = Math.min(request.getPageSize() > 0 ? request.getPageSize() : maxPageSize, maxPageSize);
        int end = Math.min(matching.size(), start + size);
        ListLogEntriesResponse.Builder response = ListLogEntriesResponse.newBuilder()
                .addAllEntries(matching.subList(start, end));
        if (end < matching.size()) {
            response.setNextPageToken(Integer.toString(end));
        }
        observer.onNext(response.build());
        observer.onCompleted();
    }

    @Override
    public StreamObserver<TailLogEntriesRequest> tailLogEntries(StreamObserver<TailLogEntriesResponse> out) {
        AtomicReference<Tail> opened = new AtomicReference<>();
        // Only allowed here, before the request observer is returned.
        ((ServerCallStreamObserver<TailLogEntriesResponse>) out).setOnCancelHandler(() -> tails.remove(opened.get()));
        return new StreamObserver<>() {
            private Tail tail;

            @Override
            public void onNext(TailLogEntriesRequest request) {
                if (tail != null) {
                    return;
                }
                StatusRuntimeException failure = nextFailure.getAndSet(null);
                if (failure != null) {
                    out.onError(failure);
                    return;
                }
                filtersSeen.add(request.getFilter());
                try {
                    tail = new Tail(parse(request.getFilter()), out);
                } catch (IllegalArgumentException e) {
                    out.onError(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
                    return;
                }
                opened.set(tail);
                tails.add(tail);
                tailsOpened.incrementAndGet();
            }

            @Override
            public void onError(Throwable t) {
                tails.remove(tail);
            }

            @Override
            public void onCompleted() {
                tails.remove(tail);
                out.onCompleted();
            }
        };
    }

    private Predicate<LogEntry> parse(String filter) {
        List<Predicate<LogEntry>> all = new ArrayList<>();
        Iterator<String> clauses = List.of(filter.split(" AND ")).iterator();
        while (clauses.hasNext()) {
            String clause = clauses.next().trim();
            Matcher m = CLAUSE.matcher(clause);
            if (!m.matches()) {
                throw new IllegalArgumentException("Unparseable filter clause: " + clause);
            }
            all.add(clause(m.group(1), m.group(2), m.group(4) != null ? unescape(m.group(4)) : m.group(3)));
        }
        return e -> all.stream().allMatch(p -> p.test(e));
    }

    private static Predicate<LogEntry> clause(String field, String op, String value) {
        if (field.equals("logName") && op.equals("=")) {
            return e -> e.getLogName().equals(value);
        }
        if (field.startsWith("labels.") && op.equals("=")) {
            String name = field.substring("labels.".length());
            return e -> value.equals(e.getLabelsMap().get(name));
        }
        if (field.equals("severity") && op.equals(">=")) {
            int min = LogSeverity.valueOf(value).getNumber();
            return e -> e.getSeverity().getNumber() >= min;
        }
        if (field.equals("timestamp") && (op.equals(">=") || op.equals("<"))) {
            Instant at = Instant.parse(value);
            return op.equals(">=") ? e -> !instant(e.getTimestamp()).isBefore(at)
                    : e -> instant(e.getTimestamp()).isBefore(at);
        }
        if (field.equals("jsonPayload.message") && op.equals(":")) {
            String needle = value.toLowerCase(Locale.ROOT);
            return e -> {
                Map<String, com.google.protobuf.Value> fields = e.getJsonPayload().getFieldsMap();
                return fields.containsKey("message")
                        && fields.get("message").getStringValue().toLowerCase(Locale.ROOT).contains(needle);
            };
        }
        throw new IllegalArgumentException("Unsupported filter clause: " + field + op + value);
    }

    private static String unescape(String quoted) {
        return quoted.replaceAll("\\\\(.)", "$1");
    }

    private static Timestamp ts(Instant i) {
        return Timestamp.newBuilder().setSeconds(i.getEpochSecond()).setNanos(i.getNano()).build();
    }

    private static Instant instant(Timestamp t) {
        return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
    }
}
