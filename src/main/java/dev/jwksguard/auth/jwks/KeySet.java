package dev.jwksguard.auth.jwks;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jose4j.jwk.JsonWebKey;

/**
 * One fetched key set, immutable: the keys, when they were fetched, until when they are fresh, and
 * a generation number that tells callers whether a newer set arrived since they looked.
 */
record KeySet(List<JsonWebKey> keys, Instant fetchedAt, Instant expiresAt, long generation) {

    boolean isFresh(Instant now) {
        return now.isBefore(expiresAt);
    }

    /** Whether a JWK of this set carries this key under this kid (any kid when the token named none). */
    boolean holds(SigningKey signing) {
        for (JsonWebKey jwk : keys) {
            if (signing.kid().map(kid -> kid.equals(jwk.getKeyId())).orElse(true) && signing.key().equals(jwk.getKey())) {
                return true;
            }
        }
        return false;
    }

    /** Fresh, or expired but still trusted through an outage of the JWKS endpoint. */
    boolean isUsable(Instant now, Duration keepStaleFor) {
        return isFresh(now) || now.isBefore(fetchedAt.plus(keepStaleFor));
    }
}
