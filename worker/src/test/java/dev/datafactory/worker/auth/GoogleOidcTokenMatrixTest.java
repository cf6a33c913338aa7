package dev.datafactory.worker.auth;

import com.google.auth.oauth2.TokenVerifier;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The token matrix for cloud mode, through google-auth-library's real {@link TokenVerifier}: tokens
 * shaped like Pub/Sub's OIDC tokens, signed with a test RSA key in place of Google's.
 */
class GoogleOidcTokenMatrixTest {

    private static final String AUDIENCE = "https://worker-abc-ew.a.run.app/pubsub/push";
    private static final String PUSHER = "pubsub-push@demo-project.iam.gserviceaccount.com";

    private static RSAKey googleKey;
    private static RSAKey otherKey;
    private static GoogleOidcAuthenticator authenticator;

    @BeforeAll
    static void keys() throws Exception {
        googleKey = new RSAKeyGenerator(2048).keyID("google-test").generate();
        otherKey = new RSAKeyGenerator(2048).keyID("google-test").generate();
        TokenVerifier verifier = TokenVerifier.newBuilder().setAudience(AUDIENCE)
                .setIssuer(GoogleOidcAuthenticator.GOOGLE_ISSUER).setPublicKey(googleKey.toPublicKey()).build();
        authenticator = new GoogleOidcAuthenticator(verifier, Set.of(PUSHER));
    }

    private static Optional<String> token(RSAKey key, String audience, String email, Instant expires)
            throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(GoogleOidcAuthenticator.GOOGLE_ISSUER)
                .audience(audience).subject("1234567890").claim("email", email).claim("email_verified", true)
                .issueTime(Date.from(expires.minus(Duration.ofHours(1)))).expirationTime(Date.from(expires)).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return Optional.of("Bearer " + jwt.serialize());
    }

    private static Instant soon() {
        return Instant.now().plus(Duration.ofMinutes(30));
    }

    private static void refused(AuthDecision decision, int status) {
        assertThat(decision).isInstanceOfSatisfying(AuthDecision.Refused.class,
                r -> assertThat(r.status()).isEqualTo(status));
    }

    @Test
    void goodTokenIsAccepted() throws Exception {
        assertThat(authenticator.check(token(googleKey, AUDIENCE, PUSHER, soon())))
                .isEqualTo(new AuthDecision.Accepted(PUSHER));
    }

    @Test
    void missingTokenIs401() {
        refused(authenticator.check(Optional.empty()), 401);
    }

    @Test
    void expiredTokenIs401() throws Exception {
        refused(authenticator.check(token(googleKey, AUDIENCE, PUSHER, Instant.now().minus(Duration.ofHours(2)))),
                401);
    }

    @Test
    void wrongAudienceIs401() throws Exception {
        refused(authenticator.check(token(googleKey, "https://elsewhere.example/push", PUSHER, soon())), 401);
    }

    @Test
    void wrongEmailIs403() throws Exception {
        refused(authenticator.check(token(googleKey, AUDIENCE, "someone@evil.example", soon())), 403);
    }

    @Test
    void badSignatureIs401() throws Exception {
        refused(authenticator.check(token(otherKey, AUDIENCE, PUSHER, soon())), 401);
    }

    @Test
    void garbageIs401() {
        refused(authenticator.check(Optional.of("Bearer a.b.c")), 401);
    }
}
