package dev.jwksguard.auth.jwks;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/** What happened to the JWKS fetches so far: for the backoff, the outage log line, and operators. */
final class FetchHistory {

    private final AtomicLong succeeded = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile Instant lastAttempt;
    private volatile String lastFailure;
    private volatile int failuresSinceSuccess;

    void attempted(Instant at) {
        lastAttempt = at;
    }

    /** @return the consecutive failures this success ends (0 if none) */
    int succeeded() {
        succeeded.incrementAndGet();
        int ended = failuresSinceSuccess;
        failuresSinceSuccess = 0;
        lastFailure = null;
        return ended;
    }

    /** @return the consecutive failures including this one (1 = the first of an outage) */
    int failed(String reason) {
        failed.incrementAndGet();
        lastFailure = reason;
        return ++failuresSinceSuccess;
    }

    Optional<Instant> lastAttempt() {
        return Optional.ofNullable(lastAttempt);
    }

    Optional<String> lastFailure() {
        return Optional.ofNullable(lastFailure);
    }

    int failuresSinceSuccess() {
        return failuresSinceSuccess;
    }

    JwksStatus.Fetches counts() {
        return new JwksStatus.Fetches(succeededSoFar(), failedSoFar(), failuresSinceSuccess(), lastFailure());
    }

    long succeededSoFar() {
        return succeeded.get();
    }

    long failedSoFar() {
        return failed.get();
    }
}
