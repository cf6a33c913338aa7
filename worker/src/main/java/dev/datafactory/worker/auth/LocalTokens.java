package dev.datafactory.worker.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Set;
import java.util.UUID;

/**
 * Short-lived tokens for the local factory, signed with a key pair kept in the data directory: the
 * local queue signs every push with it, {@code factory token} prints one, and the worker verifies
 * them the same way it verifies Google's OIDC tokens in the cloud (signature, issuer, audience,
 * expiry, email). The key file is created on first use with owner-only permissions (600).
 */
public final class LocalTokens {

    public static final String ISSUER = "datafactory-local";
    public static final String AUDIENCE = "datafactory-worker";
    public static final String QUEUE_EMAIL = "local-queue@datafactory.local";
    public static final String KEY_FILE = "worker-signing-key.jwk";
    public static final Duration DEFAULT_TTL = Duration.ofMinutes(10);
    private static final Duration CLOCK_SKEW = Duration.ofSeconds(30);

    private final ECKey key;
    private final Clock clock;

    private LocalTokens(ECKey key, Clock clock) {
        this.key = key;
        this.clock = clock;
    }

    /** Loads the key pair from {@code dataDir}, creating it (and the directory) when absent. */
    public static LocalTokens open(Path dataDir) {
        return open(dataDir, Clock.systemUTC());
    }

    public static LocalTokens open(Path dataDir, Clock clock) {
        Path file = dataDir.resolve(KEY_FILE);
        try {
            Files.createDirectories(dataDir);
            if (!Files.exists(file)) {
                create(file);
            }
            return new LocalTokens(ECKey.parse(Files.readString(file, StandardCharsets.UTF_8)), clock);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the worker signing key " + file
                    + ": check that the data directory is writable", e);
        } catch (ParseException e) {
            throw new IllegalStateException("the worker signing key " + file + " is not a valid EC JWK ("
                    + e.getMessage() + "); delete it to have a new one made", e);
        }
    }

    /** Written to a private temp file and moved into place, so a concurrent start never reads half a key. */
    private static void create(Path file) throws IOException {
        ECKey generated;
        try {
            generated = new ECKeyGenerator(Curve.P_256).keyID(UUID.randomUUID().toString()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate a P-256 key pair", e);
        }
        Path tmp = file.resolveSibling(KEY_FILE + "." + UUID.randomUUID() + ".tmp");
        try {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(tmp);
        }
        Files.writeString(tmp, generated.toJSONString(), StandardCharsets.UTF_8);
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
            Files.deleteIfExists(tmp);
            if (!Files.exists(file)) {
                throw e;
            }
        }
    }

    /** A token for the local worker, as the local queue sends it. */
    public String issue() {
        return issue(AUDIENCE, QUEUE_EMAIL, DEFAULT_TTL);
    }

    public String issue(String audience, String email, Duration ttl) {
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(audience)
                .subject(email)
                .claim("email", email)
                .claim("email_verified", true)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(ttl)))
                .jwtID(UUID.randomUUID().toString())
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).build(), claims);
        try {
            jwt.sign(new ECDSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a local token", e);
        }
        return jwt.serialize();
    }

    /**
     * Checks signature, issuer, audience, expiry and that the email is allowed. Refusals say which
     * check failed; they never echo the token.
     */
    public AuthDecision verify(String token, String audience, Set<String> allowedEmails) {
        SignedJWT jwt;
        try {
            jwt = SignedJWT.parse(token);
        } catch (ParseException e) {
            return AuthDecision.unauthenticated("the bearer token is not a JWT");
        }
        try {
            if (!JWSAlgorithm.ES256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(new ECDSAVerifier(key))) {
                return AuthDecision.unauthenticated("the token's signature does not match this data directory's key");
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            if (!ISSUER.equals(claims.getIssuer())) {
                return AuthDecision.unauthenticated("the token's issuer is " + claims.getIssuer() + ", expected " + ISSUER);
            }
            if (claims.getAudience() == null || !claims.getAudience().contains(audience)) {
                return AuthDecision.unauthenticated("the token's audience " + claims.getAudience()
                        + " does not include " + audience);
            }
            Date exp = claims.getExpirationTime();
            if (exp == null || clock.instant().minus(CLOCK_SKEW).isAfter(exp.toInstant())) {
                return AuthDecision.unauthenticated("the token expired at " + (exp == null ? "?" : exp.toInstant())
                        + "; get a fresh one (factory token)");
            }
            Object email = claims.getClaim("email");
            if (!(email instanceof String e) || !allowedEmails.contains(e)) {
                return AuthDecision.forbidden("the token's email " + email + " is not allowed to push jobs");
            }
            return new AuthDecision.Accepted(e);
        } catch (JOSEException | ParseException e) {
            return AuthDecision.unauthenticated("the token cannot be verified: " + e.getMessage());
        }
    }

    /** An authenticator for the worker, accepting this key's tokens for the given audience and emails. */
    public PushAuthenticator authenticator(String audience, Set<String> allowedEmails) {
        Set<String> emails = Set.copyOf(allowedEmails);
        return header -> PushAuthenticator.bearer(header)
                .map(token -> verify(token, audience, emails))
                .orElse(AuthDecision.unauthenticated("no bearer token: send Authorization: Bearer <token>"));
    }
}
