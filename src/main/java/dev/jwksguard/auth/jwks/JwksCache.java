package dev.jwksguard.auth.jwks;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.jose4j.jwk.JsonWebKey;

/**
 * The issuer's key set and the policy around it: fetched at startup and refreshed in the
 * background before it expires, one fetch at a time (single flight), forced refetches
 * rate-limited, the last good set kept through outages, failed fetches retried with backoff.
 * Request threads wait on the network only when no usable key set is held at all.
 */
final class JwksCache {

    private static final System.Logger LOG = System.getLogger(JwksCache.class.getName());
    private static final Duration MIN_CACHE = Duration.ofMinutes(1);
    private static final Duration MAX_CACHE = Duration.ofHours(24);
    /**
     * With no usable keys every request fails anyway: let a request try again this often, so
     * service resumes within seconds of the issuer coming back, whatever the backoff has reached.
     */
    static final Duration COLD_RETRY_INTERVAL = Duration.ofSeconds(2);

    /** An immutable picture of the cached key set. */
    record KeySet(List<JsonWebKey> keys, Instant fetchedAt, Instant expiresAt) {
    }

    private final JwksFetcher fetcher;
    private final JwksSettings settings;
    private final Clock clock;
    private final Optional<ScheduledExecutorService> scheduler;
    private final RefetchRateLimit refetchLimit;
    private final ReentrantLock fetchLock = new ReentrantLock();
    private final AtomicLong succeeded = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    private volatile KeySet current;
    private volatile long completedFetches;
    private volatile Instant lastAttempt;
    private volatile String lastFailure;
    private volatile int failuresSinceSuccess;
    private volatile Instant nextAttemptAt = Instant.MIN;
    private volatile Instant nextRefresh;
    private ScheduledFuture<?> scheduled; // guarded by this

    JwksCache(JwksFetcher fetcher, JwksSettings settings, Clock clock,
              Optional<ScheduledExecutorService> scheduler) {
        this.fetcher = fetcher;
        this.settings = settings;
        this.clock = clock;
        this.scheduler = scheduler;
        this.refetchLimit = new RefetchRateLimit(settings.refetchesPerMinute(), clock);
    }

    /** Warm start: fetch now in the background, so the first request finds keys. */
    void start() {
        schedule(Duration.ZERO);
    }

    synchronized void stop() {
        if (scheduled != null) {
            scheduled.cancel(false);
        }
    }

    /**
     * The keys to verify with: the cached set while it is fresh, or while it is stale but within
     * the outage allowance; otherwise one fetch on this thread (shared with concurrent callers).
     *
     * @throws KeySourceException when nothing usable is held and none can be fetched
     */
    List<JsonWebKey> keysForVerification() {
        KeySet keys = current;
        Instant now = clock.instant();
        if (keys != null && now.isBefore(keys.expiresAt())) {
            return keys.keys();
        }
        if (keys != null && isUsable(keys, now)) {
            if (scheduler.isEmpty() && fetchLock.tryLock()) {
                // No background refresher (plain Java use): one caller refreshes, others go on.
                try {
                    fetchLocked(completedFetches, nextAttemptAt);
                } finally {
                    fetchLock.unlock();
                }
            }
            return current.keys();
        }
        Instant coldRetry = Optional.ofNullable(lastAttempt).map(last -> last.plus(COLD_RETRY_INTERVAL))
                .orElse(Instant.MIN);
        KeySet fetched = fetchShared(coldRetry.isBefore(nextAttemptAt) ? coldRetry : nextAttemptAt);
        if (fetched == null || !isUsable(fetched, clock.instant())) {
            throw new KeySourceException("JWKS unreachable and no cached keys: "
                    + fetcher.uri().map(Object::toString).orElse("(not discovered)")
                    + Optional.ofNullable(lastFailure).map(reason -> " (" + reason + ")").orElse(""));
        }
        return fetched.keys();
    }

    /** A token named a kid we do not hold: refetch, within the rate limit. */
    void forceRefetch() {
        if (refetchLimit.tryAcquire()) {
            fetchShared(nextAttemptAt);
        } else {
            LOG.log(System.Logger.Level.DEBUG, "JWKS refetch for an unknown kid refused by the rate limit");
        }
    }

    /** An operator asked for a refresh: same rate limit as unknown kids. */
    boolean refreshNow() {
        if (!refetchLimit.tryAcquire()) {
            return false;
        }
        fetchShared(Instant.MIN);
        return true;
    }

    JwksStatus status() {
        KeySet keys = current;
        Instant now = clock.instant();
        JwksStatus.State state = keys == null || !isUsable(keys, now) ? JwksStatus.State.UNAVAILABLE
                : now.isBefore(keys.expiresAt()) ? JwksStatus.State.FRESH : JwksStatus.State.STALE;
        List<JwksStatus.KeyInfo> infos = keys == null ? List.of() : keys.keys().stream()
                .map(key -> new JwksStatus.KeyInfo(key.getKeyId(), key.getKeyType(), key.getAlgorithm()))
                .toList();
        return new JwksStatus(fetcher.uri(), state, infos, Optional.ofNullable(lastAttempt),
                Optional.ofNullable(keys).map(KeySet::fetchedAt), Optional.ofNullable(nextRefresh),
                Optional.ofNullable(keys).map(k -> Duration.between(k.fetchedAt(), now)),
                failuresSinceSuccess, Optional.ofNullable(lastFailure), refetchLimit.grantedInLastMinute(),
                refetchLimit.refusedSoFar(), succeeded.get(), failed.get());
    }

    private boolean isUsable(KeySet keys, Instant now) {
        return now.isBefore(keys.expiresAt()) || now.isBefore(keys.fetchedAt().plus(settings.keepStaleKeysFor()));
    }

    /**
     * Single flight: callers that queued behind a fetch take its result instead of fetching again.
     *
     * @param notBefore no fetch before this time (the backoff), the current set is returned instead
     */
    private KeySet fetchShared(Instant notBefore) {
        long seen = completedFetches;
        fetchLock.lock();
        try {
            fetchLocked(seen, notBefore);
            return current;
        } finally {
            fetchLock.unlock();
        }
    }

    private void fetchLocked(long seen, Instant notBefore) {
        if (completedFetches != seen || clock.instant().isBefore(notBefore)) {
            return;
        }
        lastAttempt = clock.instant();
        try {
            JwksFetcher.FetchedKeys fetched = fetcher.fetch();
            Instant fetchedAt = clock.instant();
            Duration lifetime = cacheLifetime(fetched);
            current = new KeySet(fetched.keys(), fetchedAt, fetchedAt.plus(lifetime));
            succeeded.incrementAndGet();
            if (failuresSinceSuccess > 0) {
                LOG.log(System.Logger.Level.INFO, "JWKS fetched again after {0} failed attempts; {1} keys",
                        failuresSinceSuccess, fetched.keys().size());
            }
            failuresSinceSuccess = 0;
            lastFailure = null;
            nextAttemptAt = Instant.MIN;
            // Refresh ahead of expiry, so requests never see an expired set while the issuer is up.
            schedule(lifetime.multipliedBy(8).dividedBy(10));
        } catch (JwksFetcher.FetchFailedException e) {
            failed.incrementAndGet();
            if (failuresSinceSuccess == 0) {
                // Once per outage, not once per request.
                LOG.log(System.Logger.Level.WARNING, "{0}; {1}", e.getMessage(),
                        current == null ? "no keys cached, requests get 503" : "keeping the cached keys");
            }
            failuresSinceSuccess++;
            lastFailure = e.getMessage();
            Duration wait = Backoff.after(failuresSinceSuccess);
            nextAttemptAt = clock.instant().plus(wait);
            schedule(wait);
        } finally {
            completedFetches = seen + 1;
        }
    }

    private synchronized void schedule(Duration delay) {
        if (scheduler.isEmpty()) {
            return;
        }
        if (scheduled != null) {
            scheduled.cancel(false);
        }
        nextRefresh = clock.instant().plus(delay);
        try {
            scheduled = scheduler.get().schedule(this::backgroundFetch, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.log(System.Logger.Level.DEBUG, "JWKS refresh not scheduled: the application is stopping");
        }
    }

    private void backgroundFetch() {
        // This task was scheduled at the end of the backoff: it is the retry.
        fetchShared(Instant.MIN);
    }

    private Duration cacheLifetime(JwksFetcher.FetchedKeys fetched) {
        Duration requested = fetched.maxAge().orElse(settings.cacheDuration());
        if (requested.compareTo(MIN_CACHE) < 0) {
            return MIN_CACHE;
        }
        return requested.compareTo(MAX_CACHE) > 0 ? MAX_CACHE : requested;
    }
}
