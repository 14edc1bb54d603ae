package dev.jwksguard.auth.jwks;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.jose4j.http.SimpleGet;
import org.jose4j.jwk.HttpsJwks;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.keys.resolvers.HttpsJwksVerificationKeyResolver;
import org.jose4j.keys.resolvers.VerificationKeyResolver;

/**
 * The issuer's signing keys: jose4j's {@link HttpsJwks}, with its cache and refresh policy
 * replaced by {@link JwksCache}. {@link HttpsJwksVerificationKeyResolver} asks it for keys, selects
 * by kid and algorithm, and calls {@link #refresh()} when none matches: a refetch, joined
 * with any fetch in flight. The one public entry to this package.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7517">RFC 7517</a>
 */
public class JwksKeySource extends HttpsJwks {

    /** The kid of the token this thread's resolver is looking for. */
    private static final ThreadLocal<String> RESOLVING_KID = new ThreadLocal<>();

    private final JwksCache cache;

    JwksKeySource(String location, JwksCache cache) {
        super(location);
        this.cache = cache;
    }

    /**
     * @param jwksUri the configured JWKS URI; when empty it is discovered from the issuer
     * @param scheduler runs the warm start, the refresh ahead of expiry and the retries
     */
    public static JwksKeySource create(String issuer, Optional<URI> jwksUri, JwksSettings settings, Clock clock,
                                       ScheduledExecutorService scheduler) {
        SimpleGet http = JwksFetcher.httpClient(settings);
        JwksLocator locator = new JwksLocator(jwksUri, issuer, http, settings.http().allowHttp());
        JwksCache cache = new JwksCache(new JwksFetcher(locator, http), settings, clock, scheduler);
        return new JwksKeySource(jwksUri.map(Object::toString).orElse(issuer), cache);
    }

    /**
     * jose4j's resolver, which tells {@link #refresh()} the kid it did not find: a fetch is waited
     * for by a few different unknown kids only (JwksCache). The resolver calls refresh on the
     * verifying thread (pinned by Jose4jResolverContractTest).
     */
    public VerificationKeyResolver resolver() {
        HttpsJwksVerificationKeyResolver jose4j = new HttpsJwksVerificationKeyResolver(this);
        return (jws, nesting) -> {
            RESOLVING_KID.set(jws.getKeyIdHeaderValue() == null ? "" : jws.getKeyIdHeaderValue());
            try {
                return jose4j.resolveKey(jws, nesting);
            } finally {
                RESOLVING_KID.remove();
            }
        };
    }

    /** Warm start: fetch in the background now. */
    public void start() {
        cache.start();
    }

    public void stop() {
        cache.stop();
    }

    /** Never causes a fetch. */
    public JwksStatus status() {
        return cache.status();
    }

    /** Whether a key is still in the current, usable set: for results remembered since. Never fetches. */
    public boolean publishes(SigningKey key) {
        return cache.publishes(key);
    }

    /** The keys of the current set while it is usable, else none: for diagnosis. Never fetches. */
    public List<JsonWebKey> cachedKeys() {
        return cache.cachedKeys();
    }

    /** Tells {@code listener} of every newly fetched set, as "is this key still in it?". */
    public void onNewKeys(Consumer<Predicate<SigningKey>> listener) {
        cache.onNewKeys(listener);
    }

    /** An operator's refetch. @return false when the refetch rate limit refused it */
    public boolean refetchNow() {
        return cache.refetchNow();
    }

    @Override
    public List<JsonWebKey> getJsonWebKeys() {
        return cache.keysForVerification();
    }

    /**
     * Called by jose4j's resolver when no cached key matches the token: a refetch for an unknown
     * kid; {@code refresh} is jose4j's name for it, which this override must keep.
     */
    @Override
    public void refresh() {
        String kid = RESOLVING_KID.get();
        cache.refetchForUnknownKid(kid == null ? "" : kid);
    }
}
