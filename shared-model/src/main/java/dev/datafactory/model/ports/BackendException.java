package dev.datafactory.model.ports;

/**
 * A backend refused or failed an operation, with a message a person can act on: what failed, why,
 * and what to do (enable an API, grant a role, start the factory, ...).
 */
public final class BackendException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** What kind of failure, so callers can react (retry UNAVAILABLE, show NOT_FOUND, ...). */
    public enum Kind {
        NOT_FOUND, ALREADY_EXISTS, PERMISSION_DENIED, UNAUTHENTICATED, API_NOT_ENABLED, UNAVAILABLE,
        FAILED_PRECONDITION, INTERNAL
    }

    private final Kind kind;

    public BackendException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public BackendException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
