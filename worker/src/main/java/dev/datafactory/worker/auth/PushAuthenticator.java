package dev.datafactory.worker.auth;

import java.util.Locale;
import java.util.Optional;

/**
 * Checks the bearer token of a push request. Two real implementations (local key, Google OIDC) and
 * one explicit opt-out; the worker always runs one of them.
 */
@FunctionalInterface
public interface PushAuthenticator {

    AuthDecision check(Optional<String> authorizationHeader);

    /** No check at all: only for an operator who switched it on explicitly (the service says so loudly). */
    static PushAuthenticator insecure() {
        return header -> new AuthDecision.Accepted("anonymous (authentication disabled)");
    }

    /** The token of an {@code Authorization: Bearer …} header, if there is one. */
    static Optional<String> bearer(Optional<String> header) {
        return header.map(String::trim)
                .filter(h -> h.length() > 7 && h.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer "))
                .map(h -> h.substring(7).trim())
                .filter(t -> !t.isEmpty());
    }
}
