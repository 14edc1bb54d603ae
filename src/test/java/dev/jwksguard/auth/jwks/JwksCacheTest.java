package dev.jwksguard.auth.jwks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwksguard.testsupport.Concurrently;
import dev.jwksguard.testsupport.ManualScheduler;
import dev.jwksguard.testsupport.MutableClock;
import dev.jwksguard.testsupport.ScriptedHttp;
import dev.jwksguard.testsupport.TestKeys;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import org.jose4j.json.JsonUtil;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.junit.jupiter.api.Test;

/** Cache, single-flight, refetch and outage policy, on a controllable clock, scheduler and HTTP client. */
class JwksCacheTest {

    private static final String JWKS_URI = "https://issuer.test.invalid/jwks";
    private static final String ISSUER = "https://issuer.test.invalid/";

    private final MutableClock clock = new MutableClock();
    private final ScriptedHttp http = new ScriptedHttp();
    private final ManualScheduler scheduler = new ManualScheduler();
    private final JwksCache cache = cache(TestJwksSettings.defaults(), Optional.of(URI.create(JWKS_URI)));

    private JwksCache cache(JwksSettings settings, Optional<URI> jwksUri) {
        JwksLocator locator = new JwksLocator(jwksUri, ISSUER, http, false);
        return new JwksCache(new JwksFetcher(locator, http), settings, clock, scheduler);
    }

    /**
     * After the warm start, a caller with an unknown kid whose refetch takes {@code delay}: returns
     * once that fetch has started, with the caller still waiting for it.
     */
    private CompletableFuture<Void> ownerOfAFetchTaking(JwksCache keys, Duration delay) throws InterruptedException {
        keys.start();
        scheduler.runNext();
        http.delay = delay;
        CompletableFuture<Void> owner = CompletableFuture.runAsync(() -> {
            keys.keysForVerification();
            keys.refetchForUnknownKid("new-kid");
        });
        while (http.calls.get() < 2) {
            Thread.sleep(5);
        }
        return owner;
    }

    /** The warm start, as the deployment runs it. */
    private JwksCache started() {
        cache.start();
        scheduler.runNext();
        return cache;
    }

    @Test
    void keysWhenCachedThenNoFurtherFetch() {
        started();
        for (int i = 0; i < 1000; i++) {
            cache.keysForVerification();
        }
        clock.advance(Duration.ofMinutes(9));
        cache.keysForVerification();

        assertThat(http.calls.get()).isEqualTo(1);
    }

    @Test
    void startThenKeysFetchedInBackgroundAndRefreshedAheadOfExpiry() {
        cache.start();
        assertThat(scheduler.nextDelay()).isEqualTo(Duration.ZERO);
        scheduler.runNext();

        assertThat(kids(cache.keysForVerification())).containsExactly("primary-key");
        assertThat(http.calls.get()).isEqualTo(1);
        assertThat(scheduler.nextDelay()).as("refresh at 80% of the 10 min lifetime").isEqualTo(Duration.ofMinutes(8));
        assertThat(cache.status().state()).isEqualTo(JwksStatus.State.FRESH);

        http.keys(TestKeys.PRIMARY, TestKeys.ROTATED);
        clock.advance(Duration.ofMinutes(8));
        scheduler.runNext();
        assertThat(kids(cache.keysForVerification())).containsExactly("primary-key", "rotated-key");
    }

    @Test
    void keysWhenExpiredAndEndpointFailingThenStaleKeysServedWithoutARequestFetch() {
        started();
        http.status = 500;
        clock.advance(Duration.ofMinutes(11));
        scheduler.runNext();

        for (int i = 0; i < 100; i++) {
            assertThat(kids(cache.keysForVerification())).containsExactly("primary-key");
        }
        clock.advance(Duration.ofHours(23));
        assertThat(kids(cache.keysForVerification())).containsExactly("primary-key");
        assertThat(http.calls.get()).isEqualTo(2);
        assertThat(cache.status().state()).isEqualTo(JwksStatus.State.STALE);
    }

    @Test
    void keysWhenStaleForMoreThanADayThenKeySourceException() {
        started();
        http.status = 500;
        clock.advance(Duration.ofHours(24).plusMinutes(1));

        assertThatThrownBy(cache::keysForVerification).isInstanceOf(KeySourceException.class)
                .hasMessageContaining("HTTP 500");
    }

    @Test
    void keysWhenAnswerMalformedOrEmptyThenGoodKeysNotReplaced() {
        started();
        http.body = "{\"keys\": [";
        scheduler.runNext();
        assertThat(kids(cache.keysForVerification())).containsExactly("primary-key");

        http.body = "{\"keys\": []}";
        scheduler.runNext();
        assertThat(kids(cache.keysForVerification())).containsExactly("primary-key");
        assertThat(cache.status().fetches().failed()).isEqualTo(2);
    }

    @Test
    void fetchWhenMaxAgeTooShortThenClampedToOneMinute() {
        http.cacheControl = "public, max-age=15";
        started();

        assertThat(scheduler.nextDelay()).isEqualTo(Duration.ofSeconds(48));
    }

    @Test
    void fetchWhenKeysUnfitThenIgnored() {
        http.body = "{\"keys\":[" + param(TestKeys.PRIMARY, "use", "enc") + "," + param(TestKeys.ROTATED, null, null)
                + ",{\"kty\":\"oct\",\"kid\":\"hmac\",\"k\":\"c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0\"}]}";

        assertThat(kids(started().keysForVerification())).containsExactly("rotated-key");
    }

    @Test
    void backgroundFetchWhenFailingThenRetriedWithGrowingJitteredBackoff() {
        http.status = 500;
        cache.start();

        Duration previousCeiling = Duration.ZERO;
        for (int failure = 1; failure <= 12; failure++) {
            scheduler.runNext();
            Duration delay = scheduler.nextDelay();
            Duration ceiling = Backoff.FIRST.multipliedBy(1L << Math.min(failure - 1, 20));
            ceiling = ceiling.compareTo(Backoff.CAP) > 0 ? Backoff.CAP : ceiling;
            assertThat(delay).isBetween(ceiling.dividedBy(2), ceiling);
            assertThat(ceiling).isGreaterThanOrEqualTo(previousCeiling);
            previousCeiling = ceiling;
        }
        JwksStatus status = cache.status();
        assertThat(status.state()).isEqualTo(JwksStatus.State.UNAVAILABLE);
        assertThat(status.fetches().failuresSinceSuccess()).isEqualTo(12);
        assertThat(status.fetches().failed()).isEqualTo(12);
        assertThat(status.fetches().lastFailure()).hasValueSatisfying(reason -> assertThat(reason).contains("500"));
    }

    @Test
    void keysWhenColdAfterBackgroundFailuresThenTheFirstRequestFetchesAtOnce() {
        http.status = 500;
        cache.start();
        for (int failure = 0; failure < 8; failure++) {
            scheduler.runNext();
        }
        assertThat(scheduler.nextDelay()).isGreaterThan(Duration.ofSeconds(20));
        int callsBefore = http.calls.get();
        http.status = 200;

        assertThat(kids(cache.keysForVerification())).containsExactly("primary-key");
        assertThat(http.calls.get()).isEqualTo(callsBefore + 1);
        assertThat(scheduler.nextDelay()).as("back to refresh-ahead").isEqualTo(Duration.ofMinutes(8));
    }

    @Test
    void keysWhenColdAndARequestFetchJustFailedThenNoFetchUntilTheRetryInterval() {
        http.status = 503;

        assertThatThrownBy(cache::keysForVerification).isInstanceOf(KeySourceException.class);
        assertThatThrownBy(cache::keysForVerification).isInstanceOf(KeySourceException.class);
        assertThat(http.calls.get()).as("the second request falls inside the retry interval").isEqualTo(1);

        http.status = 200;
        clock.advance(JwksCache.COLD_RETRY_INTERVAL);
        assertThat(kids(cache.keysForVerification())).containsExactly("primary-key");
        assertThat(http.calls.get()).isEqualTo(2);
    }

    @Test
    void keysWhenFiftyConcurrentCallersOnAColdCacheThenOneFetchServesThemAll() throws Exception {
        http.delay = Duration.ofMillis(300);

        List<List<JsonWebKey>> results = Concurrently.run(50, 50, cache::keysForVerification);

        assertThat(results).allSatisfy(keys -> assertThat(kids(keys)).containsExactly("primary-key"));
        assertThat(http.calls.get()).isEqualTo(1);
    }

    @Test
    void refetchForUnknownKidWhenTwentyCallersBringANewKidDuringASlowFetchThenOneFetchAndOnePermitServeThemAll()
            throws Exception {
        started();
        http.keys(TestKeys.PRIMARY, TestKeys.ROTATED);
        http.delay = Duration.ofMillis(300);

        // What jose4j's resolver does: read the keys, refetch when the kid is missing, read again.
        List<List<JsonWebKey>> results = Concurrently.run(20, 20, () -> {
            cache.keysForVerification();
            cache.refetchForUnknownKid("new-kid");
            return cache.keysForVerification();
        });

        assertThat(results).allSatisfy(keys -> assertThat(kids(keys)).contains("rotated-key"));
        assertThat(http.calls.get()).as("the warm start and one refetch").isEqualTo(2);
        assertThat(cache.status().refetches().lastMinute()).isEqualTo(1);
        assertThat(cache.status().refetches().refused()).isZero();
    }

    @Test
    void refetchForUnknownKidWhenCalledMoreThanFiveTimesInAMinuteThenOnlyFiveFetches() {
        started();
        for (int i = 0; i < 300; i++) {
            cache.keysForVerification();
            cache.refetchForUnknownKid("new-kid");
        }
        assertThat(http.calls.get()).isEqualTo(1 + 5);
        assertThat(cache.status().refetches().refused()).isEqualTo(295);

        clock.advance(Duration.ofSeconds(61));
        cache.keysForVerification();
        cache.refetchForUnknownKid("new-kid");
        assertThat(http.calls.get()).isEqualTo(7);
    }

    @Test
    void refetchForUnknownKidWhenANewerSetArrivedSinceTheCallerLookedThenNoFetch() {
        started();
        cache.keysForVerification();
        scheduler.runNext();

        cache.refetchForUnknownKid("new-kid");

        assertThat(http.calls.get()).as("the warm start and the background refresh").isEqualTo(2);
        assertThat(cache.status().refetches().lastMinute()).isZero();
    }

    @Test
    void refetchForUnknownKidWhenTheFetchInFlightHangsThenTheWaitIsBoundedByTheTimeouts() throws Exception {
        JwksCache quick = cache(TestJwksSettings.withTimeouts(Duration.ofMillis(100), Duration.ofMillis(100)),
                Optional.of(URI.create(JWKS_URI)));
        CompletableFuture<Void> owner = ownerOfAFetchTaking(quick, Duration.ofSeconds(4));

        long started = System.nanoTime();
        quick.keysForVerification();
        quick.refetchForUnknownKid("new-kid");
        Duration waited = Duration.ofNanos(System.nanoTime() - started);

        // Back while the 4 s fetch still hangs: the wait ended at the timeouts' bound, not with the fetch.
        assertThat(owner).isNotDone();
        assertThat(waited).as("a wait, up to the timeouts' bound").isGreaterThanOrEqualTo(Duration.ofMillis(1000));
        assertThat(kids(quick.keysForVerification())).containsExactly("primary-key");
        owner.join();
        assertThat(http.calls.get()).isEqualTo(2);
    }

    @Test
    void refetchForUnknownKidWhenTheFetchInFlightHangsThenWaitersAreReleasedMaxWaitAfterItStarted() throws Exception {
        JwksCache patient = cache(TestJwksSettings.withMaxWait(Duration.ofMillis(600)), Optional.of(URI.create(JWKS_URI)));
        long fetchStarted = System.nanoTime();
        CompletableFuture<Void> owner = ownerOfAFetchTaking(patient, Duration.ofSeconds(4));
        Thread.sleep(200);

        List<Duration> waitedFromFetchStart = Concurrently.run(10, 10, () -> {
            patient.keysForVerification();
            patient.refetchForUnknownKid("new-kid");
            return Duration.ofNanos(System.nanoTime() - fetchStarted);
        });

        // Each waiter joined about 200 ms in and waited for the fetch until its 600 ms mark (how long
        // exactly, on a clock the test moves: SingleFlightTest), then left while it still hung.
        assertThat(owner).isNotDone();
        assertThat(waitedFromFetchStart).allSatisfy(waited ->
                assertThat(waited).isGreaterThanOrEqualTo(Duration.ofMillis(550)));
        assertThat(kids(patient.keysForVerification())).containsExactly("primary-key");
        owner.join();
        assertThat(http.calls.get()).as("the warm start and the hanging fetch, no other").isEqualTo(2);
    }

    @Test
    void refetchForUnknownKidWhenManyDifferentKidsComeDuringAHangingFetchThenOnlyFourKidsWaitAndTheOthersAreAnswered()
            throws Exception {
        JwksCache patient = cache(TestJwksSettings.withMaxWait(Duration.ofSeconds(5)), Optional.of(URI.create(JWKS_URI)));
        CompletableFuture<Void> owner = ownerOfAFetchTaking(patient, Duration.ofSeconds(8));
        java.util.concurrent.ExecutorService strangers = java.util.concurrent.Executors.newFixedThreadPool(10);
        try {
            List<CompletableFuture<Void>> calls = new java.util.ArrayList<>();
            for (int i = 0; i < 10; i++) {
                String kid = "stranger-" + i;
                calls.add(CompletableFuture.runAsync(() -> {
                    patient.keysForVerification();
                    patient.refetchForUnknownKid(kid);
                }, strangers));
            }
            // The owner's kid and three strangers' wait for the hanging fetch; the other seven are
            // answered from the keys held at once, while those three still wait.
            java.time.Instant deadline = java.time.Instant.now().plusSeconds(4);
            while (calls.stream().filter(CompletableFuture::isDone).count() < 7 && java.time.Instant.now().isBefore(deadline)) {
                Thread.sleep(10);
            }

            assertThat(calls.stream().filter(CompletableFuture::isDone).count()).isEqualTo(7);
            assertThat(owner).isNotDone();
            CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).join();
            owner.join();
            assertThat(http.calls.get()).as("the warm start and the hanging fetch, no other").isEqualTo(2);
        } finally {
            strangers.shutdownNow();
        }
    }

    @Test
    void refetchForUnknownKidWhenTheFetchInFlightIsOlderThanMaxWaitThenNobodyJoinsIt() throws Exception {
        JwksCache patient = cache(TestJwksSettings.withMaxWait(Duration.ofMillis(300)), Optional.of(URI.create(JWKS_URI)));
        CompletableFuture<Void> owner = ownerOfAFetchTaking(patient, Duration.ofSeconds(3));
        Thread.sleep(500);

        patient.keysForVerification();
        patient.refetchForUnknownKid("new-kid");

        // Back while the 3 s fetch still hangs, with the keys held: it did not join it (SingleFlightTest).
        assertThat(owner).isNotDone();
        assertThat(kids(patient.keysForVerification())).containsExactly("primary-key");
        owner.join();
        assertThat(http.calls.get()).isEqualTo(2);
    }

    @Test
    void refetchNowWhenKeyRemovedThenItStopsBeingServed() {
        http.keys(TestKeys.PRIMARY, TestKeys.ROTATED);
        started();
        http.keys(TestKeys.ROTATED);

        assertThat(cache.refetchNow()).isTrue();

        assertThat(kids(cache.keysForVerification())).containsExactly("rotated-key");
        assertThat(cache.status().keys()).extracting(JwksStatus.KeyInfo::kid).containsExactly("rotated-key");
    }

    @Test
    void onNewKeysWhenARefreshDropsAKeyThenTheListenerAndPublishesSayItIsGone() {
        List<Predicate<SigningKey>> told = new ArrayList<>();
        cache.onNewKeys(told::add);
        SigningKey primary = new SigningKey(Optional.of("primary-key"), TestKeys.PRIMARY.getPublicKey());
        SigningKey underAnotherKid = new SigningKey(Optional.of("other-kid"), TestKeys.PRIMARY.getPublicKey());
        http.keys(TestKeys.PRIMARY, TestKeys.ROTATED);
        started();
        assertThat(cache.publishes(primary)).isTrue();
        assertThat(cache.publishes(underAnotherKid)).isFalse();
        http.keys(TestKeys.ROTATED);

        assertThat(cache.refetchNow()).isTrue();

        assertThat(told).hasSize(2);
        assertThat(told.get(0).test(primary)).isTrue();
        assertThat(told.get(1).test(primary)).isFalse();
        assertThat(cache.publishes(primary)).isFalse();
        http.respond(JWKS_URI, 500, "");
        assertThat(cache.refetchNow()).isTrue();
        assertThat(told).as("a failed fetch is no new set").hasSize(2);
    }

    @Test
    void cachedKeysWhenColdThenNoneAndNoFetch() {
        assertThat(cache.cachedKeys()).isEmpty();
        assertThat(http.calls.get()).isZero();

        started();

        assertThat(kids(cache.cachedKeys())).containsExactly("primary-key");
    }

    @Test
    void refetchNowWhenRateLimitSpentThenRefused() {
        started();
        for (int i = 0; i < 5; i++) {
            assertThat(cache.refetchNow()).isTrue();
        }
        assertThat(cache.refetchNow()).isFalse();
        assertThat(cache.status().refetches().lastMinute()).isEqualTo(5);
    }

    @Test
    void keysWhenUriNotConfiguredThenDiscoveredFromIssuerMetadata() {
        http.respond("https://issuer.test.invalid/.well-known/openid-configuration", 200,
                "{\"issuer\":\"https://issuer.test.invalid/\",\"jwks_uri\":\"" + JWKS_URI + "\"}");
        JwksCache discovering = cache(TestJwksSettings.defaults(), Optional.empty());

        assertThat(kids(discovering.keysForVerification())).containsExactly("primary-key");
        assertThat(discovering.status().uri()).contains(URI.create(JWKS_URI));
    }

    @Test
    void keysWhenDiscoveredIssuerDiffersThenNoKeysAndReasonGiven() {
        http.respond("https://issuer.test.invalid/.well-known/openid-configuration", 200,
                "{\"issuer\":\"https://evil.example/\",\"jwks_uri\":\"" + JWKS_URI + "\"}");
        http.respond("https://issuer.test.invalid/.well-known/oauth-authorization-server", 404, "");
        JwksCache discovering = cache(TestJwksSettings.defaults(), Optional.empty());

        assertThatThrownBy(discovering::keysForVerification).isInstanceOf(KeySourceException.class)
                .hasMessageContaining("names another issuer");
    }

    @Test
    void discoveryUrlsFollowOidcAndRfc8414() {
        assertThat(IssuerMetadata.discoveryUrls("https://tenant.auth0.com/")).containsExactly(
                URI.create("https://tenant.auth0.com/.well-known/openid-configuration"),
                URI.create("https://tenant.auth0.com/.well-known/oauth-authorization-server"));
        assertThat(IssuerMetadata.discoveryUrls("https://kc.example/realms/main")).containsExactly(
                URI.create("https://kc.example/realms/main/.well-known/openid-configuration"),
                URI.create("https://kc.example/.well-known/oauth-authorization-server/realms/main"));
    }

    private static String param(PublicJsonWebKey key, String name, String value) {
        Map<String, Object> params = new LinkedHashMap<>(key.toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
        if (name != null) {
            params.put(name, value);
        }
        return JsonUtil.toJson(params);
    }

    private static List<String> kids(List<JsonWebKey> keys) {
        return keys.stream().map(JsonWebKey::getKeyId).toList();
    }
}
