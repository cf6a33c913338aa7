package dev.datafactory.worker.auth;

/** Whether a push request may run: accepted with who sent it, or refused with the HTTP status to answer. */
public sealed interface AuthDecision {

    record Accepted(String principal) implements AuthDecision {
    }

    /** 401: no or bad token (signature, issuer, audience, expiry); 403: a good token from someone not allowed. */
    record Refused(int status, String reason) implements AuthDecision {
    }

    static AuthDecision unauthenticated(String reason) {
        return new Refused(401, reason);
    }

    static AuthDecision forbidden(String reason) {
        return new Refused(403, reason);
    }
}
