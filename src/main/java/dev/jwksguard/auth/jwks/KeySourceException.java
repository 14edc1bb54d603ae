package dev.jwksguard.auth.jwks;

/**
 * No verification key can be obtained because the JWKS endpoint failed and nothing usable is
 * cached: our side's fault, answered 503 with Retry-After, never 401.
 */
public class KeySourceException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    KeySourceException(String message) {
        super(message, null, false, false);
    }
}
