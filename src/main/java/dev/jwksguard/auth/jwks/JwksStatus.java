package dev.jwksguard.auth.jwks;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** What operators see of the key set: no key material, only identifiers and timings. */
public record JwksStatus(
        Optional<URI> uri,
        State state,
        List<KeyInfo> keys,
        Optional<Instant> lastAttempt,
        Optional<Instant> lastSuccess,
        Optional<Instant> nextRefresh,
        Optional<Duration> age,
        int failuresSinceSuccess,
        Optional<String> lastFailure,
        int forcedFetchesLastMinute,
        long forcedFetchesRefused,
        long fetchesSucceeded,
        long fetchesFailed) {

    /** fresh: within its cache lifetime; stale: expired but still trusted through an outage. */
    public enum State { FRESH, STALE, UNAVAILABLE }

    public record KeyInfo(String kid, String keyType, String algorithm) {
    }
}
