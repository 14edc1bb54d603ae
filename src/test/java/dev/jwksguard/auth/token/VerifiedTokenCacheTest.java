package dev.jwksguard.auth.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwksguard.auth.jwks.SigningKey;
import dev.jwksguard.testsupport.Concurrently;
import dev.jwksguard.testsupport.MutableClock;
import dev.jwksguard.testsupport.TestKeys;
import java.lang.reflect.RecordComponent;
import java.security.PublicKey;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;

class VerifiedTokenCacheTest {

    private static final Duration SKEW = Duration.ofSeconds(30);
    private static final SigningKey PRIMARY = signing(TestKeys.PRIMARY.getKeyId(), TestKeys.PRIMARY.getPublicKey());
    private static final SigningKey ROTATED = signing(TestKeys.ROTATED.getKeyId(), TestKeys.ROTATED.getPublicKey());

    private final MutableClock clock = new MutableClock();
    private final Set<SigningKey> published = ConcurrentHashMap.newKeySet();
    private final VerifiedTokenCache cache = cache(10_000);

    VerifiedTokenCacheTest() {
        published.add(PRIMARY);
        published.add(ROTATED);
    }

    private VerifiedTokenCache cache(int maxEntries) {
        return VerifiedTokenCache.create(maxEntries, published::contains, clock, SKEW);
    }

    /** A verified result for subject {@code sub}, valid for {@code lifetime} from the clock's now. */
    private VerifiedTokenCache.Entry entry(String sub, SigningKey key, Duration lifetime) {
        JwtClaims claims = new JwtClaims();
        claims.setSubject(sub);
        return new VerifiedTokenCache.Entry(claims, Set.of("read:notes"), key,
                clock.instant().plus(lifetime).getEpochSecond(), Long.MIN_VALUE);
    }

    private static SigningKey signing(String kid, PublicKey key) {
        return new SigningKey(Optional.of(kid), key);
    }

    private static String token(String sub) {
        return "eyJhbGciOiJSUzI1NiJ9." + sub + ".c2lnbmF0dXJl";
    }

    private static String subjectOf(Optional<VerifiedTokenCache.Entry> entry) {
        return entry.map(found -> found.claims().getClaimValueAsString("sub")).orElse("(miss)");
    }

    @Test
    void findWhenSameTokenThenEarlierResultAndWhenOneCharDiffersThenMiss() throws Exception {
        cache.put(token("alice"), entry("alice", PRIMARY, Duration.ofHours(1)));

        assertThat(subjectOf(cache.find(token("alice")))).isEqualTo("alice");
        assertThat(cache.find(token("alicf"))).isEmpty();
        assertThat(cache.find(token("alice") + "A")).isEmpty();
        assertThat(cache.find(token("alice").substring(1))).isEmpty();
    }

    @Test
    void findWhenExpPassedWhileCachedThenExpiredAndForgotten() throws Exception {
        cache.put(token("alice"), entry("alice", PRIMARY, Duration.ofMinutes(5)));
        clock.advance(Duration.ofMinutes(5).plus(SKEW).minusSeconds(1));
        assertThat(cache.find(token("alice"))).isPresent();

        clock.advance(Duration.ofSeconds(1));

        assertThatThrownBy(() -> cache.find(token("alice")))
                .isInstanceOfSatisfying(InvalidTokenException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectionReason.EXPIRED));
        assertThat(cache.size()).isZero();
    }

    @Test
    void sizeWhenExpPassedThenEntryEvictedWithoutBeingAskedFor() {
        cache.put(token("alice"), entry("alice", PRIMARY, Duration.ofMinutes(5)));
        cache.put(token("bob"), entry("bob", PRIMARY, Duration.ofHours(1)));

        clock.advance(Duration.ofMinutes(6));

        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void findWhenNotBeforeStillAheadOfSkewThenNotYetValid() {
        JwtClaims claims = new JwtClaims();
        long nbf = clock.instant().plus(Duration.ofMinutes(2)).getEpochSecond();
        cache.put(token("alice"), new VerifiedTokenCache.Entry(claims, Set.of(), PRIMARY,
                clock.instant().plus(Duration.ofHours(1)).getEpochSecond(), nbf));

        assertThatThrownBy(() -> cache.find(token("alice")))
                .isInstanceOfSatisfying(InvalidTokenException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectionReason.NOT_YET_VALID));
        clock.advance(Duration.ofMinutes(2).minus(SKEW));
        assertThatCode(() -> cache.find(token("alice"))).doesNotThrowAnyException();
    }

    @Test
    void retainKeysWhenNewSetLacksAKeyThenItsTokensAreDroppedAndOthersKept() throws Exception {
        cache.put(token("alice"), entry("alice", PRIMARY, Duration.ofHours(1)));
        cache.put(token("bob"), entry("bob", ROTATED, Duration.ofHours(1)));

        cache.retainKeys(ROTATED::equals);

        assertThat(cache.size()).isEqualTo(1);
        assertThat(subjectOf(cache.find(token("bob")))).isEqualTo("bob");
    }

    @Test
    void findWhenKeyNoLongerPublishedThenMissAndForgotten() throws Exception {
        cache.put(token("alice"), entry("alice", PRIMARY, Duration.ofHours(1)));

        published.remove(PRIMARY);

        assertThat(cache.find(token("alice"))).isEmpty();
        published.add(PRIMARY);
        assertThat(cache.find(token("alice"))).as("forgotten, so it must be verified again").isEmpty();
    }

    @Test
    void putWhenMoreTokensThanTheBoundThenSizeStaysWithinIt() {
        VerifiedTokenCache small = cache(100);

        for (int i = 0; i < 1_000; i++) {
            small.put(token("user" + i), entry("user" + i, PRIMARY, Duration.ofHours(1)));
        }

        assertThat(small.size()).isBetween(1L, 100L);
    }

    @Test
    void findWhenManyThreadsPutAndFindThenEachTokenGetsOnlyItsOwnResult() throws Exception {
        VerifiedTokenCache shared = cache(500);
        AtomicInteger wrong = new AtomicInteger();
        AtomicInteger hits = new AtomicInteger();

        Concurrently.run(8, 8, () -> {
            for (int i = 0; i < 2_000; i++) {
                String sub = "user" + (i % 700);
                Optional<VerifiedTokenCache.Entry> found = shared.find(token(sub));
                if (found.isEmpty()) {
                    shared.put(token(sub), entry(sub, PRIMARY, Duration.ofHours(1)));
                } else if (!subjectOf(found).equals(sub)) {
                    wrong.incrementAndGet();
                } else {
                    hits.incrementAndGet();
                }
            }
            return null;
        });

        assertThat(wrong).hasValue(0);
        assertThat(hits.get()).isPositive();
        assertThat(shared.size()).isLessThanOrEqualTo(500);
    }

    @Test
    void findWhenCacheOffThenAlwaysMiss() throws Exception {
        VerifiedTokenCache off = cache(0);

        off.put(token("alice"), entry("alice", PRIMARY, Duration.ofHours(1)));

        assertThat(off.enabled()).isFalse();
        assertThat(off.find(token("alice"))).isEmpty();
        assertThat(off.size()).isZero();
    }

    @Test
    void entriesWhenInspectedThenHoldNoTokenOnlyItsDigest() {
        for (RecordComponent component : VerifiedTokenCache.TokenDigest.class.getRecordComponents()) {
            assertThat(component.getType()).isEqualTo(long.class);
        }
        assertThat(Arrays.stream(VerifiedTokenCache.Entry.class.getRecordComponents()).map(RecordComponent::getType))
                .doesNotContain(String.class, CharSequence.class, byte[].class, char[].class);
        assertThat(VerifiedTokenCache.digest(token("alice"))).isEqualTo(VerifiedTokenCache.digest(token("alice")))
                .isNotEqualTo(VerifiedTokenCache.digest(token("alicf")));
    }
}
