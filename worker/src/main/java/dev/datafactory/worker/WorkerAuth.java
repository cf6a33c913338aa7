package dev.datafactory.worker;

import dev.datafactory.worker.auth.GoogleOidcAuthenticator;
import dev.datafactory.worker.auth.LocalTokens;
import dev.datafactory.worker.auth.PushAuthenticator;

import java.nio.file.Path;
import java.util.Set;

/** How the worker authenticates pushes. There is no default-open mode: {@link Insecure} must be chosen. */
public sealed interface WorkerAuth {

    /** Tokens signed with the key in the local data directory (the local queue, {@code factory token}). */
    record LocalKey(Path dataDir, String audience, Set<String> allowedEmails) implements WorkerAuth {
        public LocalKey {
            allowedEmails = Set.copyOf(allowedEmails);
        }

        public static LocalKey in(Path dataDir) {
            return new LocalKey(dataDir, LocalTokens.AUDIENCE, Set.of(LocalTokens.QUEUE_EMAIL));
        }
    }

    /** Google-signed OIDC tokens from Pub/Sub push, for the given audience and service accounts. */
    record GoogleOidc(String audience, Set<String> allowedEmails) implements WorkerAuth {
        public GoogleOidc {
            allowedEmails = Set.copyOf(allowedEmails);
        }
    }

    /** Any authenticator, e.g. a Google verifier with test keys. */
    record Custom(PushAuthenticator authenticator, String description) implements WorkerAuth {
    }

    /** No authentication. Logged loudly at start; never a default. */
    record Insecure() implements WorkerAuth {
    }

    default PushAuthenticator authenticator() {
        if (this instanceof LocalKey k) {
            return LocalTokens.open(k.dataDir()).authenticator(k.audience(), k.allowedEmails());
        } else if (this instanceof GoogleOidc g) {
            return GoogleOidcAuthenticator.forGoogle(g.audience(), g.allowedEmails());
        } else if (this instanceof Custom c) {
            return c.authenticator();
        }
        return PushAuthenticator.insecure();
    }

    /** For /healthz and the start-up line. */
    default String describe() {
        if (this instanceof LocalKey k) {
            return "local-key";
        } else if (this instanceof GoogleOidc g) {
            return "google-oidc";
        } else if (this instanceof Custom c) {
            return c.description();
        }
        return "insecure";
    }
}
