package dev.jwksguard.auth.token;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.jwksguard.auth.jwks.SigningKey;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.jose4j.jwt.JwtClaims;

/**
 * Remembers tokens that passed full verification, so a token seen again skips the signature check
 * and the claims parsing. Keyed by the SHA-256 of the exact token; the token itself is never kept.
 * An entry lives until the token's {@code exp} (plus the clock skew) and never past the moment its
 * key leaves the JWKS. Thread-safe; bounded.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8725#section-3.10">RFC 8725 §3.10</a> (time claims still checked on every hit)
 */
final class VerifiedTokenCache {

    /** What a hit must still check: the time claims and whether the key is still published. */
    record Entry(JwtClaims claims, Set<String> roles, SigningKey key, long expiresAt, long notBefore) {
    }

    /** The SHA-256 of a token as four longs: cheap to compare, and no copy of the token. */
    record TokenDigest(long a, long b, long c, long d) {
    }

    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(VerifiedTokenCache::sha256);

    private final Cache<TokenDigest, Entry> entries;
    private final Predicate<SigningKey> published;
    private final Clock clock;
    private final ClockSkew skew;

    private VerifiedTokenCache(Cache<TokenDigest, Entry> entries, Predicate<SigningKey> published, Clock clock,
                               Duration skew) {
        this.entries = entries;
        this.published = published;
        this.clock = clock;
        this.skew = ClockSkew.of(skew);
    }

    /**
     * @param maxEntries the bound; 0 turns caching off
     * @param published whether a key is in the current, usable key set; must never fetch
     */
    static VerifiedTokenCache create(int maxEntries, Predicate<SigningKey> published, Clock clock, Duration skew) {
        // A second past the moment find() refuses the token: until then a hit answers "expired" itself.
        long keepNanos = skew.plusSeconds(1).toNanos();
        Cache<TokenDigest, Entry> entries = maxEntries <= 0 ? null : Caffeine.newBuilder()
                .maximumSize(maxEntries)
                // The token's exp is wall-clock time, so expiry runs on the same clock the hits are checked with.
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .expireAfter(Expiry.<TokenDigest, Entry>creating((digest, entry) -> Duration.ofNanos(Math.max(0,
                        TimeUnit.SECONDS.toNanos(entry.expiresAt()) + keepNanos
                                - TimeUnit.MILLISECONDS.toNanos(clock.millis())))))
                // Maintenance on the calling thread: no pool of our own, and none borrowed from the container.
                .executor(Runnable::run)
                .build();
        return new VerifiedTokenCache(entries, published, clock, skew);
    }

    boolean enabled() {
        return entries != null;
    }

    /**
     * The earlier verification of exactly this token, if it still holds: empty on a miss, or when
     * its key left the key set (then the token must be verified again).
     *
     * @throws InvalidTokenException the token expired, or is not yet valid, since it was cached
     */
    Optional<Entry> find(String token) throws InvalidTokenException {
        if (entries == null) {
            return Optional.empty();
        }
        TokenDigest digest = digest(token);
        Entry entry = entries.getIfPresent(digest);
        if (entry == null) {
            return Optional.empty();
        }
        long now = clock.instant().getEpochSecond();
        if (skew.expired(now, entry.expiresAt())) {
            entries.invalidate(digest);
            throw new InvalidTokenException(RejectionReason.EXPIRED);
        }
        if (skew.notYetValid(now, entry.notBefore())) {
            throw new InvalidTokenException(RejectionReason.NOT_YET_VALID);
        }
        if (!published.test(entry.key())) {
            entries.invalidate(digest);
            return Optional.empty();
        }
        return Optional.of(entry);
    }

    void put(String token, Entry entry) {
        if (entries != null) {
            entries.put(digest(token), entry);
        }
    }

    /** A new key set arrived: forget every token whose key it no longer holds. */
    void retainKeys(Predicate<SigningKey> stillPublished) {
        if (entries != null) {
            entries.asMap().values().removeIf(entry -> !stillPublished.test(entry.key()));
        }
    }

    long size() {
        if (entries == null) {
            return 0;
        }
        entries.cleanUp();
        return entries.estimatedSize();
    }

    static TokenDigest digest(String token) {
        MessageDigest sha256 = SHA_256.get();
        ByteBuffer hash = ByteBuffer.wrap(sha256.digest(token.getBytes(StandardCharsets.UTF_8)));
        return new TokenDigest(hash.getLong(), hash.getLong(), hash.getLong(), hash.getLong());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
