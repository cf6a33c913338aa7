package dev.datafactory.worker.auth;

import com.google.api.client.json.webtoken.JsonWebSignature;
import com.google.auth.oauth2.TokenVerifier;

import java.util.Optional;
import java.util.Set;

/**
 * Verifies the OIDC token Pub/Sub attaches to a push (signature against Google's keys, issuer,
 * audience, expiry) with google-auth-library, then checks that its email is one of the allowed
 * service accounts: defence in depth behind Cloud Run's own IAM check.
 */
public final class GoogleOidcAuthenticator implements PushAuthenticator {

    public static final String GOOGLE_ISSUER = "https://accounts.google.com";

    private final TokenVerifier verifier;
    private final Set<String> allowedEmails;

    public GoogleOidcAuthenticator(TokenVerifier verifier, Set<String> allowedEmails) {
        if (allowedEmails.isEmpty()) {
            throw new IllegalArgumentException("Google OIDC authentication needs at least one allowed email: the"
                    + " push subscription's service account (--allowed-email)");
        }
        this.verifier = verifier;
        this.allowedEmails = Set.copyOf(allowedEmails);
    }

    /** With Google's published certificates; {@code audience} is what the push subscription sets. */
    public static GoogleOidcAuthenticator forGoogle(String audience, Set<String> allowedEmails) {
        return new GoogleOidcAuthenticator(TokenVerifier.newBuilder().setAudience(audience).setIssuer(GOOGLE_ISSUER)
                .build(), allowedEmails);
    }

    @Override
    public AuthDecision check(Optional<String> authorizationHeader) {
        Optional<String> token = PushAuthenticator.bearer(authorizationHeader);
        if (token.isEmpty()) {
            return AuthDecision.unauthenticated("no bearer token: the push subscription must send an OIDC token");
        }
        JsonWebSignature jws;
        try {
            jws = verifier.verify(token.get());
        } catch (TokenVerifier.VerificationException e) {
            return AuthDecision.unauthenticated("the OIDC token was refused: " + e.getMessage());
        } catch (RuntimeException e) {
            // Malformed tokens surface as parse errors from the JSON layer.
            return AuthDecision.unauthenticated("the OIDC token cannot be read: " + e.getClass().getSimpleName());
        }
        Object email = jws.getPayload().get("email");
        Object verified = jws.getPayload().get("email_verified");
        if (!(email instanceof String e) || !allowedEmails.contains(e)) {
            return AuthDecision.forbidden("the token's email " + email + " is not an allowed push service account");
        }
        if (!Boolean.TRUE.equals(verified) && !"true".equals(String.valueOf(verified))) {
            return AuthDecision.forbidden("the token's email " + e + " is not verified");
        }
        return new AuthDecision.Accepted(e);
    }
}
