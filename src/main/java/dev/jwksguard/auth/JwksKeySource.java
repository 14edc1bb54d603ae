package dev.jwksguard.auth;

import java.util.List;
import org.jose4j.jwk.HttpsJwks;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.keys.resolvers.HttpsJwksVerificationKeyResolver;
import org.jose4j.keys.resolvers.VerificationKeyResolver;

/**
 * jose4j's {@link HttpsJwks}, with its cache and refresh policy replaced by {@link JwksCache}:
 * {@link HttpsJwksVerificationKeyResolver} asks it for keys, selects by kid and algorithm, and
 * calls {@link #refresh()} when none matches.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7517">RFC 7517</a>
 */
class JwksKeySource extends HttpsJwks {

    private final JwksCache cache;

    JwksKeySource(String location, JwksCache cache) {
        super(location);
        this.cache = cache;
    }

    VerificationKeyResolver resolver() {
        return new HttpsJwksVerificationKeyResolver(this);
    }

    @Override
    public List<JsonWebKey> getJsonWebKeys() {
        return cache.keysForVerification();
    }

    /** Called by the resolver when no cached key matches the token: a rate-limited refetch. */
    @Override
    public void refresh() {
        cache.forceRefetch();
    }
}
