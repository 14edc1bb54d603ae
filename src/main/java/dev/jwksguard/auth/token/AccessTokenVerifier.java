package dev.jwksguard.auth.token;

import dev.jwksguard.auth.jwks.KeySourceException;

/** Turns a bearer token into a verified caller, or says why not. */
public interface AccessTokenVerifier {

    /**
     * @throws InvalidTokenException the token is not acceptable (401)
     * @throws KeySourceException no key can be obtained to check it (503)
     */
    VerifiedToken verify(String token) throws InvalidTokenException;
}
