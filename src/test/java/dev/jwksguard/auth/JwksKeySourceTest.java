package dev.jwksguard.auth;

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
import java.util.concurrent.atomic.AtomicInteger;
import org.jose4j.http.SimpleGet;
import org.jose4j.http.SimpleResponse;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.junit.jupiter.api.Test;

/** Cache, refetch and outage policy, on a controllable clock and a scripted HTTP client. */
class JwksKeySourceTest {

    private final MutableClock clock = new MutableClock();
    private final ScriptedHttp http = new ScriptedHttp();
    private final OAuthSettings settings = TestSettings.settings("https://issuer.test.invalid/jwks");
    private final JwksKeySource source = new JwksKeySource(
            new JwksFetcher(URI.create("https://issuer.test.invalid/jwks"), http), settings.jwks(), clock);

    @Test
    void getJsonWebKeysWhenCachedThenNoFurtherFetch() {
        source.getJsonWebKeys();
        for (int i = 0; i < 1000; i++) {
            source.getJsonWebKeys();
        }
        clock.advance(Duration.ofMinutes(9));
        source.getJsonWebKeys();

        assertThat(http.calls.get()).isEqualTo(1);
    }

    @Test
    void getJsonWebKeysWhenCacheExpiredThenRefetched() {
        source.getJsonWebKeys();
        clock.advance(Duration.ofMinutes(11));
        http.keys(TestKeys.PRIMARY, TestKeys.ROTATED);

        assertThat(kids(source.getJsonWebKeys())).containsExactly("primary-key", "rotated-key");
        assertThat(http.calls.get()).isEqualTo(2);
    }

    @Test
    void refreshWhenCalledMoreThanFiveTimesInAMinuteThenOnlyFiveFetches() {
        source.getJsonWebKeys();
        for (int i = 0; i < 300; i++) {
            source.refresh();
        }
        assertThat(http.calls.get()).isEqualTo(1 + 5);
        assertThat(source.refetchLimit().refusedSoFar()).isEqualTo(295);

        clock.advance(Duration.ofSeconds(61));
        source.refresh();
        assertThat(http.calls.get()).isEqualTo(7);
    }

    @Test
    void getJsonWebKeysWhenEndpointFailsAfterExpiryThenStaleKeysKept() {
        source.getJsonWebKeys();
        clock.advance(Duration.ofHours(2));
        http.status = 500;

        assertThat(kids(source.getJsonWebKeys())).containsExactly("primary-key");
        clock.advance(Duration.ofHours(21));
        assertThat(kids(source.getJsonWebKeys())).containsExactly("primary-key");
    }

    @Test
    void getJsonWebKeysWhenStaleForMoreThanADayThenKeySourceException() {
        source.getJsonWebKeys();
        http.status = 500;
        clock.advance(Duration.ofHours(24).plusMinutes(1));

        assertThatThrownBy(source::getJsonWebKeys).isInstanceOf(KeySourceException.class);
    }

    @Test
    void getJsonWebKeysWhenColdAndEndpointDownThenKeySourceExceptionAndBackoff() {
        http.status = 503;

        assertThatThrownBy(source::getJsonWebKeys).isInstanceOf(KeySourceException.class);
        assertThatThrownBy(source::getJsonWebKeys).isInstanceOf(KeySourceException.class);
        assertThat(http.calls.get()).as("second call falls inside the backoff").isEqualTo(1);

        http.status = 200;
        clock.advance(Duration.ofSeconds(2));
        assertThat(kids(source.getJsonWebKeys())).containsExactly("primary-key");
    }

    @Test
    void getJsonWebKeysWhenAnswerMalformedOrEmptyThenGoodKeysNotReplaced() {
        source.getJsonWebKeys();
        clock.advance(Duration.ofMinutes(11));
        http.body = "{\"keys\": [";
        assertThat(kids(source.getJsonWebKeys())).containsExactly("primary-key");

        clock.advance(Duration.ofMinutes(1));
        http.body = "{\"keys\": []}";
        assertThat(kids(source.getJsonWebKeys())).containsExactly("primary-key");
    }

    @Test
    void getJsonWebKeysWhenMaxAgeTooShortThenClampedToOneMinute() {
        http.cacheControl = "public, max-age=15";
        source.getJsonWebKeys();
        clock.advance(Duration.ofSeconds(45));
        source.getJsonWebKeys();
        assertThat(http.calls.get()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(20));
        source.getJsonWebKeys();
        assertThat(http.calls.get()).isEqualTo(2);
    }

    @Test
    void fetchWhenKeysUnfitThenIgnored() {
        http.body = "{\"keys\":[" + param(TestKeys.PRIMARY, "use", "enc") + "," + param(TestKeys.ROTATED, null, null)
                + ",{\"kty\":\"oct\",\"kid\":\"hmac\",\"k\":\"c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0\"}]}";

        assertThat(kids(source.getJsonWebKeys())).containsExactly("rotated-key");
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

        ScriptedHttp() {
            keys(TestKeys.PRIMARY);
        }

        void keys(org.jose4j.jwk.PublicJsonWebKey... keys) {
            body = new JsonWebKeySet(keys).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
        }

        @Override
        public SimpleResponse get(String location) throws IOException {
            calls.incrementAndGet();
            int answerStatus = status;
            String answerBody = body;
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
