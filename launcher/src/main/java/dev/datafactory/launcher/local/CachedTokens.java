package dev.datafactory.launcher.local;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/** Reuses a signed token for a while (well inside its lifetime) instead of signing one per delivery. */
final class CachedTokens implements Supplier<String> {

    private final Supplier<String> issuer;
    private final Duration reuse;
    private final Clock clock;
    private String token;
    private Instant issuedAt = Instant.MIN;

    CachedTokens(Supplier<String> issuer, Duration reuse, Clock clock) {
        this.issuer = issuer;
        this.reuse = reuse;
        this.clock = clock;
    }

    @Override
    public synchronized String get() {
        Instant now = clock.instant();
        if (token == null || now.isAfter(issuedAt.plus(reuse))) {
            token = issuer.get();
            issuedAt = now;
        }
        return token;
    }
}
