package dev.datafactory.gcp.orchestrator;

import com.google.api.client.json.webtoken.JsonWebSignature;
import com.google.auth.oauth2.TokenVerifier;

import java.util.Optional;
import java.util.Set;

/**
 * Checks the Google-signed OIDC token Cloud Scheduler presents: signature against Google's keys,
 * expiry, audience (this endpoint's URL), issuer, and that it names the expected service account
 * with a verified email. Defence in depth behind {@code --no-allow-unauthenticated}.
 */
public final class OidcVerifier {

    /** Where Google publishes the keys of its ID tokens. */
    public static final String GOOGLE_CERTS = "https://www.googleapis.com/oauth2/v3/certs";
    private static final Set<String> ISSUERS = Set.of("https://accounts.google.com", "accounts.google.com");

    /** Why a request was refused: 401 for no or invalid token, 403 for a valid token of the wrong caller. */
    public static final class Rejected extends Exception {
        private static final long serialVersionUID = 1L;
        private final int status;

        Rejected(int status, String reason) {
            super(reason);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private final TokenVerifier verifier;
    private final String audience;
    private final Optional<String> serviceAccount;

    /**
     * @param certificatesLocation {@link #GOOGLE_CERTS} in production; a local JWKS URL in tests
     * @param serviceAccount the only caller accepted, when set
     */
    public OidcVerifier(String audience, Optional<String> serviceAccount, String certificatesLocation) {
        this.audience = audience;
        this.serviceAccount = serviceAccount;
        this.verifier = TokenVerifier.newBuilder().setAudience(audience).setCertificatesLocation(certificatesLocation)
                .build();
    }

    /** Returns the caller's email, or throws {@link Rejected} saying why not. */
    public String verify(Optional<String> authorizationHeader) throws Rejected {
        String header = authorizationHeader.orElseThrow(() -> new Rejected(401,
                "missing Authorization header: the caller must send a Google-signed OIDC token for " + audience));
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() <= 7) {
            throw new Rejected(401, "Authorization header is not \"Bearer <token>\"");
        }
        JsonWebSignature jws;
        try {
            jws = verifier.verify(header.substring(7).trim());
        } catch (TokenVerifier.VerificationException e) {
            throw new Rejected(401, "invalid OIDC token: " + e.getMessage());
        }
        String issuer = jws.getPayload().getIssuer();
        if (!ISSUERS.contains(issuer)) {
            throw new Rejected(401, "OIDC token issued by " + issuer + ", not Google");
        }
        Object email = jws.getPayload().get("email");
        Object verified = jws.getPayload().get("email_verified");
        if (serviceAccount.isPresent()) {
            if (!(email instanceof String e) || !e.equalsIgnoreCase(serviceAccount.get())) {
                throw new Rejected(403, "OIDC token is for " + email + ", but only " + serviceAccount.get()
                        + " may call this endpoint");
            }
            if (!Boolean.TRUE.equals(verified) && !"true".equals(verified)) {
                throw new Rejected(403, "OIDC token's email " + email + " is not verified");
            }
        }
        return email instanceof String e ? e : jws.getPayload().getSubject();
    }
}
