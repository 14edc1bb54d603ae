package dev.jwksguard.auth.jwks;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What operators see of the key set: no key material, only identifiers, timings and counts. Words:
 * a <em>fetch</em> is any GET of the JWKS; the <em>refresh</em> is the scheduled one, ahead of
 * expiry; a <em>refetch</em> is one outside the schedule (a token's unknown kid, an operator's
 * {@code POST /api/admin/jwks/refresh}), limited by {@code oauth.jwks.refetches-per-minute}.
 */
public record JwksStatus(Optional<URI> uri, State state, List<KeyInfo> keys, Times times, Fetches fetches,
                         Refetches refetches) {

    /** fresh: within its cache lifetime; stale: expired but still trusted through an outage. */
    public enum State { FRESH, STALE, UNAVAILABLE }

    public record KeyInfo(String kid, String keyType, String algorithm) {
    }

    /** When a fetch was last tried and last succeeded, when the refresh is due, how old the set is. */
    public record Times(Optional<Instant> lastAttempt, Optional<Instant> lastSuccess, Optional<Instant> nextRefresh,
                        Optional<Duration> age) {
    }

    /** Every fetch so far, and the run of failures since the last success. */
    public record Fetches(long succeeded, long failed, int failuresSinceSuccess, Optional<String> lastFailure) {
    }

    /** Refetches granted in the sliding minute, and refused by the limit so far. */
    public record Refetches(int lastMinute, long refused) {
    }
}
