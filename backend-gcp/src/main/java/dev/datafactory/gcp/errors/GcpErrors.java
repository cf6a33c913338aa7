package dev.datafactory.gcp.errors;

import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.StatusCode;
import com.google.cloud.BaseServiceException;
import dev.datafactory.model.ports.BackendException;
import dev.datafactory.model.ports.BackendException.Kind;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns what the Google client libraries throw (gax {@link ApiException}, raw gRPC status,
 * Cloud Storage's HTTP errors, missing credentials) into a {@link BackendException} a person can act
 * on: what was being done, what the service said, and how to fix it.
 */
public final class GcpErrors {

    private static final Pattern PERMISSION = Pattern.compile("[Pp]ermission[s]?\\s*'?\"?([a-z]+\\.[a-zA-Z]+\\.[a-zA-Z]+)");
    private static final Pattern SERVICE = Pattern.compile("([a-z0-9-]+\\.googleapis\\.com)");
    private static final Pattern NO_ADC = Pattern.compile("(?i)default credentials|application default credentials"
            + "|could not find default credentials");

    private GcpErrors() {
    }

    /**
     * Maps {@code failure} raised while doing {@code operation} (a phrase such as
     * {@code "creating Cloud Scheduler job projects/p/locations/l/jobs/nightly"}).
     */
    public static BackendException map(String operation, Throwable failure) {
        Throwable t = unwrap(failure);
        if (t instanceof BackendException backend) {
            return backend;
        }
        if (t instanceof ApiException api) {
            return fromCode(operation, api.getStatusCode().getCode(), message(api),
                    Optional.ofNullable(api.getReason()), Optional.ofNullable(api.getMetadata()).orElse(Map.of()), t);
        }
        if (t instanceof StatusRuntimeException grpc) {
            return fromCode(operation, grpcCode(grpc.getStatus()), Optional.ofNullable(grpc.getStatus().getDescription())
                    .orElse(grpc.getStatus().getCode().name()), Optional.empty(), Map.of(), t);
        }
        if (t instanceof BaseServiceException http) {
            return fromHttp(operation, http);
        }
        if (t instanceof java.io.IOException io && io.getMessage() != null && NO_ADC.matcher(io.getMessage()).find()) {
            return noCredentials(operation, t);
        }
        if (t instanceof java.io.IOException) {
            return new BackendException(Kind.UNAVAILABLE, "Google Cloud was unreachable while " + operation + ": "
                    + t.getMessage() + ". Check the network or proxy settings and try again.", t);
        }
        return new BackendException(Kind.INTERNAL, "Unexpected failure while " + operation + ": " + t, t);
    }

    /** No Application Default Credentials could be found. */
    public static BackendException noCredentials(String operation, Throwable cause) {
        return new BackendException(Kind.UNAUTHENTICATED, "No Google Cloud credentials were found while " + operation
                + ". Run `gcloud auth application-default login`, or set GOOGLE_APPLICATION_CREDENTIALS to a service"
                + " account key file, or run where a service account is attached.", cause);
    }

    /** Futures and some client paths wrap the interesting exception; look through the wrappers only. */
    private static Throwable unwrap(Throwable t) {
        Throwable current = t;
        while (current.getCause() != null && current.getCause() != current
                && (current instanceof ExecutionException || current instanceof java.util.concurrent.CompletionException
                || current instanceof com.google.common.util.concurrent.UncheckedExecutionException
                || current.getClass() == RuntimeException.class)) {
            current = current.getCause();
        }
        return current;
    }

    /** What the service said, without the exception class and code gax puts in front of it. */
    private static String message(ApiException api) {
        if (api.getCause() instanceof StatusRuntimeException grpc && grpc.getStatus().getDescription() != null) {
            return grpc.getStatus().getDescription();
        }
        String m = api.getMessage();
        return m == null ? api.getStatusCode().getCode().name() : m.replaceFirst("^[\\w.$]+Exception: [A-Z_]+: ", "");
    }

    private static StatusCode.Code grpcCode(Status status) {
        try {
            return StatusCode.Code.valueOf(status.getCode().name());
        } catch (IllegalArgumentException e) {
            return StatusCode.Code.UNKNOWN;
        }
    }

    private static BackendException fromCode(String operation, StatusCode.Code code, String said,
                                             Optional<String> reason, Map<String, String> metadata, Throwable cause) {
        String what = "Google Cloud refused " + operation + ": " + said;
        return switch (code) {
            case PERMISSION_DENIED -> permissionDenied(operation, said, reason, metadata, cause);
            case NOT_FOUND -> new BackendException(Kind.NOT_FOUND, "Not found while " + operation + ": " + said
                    + ". Check the project, region and resource names in the GCP settings, or create the resource"
                    + " (`factory gcp check` lists what is missing).", cause);
            case ALREADY_EXISTS -> new BackendException(Kind.ALREADY_EXISTS, "Already exists while " + operation
                    + ": " + said + ". Pick another id, or update the existing one.", cause);
            case UNAUTHENTICATED -> new BackendException(Kind.UNAUTHENTICATED, "Not signed in to Google Cloud while "
                    + operation + ": " + said + ". Run `gcloud auth application-default login` (or refresh an expired"
                    + " key) and try again.", cause);
            case UNAVAILABLE, DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED, ABORTED -> new BackendException(Kind.UNAVAILABLE,
                    "Google Cloud is unavailable or busy while " + operation + " (" + code + "): " + said
                            + ". This is usually temporary: check the network and try again in a moment.", cause);
            case FAILED_PRECONDITION, INVALID_ARGUMENT, OUT_OF_RANGE -> serviceDisabled(operation, said, reason, metadata)
                    .map(service -> apiNotEnabled(operation, service, cause))
                    .orElseGet(() -> new BackendException(Kind.FAILED_PRECONDITION, what, cause));
            default -> new BackendException(Kind.INTERNAL, what + " (" + code + ")", cause);
        };
    }

    private static BackendException permissionDenied(String operation, String said, Optional<String> reason,
                                                     Map<String, String> metadata, Throwable cause) {
        Optional<String> disabled = serviceDisabled(operation, said, reason, metadata);
        if (disabled.isPresent()) {
            return apiNotEnabled(operation, disabled.get(), cause);
        }
        Optional<String> permission = Optional.ofNullable(metadata.get("permission"))
                .or(() -> find(PERMISSION, said));
        String fix = permission.map(p -> RoleHints.roleFor(p)
                        .map(role -> " Grant the role " + role + " (it includes the missing permission " + p
                                + ") to the account the factory runs as.")
                        .orElse(" Grant a role with the missing permission " + p + " to the account the factory runs as."))
                .orElse(" Grant the account the factory runs as a role that allows it (see `factory gcp check`).");
        return new BackendException(Kind.PERMISSION_DENIED, "Permission denied while " + operation + ": " + said + "."
                + fix, cause);
    }

    private static Optional<String> serviceDisabled(String operation, String said, Optional<String> reason,
                                                    Map<String, String> metadata) {
        boolean disabled = reason.map(r -> r.equals("SERVICE_DISABLED") || r.equals("accessNotConfigured"))
                .orElse(false) || said.contains("has not been used in project") || said.contains("it is disabled")
                || said.contains("API has not been") || said.contains("SERVICE_DISABLED");
        if (!disabled) {
            return Optional.empty();
        }
        return Optional.ofNullable(metadata.get("service")).or(() -> find(SERVICE, said))
                .or(() -> Optional.of("the API used for " + operation));
    }

    private static BackendException apiNotEnabled(String operation, String service, Throwable cause) {
        String enable = service.endsWith(".googleapis.com") ? "gcloud services enable " + service : "gcloud services enable";
        return new BackendException(Kind.API_NOT_ENABLED, "The API " + service + " is not enabled in this project"
                + " (while " + operation + "). Enable it with `" + enable + "` or in the console under"
                + " APIs & Services, wait a minute, and try again.", cause);
    }

    private static BackendException fromHttp(String operation, BaseServiceException e) {
        String said = e.getMessage() == null ? "HTTP " + e.getCode() : e.getMessage();
        StatusCode.Code code = switch (e.getCode()) {
            case 401 -> StatusCode.Code.UNAUTHENTICATED;
            case 403 -> StatusCode.Code.PERMISSION_DENIED;
            case 404 -> StatusCode.Code.NOT_FOUND;
            case 409 -> StatusCode.Code.ALREADY_EXISTS;
            case 412 -> StatusCode.Code.FAILED_PRECONDITION;
            case 429 -> StatusCode.Code.RESOURCE_EXHAUSTED;
            case 0, 500, 502, 503, 504 -> e.isRetryable() || e.getCode() != 0 ? StatusCode.Code.UNAVAILABLE
                    : StatusCode.Code.UNKNOWN;
            default -> StatusCode.Code.UNKNOWN;
        };
        if (e.getCause() != null && e.getCode() == 0 && e.getCause() instanceof java.io.IOException io
                && io.getMessage() != null && NO_ADC.matcher(io.getMessage()).find()) {
            return noCredentials(operation, e);
        }
        return fromCode(operation, code, said, Optional.ofNullable(e.getReason()), Map.of(), e);
    }

    private static Optional<String> find(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }
}
