package dev.jwksguard.auth.jwks;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.jose4j.jwk.JsonWebKey;

/**
 * The issuer's key set and the policy around it. Fetched at startup and refreshed in the
 * background before it expires; one fetch at a time, joined by every caller that needs it;
 * refetches (unknown kids, operators) rate-limited; the last good set kept through outages. The
 * words are {@link JwksStatus}'s: fetch, refresh, refetch.
 *
 * <p>What an issuer that stays down sees from one instance: the background retries (jittered
 * exponential backoff, 1 s doubling up to 1 min); while no usable keys are held and requests keep
 * coming, at most one more fetch per {@link #COLD_RETRY_INTERVAL}; while keys are held, at most
 * {@code refetchesPerMinute} refetches a minute (unknown kids, operators). A request waits for a fetch
 * in flight only while that fetch is younger than {@code maxWait}; later, it is answered with what
 * is cached (an unknown kid: 401; no usable keys: 503).
 */
final class JwksCache {

    private static final System.Logger LOG = System.getLogger(JwksCache.class.getName());
    private static final Duration MIN_CACHE = Duration.ofMinutes(1);
    private static final Duration MAX_CACHE = Duration.ofHours(24);
    /** With no usable keys every request fails anyway: a request may fetch again this soon after one failed. */
    static final Duration COLD_RETRY_INTERVAL = Duration.ofMillis(500);
    /** Beyond the HTTP timeouts, for the JSON parsing and the hand-over to waiting callers. */
    private static final Duration WAIT_MARGIN = Duration.ofSeconds(1);

    /**
     * The generation of the key set this thread's verification last read. jose4j's resolver asks
     * for the keys, then calls refresh() when none matches, then asks again, all on the verifying
     * thread (pinned by Jose4jResolverContractTest): a refetch from a caller that saw an older
     * generation than the current one is already answered.
     */
    private static final ThreadLocal<long[]> SEEN_GENERATION = ThreadLocal.withInitial(() -> new long[] {-1});

    private final JwksFetcher fetcher;
    private final JwksSettings settings;
    private final Clock clock;
    private final SlidingMinuteLimit refetchLimit;
    private final SingleFlight flights;
    private final FetchHistory history = new FetchHistory();
    private final RefreshSchedule schedule;
    private final AtomicLong generations = new AtomicLong();

    private volatile KeySet current;
    private volatile Instant coldFetchNotBefore = Instant.MIN;
    private volatile Consumer<Predicate<SigningKey>> newKeysListener = published -> { };

    JwksCache(JwksFetcher fetcher, JwksSettings settings, Clock clock, ScheduledExecutorService scheduler) {
        this.fetcher = fetcher;
        this.settings = settings;
        this.clock = clock;
        this.refetchLimit = new SlidingMinuteLimit(settings.refetchesPerMinute(), clock);
        this.schedule = new RefreshSchedule(scheduler, clock, this::backgroundFetch);
        // A fetch cannot outlast its timeouts: waiting longer than they allow would be waiting for nothing.
        Duration timeouts = settings.http().connectTimeout().plus(settings.http().readTimeout()).plus(WAIT_MARGIN);
        Duration maxWait = settings.waits().maxWait();
        this.flights = new SingleFlight(maxWait.compareTo(timeouts) < 0 ? maxWait : timeouts,
                settings.waits().maxWaitingKids());
    }

    /** Warm start: fetch now in the background, so the first request finds keys. */
    void start() {
        schedule.fetchAfter(Duration.ZERO);
    }

    void stop() {
        schedule.cancel();
    }

    /**
     * The keys to verify with: the cached set while it is usable; otherwise the result of the fetch
     * in flight, or of one this call starts unless a request's fetch failed a moment ago.
     *
     * @throws KeySourceException when nothing usable is held and none could be fetched
     */
    List<JsonWebKey> keysForVerification() {
        KeySet keys = current;
        if (keys != null && keys.isUsable(clock.instant(), settings.keepStaleKeysFor())) {
            return seen(keys);
        }
        Optional<KeySet> fetched = flights.joinOrStart(() -> !clock.instant().isBefore(coldFetchNotBefore))
                .flatMap(flight -> complete(flight, true))
                .filter(set -> set.isUsable(clock.instant(), settings.keepStaleKeysFor()));
        if (fetched.isEmpty()) {
            throw new KeySourceException("JWKS unreachable and no usable keys cached: "
                    + fetcher.uri().map(Object::toString).orElse("(not discovered)")
                    + history.lastFailure().map(reason -> " (" + reason + ")").orElse(""));
        }
        return seen(fetched.get());
    }

    /**
     * A token named a kid this thread did not find: join the fetch in flight if it is waited for by
     * few enough other kids, or start one within the rate limit; otherwise the caller is answered
     * from the keys held.
     *
     * @param kid the token's kid, "" when it has none
     */
    void refetchForUnknownKid(String kid) {
        long seen = SEEN_GENERATION.get()[0];
        Optional<SingleFlight.Flight> flight = flights.joinOrStart(Optional.of(kid),
                () -> !isNewerThan(seen) && tryRefetchPermit());
        if (flight.isPresent()) {
            complete(flight.get(), false);
        }
    }

    /**
     * An operator asked for a refetch: joins the fetch in flight, else fetches within the same
     * rate limit as unknown kids.
     *
     * @return false when the rate limit refused it
     */
    boolean refetchNow() {
        Optional<SingleFlight.Flight> flight = flights.joinOrStart(refetchLimit::tryAcquire);
        flight.ifPresent(started -> complete(started, false));
        return flight.isPresent();
    }

    /** Whether the current set is usable and holds this key. Never fetches. */
    boolean publishes(SigningKey key) {
        KeySet keys = current;
        return keys != null && keys.isUsable(clock.instant(), settings.keepStaleKeysFor()) && keys.holds(key);
    }

    /** The keys of the current set while it is usable, else none. Never fetches. */
    List<JsonWebKey> cachedKeys() {
        KeySet keys = current;
        return keys != null && keys.isUsable(clock.instant(), settings.keepStaleKeysFor()) ? keys.keys() : List.of();
    }

    /** Told of every newly fetched set, as the question "is this key still in it?". */
    void onNewKeys(Consumer<Predicate<SigningKey>> listener) {
        this.newKeysListener = listener;
    }

    JwksStatus status() {
        KeySet keys = current;
        Instant now = clock.instant();
        JwksStatus.State state = keys == null || !keys.isUsable(now, settings.keepStaleKeysFor())
                ? JwksStatus.State.UNAVAILABLE
                : keys.isFresh(now) ? JwksStatus.State.FRESH : JwksStatus.State.STALE;
        List<JwksStatus.KeyInfo> infos = keys == null ? List.of() : keys.keys().stream()
                .map(key -> new JwksStatus.KeyInfo(key.getKeyId(), key.getKeyType(), key.getAlgorithm()))
                .toList();
        Optional<KeySet> held = Optional.ofNullable(keys);
        return new JwksStatus(fetcher.uri(), state, infos,
                new JwksStatus.Times(history.lastAttempt(), held.map(KeySet::fetchedAt), schedule.next(),
                        held.map(set -> Duration.between(set.fetchedAt(), now))),
                history.counts(), new JwksStatus.Refetches(refetchLimit.grantedInLastMinute(),
                        refetchLimit.refusedSoFar()));
    }

    private List<JsonWebKey> seen(KeySet keys) {
        SEEN_GENERATION.get()[0] = keys.generation();
        return keys.keys();
    }

    private boolean isNewerThan(long generation) {
        KeySet keys = current;
        return keys != null && keys.generation() != generation;
    }

    private boolean tryRefetchPermit() {
        if (refetchLimit.tryAcquire()) {
            return true;
        }
        LOG.log(System.Logger.Level.DEBUG, "JWKS refetch for an unknown kid refused by the rate limit");
        return false;
    }

    /** Runs the flight if this caller owns it, then waits for its result within the bound. */
    private Optional<KeySet> complete(SingleFlight.Flight flight, boolean requestWithoutKeys) {
        if (flight.owner()) {
            flights.run(flight, () -> fetch(requestWithoutKeys));
        }
        return flights.await(flight);
    }

    private void backgroundFetch() {
        flights.joinOrStart(() -> true).filter(SingleFlight.Flight::owner)
                .ifPresent(flight -> flights.run(flight, () -> fetch(false)));
    }

    /** One fetch; a bad answer never replaces a good set. Empty when it failed. */
    private Optional<KeySet> fetch(boolean requestWithoutKeys) {
        history.attempted(clock.instant());
        try {
            JwksFetcher.FetchedKeys fetched = fetcher.fetch();
            Instant fetchedAt = clock.instant();
            Duration lifetime = cacheLifetime(fetched);
            KeySet keys = new KeySet(fetched.keys(), fetchedAt, fetchedAt.plus(lifetime), generations.incrementAndGet());
            current = keys;
            newKeysListener.accept(keys::holds);
            int endedOutage = history.succeeded();
            if (endedOutage > 0) {
                LOG.log(System.Logger.Level.INFO, "JWKS fetched again after {0} failed attempts; {1} keys",
                        endedOutage, fetched.keys().size());
            }
            // Refresh ahead of expiry, so requests never see an expired set while the issuer is up.
            schedule.fetchAfter(lifetime.multipliedBy(8).dividedBy(10));
            return Optional.of(keys);
        } catch (JwksFetcher.FetchFailedException e) {
            return failed(e.getMessage(), requestWithoutKeys);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "JWKS fetch failed unexpectedly", e);
            return failed("JWKS fetch failed: " + e.getClass().getSimpleName(), requestWithoutKeys);
        }
    }

    private Optional<KeySet> failed(String reason, boolean requestWithoutKeys) {
        int failures = history.failed(reason);
        if (failures == 1) {
            // Once per outage, not once per request.
            LOG.log(System.Logger.Level.WARNING, "{0}; {1}", reason,
                    current == null ? "no keys cached, requests get 503" : "keeping the cached keys");
        }
        if (requestWithoutKeys) {
            coldFetchNotBefore = clock.instant().plus(COLD_RETRY_INTERVAL);
        }
        schedule.fetchAfter(Backoff.after(failures));
        return Optional.empty();
    }

    private Duration cacheLifetime(JwksFetcher.FetchedKeys fetched) {
        Duration requested = fetched.maxAge().orElse(settings.cacheDuration());
        if (requested.compareTo(MIN_CACHE) < 0) {
            return MIN_CACHE;
        }
        return requested.compareTo(MAX_CACHE) > 0 ? MAX_CACHE : requested;
    }
}
