package dev.jwksguard.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.jose4j.jwk.HttpsJwks;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.keys.resolvers.HttpsJwksVerificationKeyResolver;
import org.jose4j.keys.resolvers.VerificationKeyResolver;

/**
 * The issuer's signing keys, cached. jose4j's {@link HttpsJwksVerificationKeyResolver} asks this
 * {@link HttpsJwks} for keys and calls {@link #refresh()} when a token names an unknown kid; the
 * policy around it is ours: one fetch at a time (single flight), forced refetches rate-limited,
 * the last good keys kept through an outage, failed fetches backed off.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7517">RFC 7517</a>
 */
class JwksKeySource extends HttpsJwks {

    private static final System.Logger LOG = System.getLogger(JwksKeySource.class.getName());
    private static final Duration MIN_CACHE = Duration.ofMinutes(1);
    private static final Duration MAX_CACHE = Duration.ofHours(24);
    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    /** An immutable picture of the cached key set. */
    record KeySet(List<JsonWebKey> keys, Instant fetchedAt, Instant expiresAt) {
    }

    private final JwksFetcher fetcher;
    private final OAuthSettings.JwksSettings settings;
    private final Clock clock;
    private final RefetchRateLimit refetchLimit;
    private final ReentrantLock fetchLock = new ReentrantLock();

    private volatile KeySet current;
    private volatile long completedFetches;
    // guarded by fetchLock
    private Instant nextAttemptAt = Instant.MIN;
    private Duration backoff = FIRST_BACKOFF;
    private boolean failing;

    JwksKeySource(JwksFetcher fetcher, OAuthSettings.JwksSettings settings, Clock clock) {
        super(fetcher.uri().toString());
        this.fetcher = fetcher;
        this.settings = settings;
        this.clock = clock;
        this.refetchLimit = new RefetchRateLimit(settings.refetchesPerMinute(), clock);
    }

    VerificationKeyResolver resolver() {
        return new HttpsJwksVerificationKeyResolver(this);
    }

    /**
     * The keys to verify with: the cached set while it is fresh; a refetch when it has expired,
     * falling back to the stale set through an outage; a {@link KeySourceException} when nothing
     * usable is held and none can be fetched.
     */
    @Override
    public List<JsonWebKey> getJsonWebKeys() {
        KeySet keys = current;
        Instant now = clock.instant();
        if (keys != null && now.isBefore(keys.expiresAt())) {
            return keys.keys();
        }
        if (keys != null && isUsableStale(keys, now)) {
            // Expired but still trusted: one caller refreshes, the others carry on with what we have.
            if (fetchLock.tryLock()) {
                try {
                    fetchLocked(completedFetches);
                } finally {
                    fetchLock.unlock();
                }
            }
            return current.keys();
        }
        KeySet fetched = fetchShared();
        if (fetched == null || !isUsableStale(fetched, clock.instant())) {
            throw new KeySourceException("JWKS unreachable and no cached keys: " + fetcher.uri());
        }
        return fetched.keys();
    }

    /** Called by the resolver when no cached key matches the token: a rate-limited refetch. */
    @Override
    public void refresh() {
        if (refetchLimit.tryAcquire()) {
            fetchShared();
        } else {
            LOG.log(System.Logger.Level.DEBUG, "JWKS refetch for an unknown kid refused by the rate limit");
        }
    }

    KeySet snapshot() {
        return current;
    }

    RefetchRateLimit refetchLimit() {
        return refetchLimit;
    }

    private boolean isUsableStale(KeySet keys, Instant now) {
        return now.isBefore(keys.expiresAt()) || now.isBefore(keys.fetchedAt().plus(settings.keepStaleKeysFor()));
    }

    /** Single flight: callers that queued behind a fetch take its result instead of fetching again. */
    private KeySet fetchShared() {
        long seen = completedFetches;
        fetchLock.lock();
        try {
            if (completedFetches != seen) {
                return current;
            }
            fetchLocked(seen);
            return current;
        } finally {
            fetchLock.unlock();
        }
    }

    private void fetchLocked(long seen) {
        if (completedFetches != seen) {
            return;
        }
        Instant now = clock.instant();
        if (now.isBefore(nextAttemptAt)) {
            return;
        }
        try {
            JwksFetcher.FetchedKeys fetched = fetcher.fetch();
            Instant fetchedAt = clock.instant();
            current = new KeySet(fetched.keys(), fetchedAt, fetchedAt.plus(cacheLifetime(fetched)));
            backoff = FIRST_BACKOFF;
            nextAttemptAt = Instant.MIN;
            if (failing) {
                LOG.log(System.Logger.Level.INFO, "JWKS fetched again from {0}; {1} keys", fetcher.uri(),
                        fetched.keys().size());
            }
            failing = false;
        } catch (JwksFetcher.FetchFailedException e) {
            if (!failing) {
                LOG.log(System.Logger.Level.WARNING, "{0}; {1}", e.getMessage(),
                        current == null ? "no keys cached, requests get 503" : "keeping the cached keys");
            }
            failing = true;
            nextAttemptAt = clock.instant().plus(backoff);
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
        } finally {
            completedFetches = seen + 1;
        }
    }

    private Duration cacheLifetime(JwksFetcher.FetchedKeys fetched) {
        Duration requested = fetched.maxAge().orElse(settings.cacheDuration());
        if (requested.compareTo(MIN_CACHE) < 0) {
            return MIN_CACHE;
        }
        return requested.compareTo(MAX_CACHE) > 0 ? MAX_CACHE : requested;
    }
}
