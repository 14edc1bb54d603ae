package dev.jwksguard.auth.jwks;

import java.util.Optional;

/**
 * No verification key can be obtained because the JWKS endpoint failed and nothing usable is
 * cached: our side's fault, answered 503 with Retry-After, never 401.
 */
public class KeySourceException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The trusted issuer whose keys could not be had, when several are trusted. */
    private final String issuer;

    KeySourceException(String message) {
        this(message, null);
    }

    private KeySourceException(String message, String issuer) {
        super(message, null, false, false);
        this.issuer = issuer;
    }

    /** The same failure, of the trusted issuer named {@code issuer} (its configured name). */
    public KeySourceException by(String issuer) {
        return new KeySourceException(getMessage(), issuer);
    }

    public Optional<String> issuer() {
        return Optional.ofNullable(issuer);
    }
}
