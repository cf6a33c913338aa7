package dev.datafactory.worker.auth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The token matrix for local mode: each bad token refused with the right status, a good one accepted. */
class LocalTokenMatrixTest {

    @TempDir
    Path dataDir;

    @TempDir
    Path otherDir;

    private PushAuthenticator authenticator() {
        return LocalTokens.open(dataDir).authenticator(LocalTokens.AUDIENCE, Set.of(LocalTokens.QUEUE_EMAIL));
    }

    private static Optional<String> bearer(String token) {
        return Optional.of("Bearer " + token);
    }

    @Test
    void keyIsCreatedOnceWithOwnerOnlyPermissions() throws Exception {
        String token = LocalTokens.open(dataDir).issue();
        Path key = dataDir.resolve(LocalTokens.KEY_FILE);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        String before = Files.readString(key);
        assertThat(authenticator().check(bearer(token))).isInstanceOf(AuthDecision.Accepted.class);
        assertThat(Files.readString(key)).isEqualTo(before);
    }

    @Test
    void goodTokenIsAccepted() {
        assertThat(authenticator().check(bearer(LocalTokens.open(dataDir).issue())))
                .isEqualTo(new AuthDecision.Accepted(LocalTokens.QUEUE_EMAIL));
    }

    @Test
    void missingTokenIs401() {
        assertThat(authenticator().check(Optional.empty())).isInstanceOfSatisfying(AuthDecision.Refused.class,
                r -> assertThat(r.status()).isEqualTo(401));
        assertThat(authenticator().check(Optional.of("Basic dXNlcjpwdw=="))).isInstanceOfSatisfying(
                AuthDecision.Refused.class, r -> assertThat(r.status()).isEqualTo(401));
    }

    @Test
    void expiredTokenIs401() {
        Clock anHourAgo = Clock.fixed(Instant.now().minus(Duration.ofHours(1)), ZoneOffset.UTC);
        String old = LocalTokens.open(dataDir, anHourAgo).issue();
        assertThat(authenticator().check(bearer(old))).isInstanceOfSatisfying(AuthDecision.Refused.class, r -> {
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.reason()).contains("expired");
        });
    }

    @Test
    void wrongAudienceIs401() {
        String token = LocalTokens.open(dataDir).issue("https://someone-else.example", LocalTokens.QUEUE_EMAIL,
                Duration.ofMinutes(5));
        assertThat(authenticator().check(bearer(token))).isInstanceOfSatisfying(AuthDecision.Refused.class, r -> {
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.reason()).contains("audience");
        });
    }

    @Test
    void wrongEmailIs403() {
        String token = LocalTokens.open(dataDir).issue(LocalTokens.AUDIENCE, "intruder@example.com",
                Duration.ofMinutes(5));
        assertThat(authenticator().check(bearer(token))).isInstanceOfSatisfying(AuthDecision.Refused.class, r -> {
            assertThat(r.status()).isEqualTo(403);
            assertThat(r.reason()).contains("intruder@example.com");
        });
    }

    @Test
    void tokenSignedWithAnotherKeyIs401() {
        String forged = LocalTokens.open(otherDir).issue();
        assertThat(authenticator().check(bearer(forged))).isInstanceOfSatisfying(AuthDecision.Refused.class, r -> {
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.reason()).contains("signature");
        });
    }

    @Test
    void tamperedPayloadIs401() {
        String token = LocalTokens.open(dataDir).issue();
        String[] parts = token.split("\\.");
        String payload = new String(java.util.Base64.getUrlDecoder().decode(parts[1]))
                .replace(LocalTokens.QUEUE_EMAIL, "admin@datafactory.local");
        String tampered = parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes()) + "." + parts[2];
        assertThat(authenticator().check(bearer(tampered))).isInstanceOfSatisfying(AuthDecision.Refused.class,
                r -> assertThat(r.status()).isEqualTo(401));
    }

    @Test
    void garbageIs401() {
        assertThat(authenticator().check(bearer("not-a-jwt"))).isInstanceOfSatisfying(AuthDecision.Refused.class,
                r -> assertThat(r.status()).isEqualTo(401));
    }
}
