package dev.jwksguard.auth.jwks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwksguard.testsupport.TestKeys;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.jose4j.http.SimpleGet;
import org.jose4j.http.SimpleResponse;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.junit.jupiter.api.Test;

/** Cache, refetch and outage policy, on a controllable clock and a scripted HTTP client. */
class JwksCacheTest {

    static final String JWKS_URI = "https://issuer.test.invalid/jwks";

    private final MutableClock clock = new MutableClock();
    private final ScriptedHttp http = new ScriptedHttp();
    private static final String ISSUER = "https://issuer.test.invalid/";

    private final JwksSettings settings = TestJwksSettings.defaults();
    private final CapturingScheduler scheduler = new CapturingScheduler();
    private final JwksCache source = cache(Optional.empty());

    private JwksCache cache(Optional<java.util.concurrent.ScheduledExecutorService> withScheduler) {
        JwksLocator locator = new JwksLocator(Optional.of(URI.create(JWKS_URI)), ISSUER, http, false);
        return new JwksCache(new JwksFetcher(locator, http), settings, clock, withScheduler);
    }

    @Test
    void keysWhenCachedThenNoFurtherFetch() {
        source.keysForVerification();
        for (int i = 0; i < 1000; i++) {
            source.keysForVerification();
        }
        clock.advance(Duration.ofMinutes(9));
        source.keysForVerification();

        assertThat(http.calls.get()).isEqualTo(1);
    }

    @Test
    void keysWhenCacheExpiredThenRefetched() {
        source.keysForVerification();
        clock.advance(Duration.ofMinutes(11));
        http.keys(TestKeys.PRIMARY, TestKeys.ROTATED);

        assertThat(kids(source.keysForVerification())).containsExactly("primary-key", "rotated-key");
        assertThat(http.calls.get()).isEqualTo(2);
    }

    @Test
    void forceRefetchWhenCalledMoreThanFiveTimesInAMinuteThenOnlyFiveFetches() {
        source.keysForVerification();
        for (int i = 0; i < 300; i++) {
            source.forceRefetch();
        }
        assertThat(http.calls.get()).isEqualTo(1 + 5);
        assertThat(source.status().forcedFetchesRefused()).isEqualTo(295);

        clock.advance(Duration.ofSeconds(61));
        source.forceRefetch();
        assertThat(http.calls.get()).isEqualTo(7);
    }

    @Test
    void keysWhenEndpointFailsAfterExpiryThenStaleKeysKept() {
        source.keysForVerification();
        clock.advance(Duration.ofHours(2));
        http.status = 500;

        assertThat(kids(source.keysForVerification())).containsExactly("primary-key");
        clock.advance(Duration.ofHours(21));
        assertThat(kids(source.keysForVerification())).containsExactly("primary-key");
    }

    @Test
    void keysWhenStaleForMoreThanADayThenKeySourceException() {
        source.keysForVerification();
        http.status = 500;
        clock.advance(Duration.ofHours(24).plusMinutes(1));

        assertThatThrownBy(source::keysForVerification).isInstanceOf(KeySourceException.class);
    }

    @Test
    void keysWhenColdAndEndpointDownThenKeySourceExceptionAndBackoff() {
        http.status = 503;

        assertThatThrownBy(source::keysForVerification).isInstanceOf(KeySourceException.class);
        assertThatThrownBy(source::keysForVerification).isInstanceOf(KeySourceException.class);
        assertThat(http.calls.get()).as("second call falls inside the backoff").isEqualTo(1);

        http.status = 200;
        clock.advance(Duration.ofSeconds(2));
        assertThat(kids(source.keysForVerification())).containsExactly("primary-key");
    }

    @Test
    void keysWhenAnswerMalformedOrEmptyThenGoodKeysNotReplaced() {
        source.keysForVerification();
        clock.advance(Duration.ofMinutes(11));
        http.body = "{\"keys\": [";
        assertThat(kids(source.keysForVerification())).containsExactly("primary-key");

        clock.advance(Duration.ofMinutes(1));
        http.body = "{\"keys\": []}";
        assertThat(kids(source.keysForVerification())).containsExactly("primary-key");
    }

    @Test
    void keysWhenMaxAgeTooShortThenClampedToOneMinute() {
        http.cacheControl = "public, max-age=15";
        source.keysForVerification();
        clock.advance(Duration.ofSeconds(45));
        source.keysForVerification();
        assertThat(http.calls.get()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(20));
        source.keysForVerification();
        assertThat(http.calls.get()).isEqualTo(2);
    }

    @Test
    void fetchWhenKeysUnfitThenIgnored() {
        http.body = "{\"keys\":[" + param(TestKeys.PRIMARY, "use", "enc") + "," + param(TestKeys.ROTATED, null, null)
                + ",{\"kty\":\"oct\",\"kid\":\"hmac\",\"k\":\"c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0\"}]}";

        assertThat(kids(source.keysForVerification())).containsExactly("rotated-key");
    }

    @Test
    void startWhenSchedulerThenKeysFetchedInBackgroundAndRefreshedBeforeExpiry() {
        JwksCache warm = cache(Optional.of(scheduler));

        warm.start();
        assertThat(scheduler.nextDelay()).isEqualTo(Duration.ZERO);
        scheduler.runNext();

        assertThat(kids(warm.keysForVerification())).containsExactly("primary-key");
        assertThat(http.calls.get()).isEqualTo(1);
        assertThat(scheduler.nextDelay()).as("refresh at 80% of the 10 min lifetime").isEqualTo(Duration.ofMinutes(8));
        assertThat(warm.status().state()).isEqualTo(JwksStatus.State.FRESH);
    }

    @Test
    void keysWhenExpiredWithBackgroundRefresherThenRequestThreadNeverFetches() {
        JwksCache warm = cache(Optional.of(scheduler));
        warm.start();
        scheduler.runNext();
        http.status = 500;
        clock.advance(Duration.ofMinutes(11));

        for (int i = 0; i < 100; i++) {
            assertThat(kids(warm.keysForVerification())).containsExactly("primary-key");
        }
        assertThat(http.calls.get()).isEqualTo(1);
        assertThat(warm.status().state()).isEqualTo(JwksStatus.State.STALE);
    }

    @Test
    void backgroundFetchWhenFailingThenRetriedWithGrowingJitteredBackoffAndWarnedOnce() {
        JwksCache warm = cache(Optional.of(scheduler));
        http.status = 500;
        warm.start();

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
        JwksStatus status = warm.status();
        assertThat(status.state()).isEqualTo(JwksStatus.State.UNAVAILABLE);
        assertThat(status.failuresSinceSuccess()).isEqualTo(12);
        assertThat(status.fetchesFailed()).isEqualTo(12);
        assertThat(status.lastFailure()).hasValueSatisfying(reason -> assertThat(reason).contains("500"));
    }

    @Test
    void keysWhenColdAfterManyFailuresThenRequestsRetryEveryFewSecondsNotAtTheBackoff() {
        JwksCache warm = cache(Optional.of(scheduler));
        http.status = 500;
        warm.start();
        for (int failure = 0; failure < 8; failure++) {
            scheduler.runNext();
        }
        assertThat(scheduler.nextDelay()).isGreaterThan(Duration.ofSeconds(20));
        int callsBefore = http.calls.get();
        http.status = 200;

        assertThatThrownBy(warm::keysForVerification).isInstanceOf(KeySourceException.class);
        clock.advance(JwksCache.COLD_RETRY_INTERVAL);

        assertThat(kids(warm.keysForVerification())).containsExactly("primary-key");
        assertThat(http.calls.get()).isEqualTo(callsBefore + 1);
    }

    @Test
    void keysWhenFiftyConcurrentCallersOnColdCacheThenExactlyOneFetch() throws Exception {
        http.delay = Duration.ofMillis(300);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(50);
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.Future<List<JsonWebKey>>> results = new java.util.ArrayList<>();
        for (int i = 0; i < 50; i++) {
            results.add(pool.submit(() -> {
                start.await();
                return source.keysForVerification();
            }));
        }
        start.countDown();
        for (var result : results) {
            assertThat(kids(result.get())).containsExactly("primary-key");
        }
        pool.shutdown();

        assertThat(http.calls.get()).isEqualTo(1);
    }

    @Test
    void refreshNowWhenKeyRemovedThenItStopsBeingServed() {
        http.keys(TestKeys.PRIMARY, TestKeys.ROTATED);
        source.keysForVerification();
        http.keys(TestKeys.ROTATED);

        assertThat(source.refreshNow()).isTrue();

        assertThat(kids(source.keysForVerification())).containsExactly("rotated-key");
        assertThat(source.status().keys()).extracting(JwksStatus.KeyInfo::kid).containsExactly("rotated-key");
    }

    @Test
    void refreshNowWhenRateLimitSpentThenRefused() {
        for (int i = 0; i < 5; i++) {
            assertThat(source.refreshNow()).isTrue();
        }
        assertThat(source.refreshNow()).isFalse();
        assertThat(source.status().forcedFetchesLastMinute()).isEqualTo(5);
    }

    @Test
    void keysWhenUriNotConfiguredThenDiscoveredFromIssuerMetadata() {
        http.respond("https://issuer.test.invalid/.well-known/openid-configuration", 200,
                "{\"issuer\":\"https://issuer.test.invalid/\",\"jwks_uri\":\"" + JWKS_URI + "\"}");
        JwksLocator locator = new JwksLocator(Optional.empty(), "https://issuer.test.invalid/", http, false);
        JwksCache discovering = new JwksCache(new JwksFetcher(locator, http), settings, clock, Optional.empty());

        assertThat(kids(discovering.keysForVerification())).containsExactly("primary-key");
        assertThat(discovering.status().uri()).contains(URI.create(JWKS_URI));
    }

    @Test
    void keysWhenDiscoveredIssuerDiffersThenNoKeysAndReasonGiven() {
        http.respond("https://issuer.test.invalid/.well-known/openid-configuration", 200,
                "{\"issuer\":\"https://evil.example/\",\"jwks_uri\":\"" + JWKS_URI + "\"}");
        http.respond("https://issuer.test.invalid/.well-known/oauth-authorization-server", 404, "");
        JwksLocator locator = new JwksLocator(Optional.empty(), "https://issuer.test.invalid/", http, false);
        JwksCache discovering = new JwksCache(new JwksFetcher(locator, http), settings, clock, Optional.empty());

        assertThatThrownBy(discovering::keysForVerification).isInstanceOf(KeySourceException.class)
                .hasMessageContaining("names another issuer");
    }

    @Test
    void discoveryUrlsFollowOidcAndRfc8414() {
        assertThat(JwksLocator.discoveryUrls("https://tenant.auth0.com/")).containsExactly(
                URI.create("https://tenant.auth0.com/.well-known/openid-configuration"),
                URI.create("https://tenant.auth0.com/.well-known/oauth-authorization-server"));
        assertThat(JwksLocator.discoveryUrls("https://kc.example/realms/main")).containsExactly(
                URI.create("https://kc.example/realms/main/.well-known/openid-configuration"),
                URI.create("https://kc.example/.well-known/oauth-authorization-server/realms/main"));
    }

    /** Captures scheduled work so a test runs it when it chooses. */
    static final class CapturingScheduler extends java.util.concurrent.ScheduledThreadPoolExecutor {
        private final java.util.Deque<Runnable> tasks = new java.util.ArrayDeque<>();
        private final java.util.Deque<Duration> delays = new java.util.ArrayDeque<>();

        CapturingScheduler() {
            super(1);
        }

        @Override
        public java.util.concurrent.ScheduledFuture<?> schedule(Runnable task, long delay,
                                                               java.util.concurrent.TimeUnit unit) {
            tasks.addLast(task);
            delays.addLast(Duration.ofMillis(unit.toMillis(delay)));
            return super.schedule(() -> { }, 365, java.util.concurrent.TimeUnit.DAYS);
        }

        Duration nextDelay() {
            return delays.peekLast();
        }

        void runNext() {
            Runnable task = tasks.pollLast();
            tasks.clear();
            delays.clear();
            task.run();
        }
    }

    private static String param(org.jose4j.jwk.PublicJsonWebKey key, String name, String value) {
        Map<String, Object> params = new java.util.LinkedHashMap<>(key.toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
        if (name != null) {
            params.put(name, value);
        }
        return org.jose4j.json.JsonUtil.toJson(params);
    }

    private static List<String> kids(List<JsonWebKey> keys) {
        return keys.stream().map(JsonWebKey::getKeyId).toList();
    }

    static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    static final class ScriptedHttp implements SimpleGet {
        final AtomicInteger calls = new AtomicInteger();
        volatile int status = 200;
        volatile String body;
        volatile String cacheControl;
        volatile Duration delay = Duration.ZERO;
        private final Map<String, Map.Entry<Integer, String>> byUrl = new java.util.concurrent.ConcurrentHashMap<>();

        ScriptedHttp() {
            keys(TestKeys.PRIMARY);
        }

        void keys(org.jose4j.jwk.PublicJsonWebKey... keys) {
            body = new JsonWebKeySet(keys).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
        }

        void respond(String url, int answerStatus, String answerBody) {
            byUrl.put(url, Map.entry(answerStatus, answerBody));
        }

        @Override
        public SimpleResponse get(String location) throws IOException {
            var special = byUrl.get(location);
            if (special == null) {
                calls.incrementAndGet();
            }
            if (!delay.isZero()) {
                try {
                    Thread.sleep(delay.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            int answerStatus = special != null ? special.getKey() : status;
            String answerBody = special != null ? special.getValue() : body;
            String answerCacheControl = cacheControl;
            return new SimpleResponse() {
                @Override
                public int getStatusCode() {
                    return answerStatus;
                }

                @Override
                public String getStatusMessage() {
                    return "";
                }

                @Override
                public Collection<String> getHeaderNames() {
                    return answerCacheControl == null ? List.of() : List.of("Cache-Control");
                }

                @Override
                public List<String> getHeaderValues(String name) {
                    return answerCacheControl != null && name.equalsIgnoreCase("Cache-Control")
                            ? List.of(answerCacheControl) : null;
                }

                @Override
                public String getBody() {
                    return answerBody;
                }
            };
        }
    }
}
