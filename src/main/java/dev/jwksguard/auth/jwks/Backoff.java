package dev.jwksguard.auth.jwks;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with full jitter, capped: retries of a failing JWKS endpoint spread out
 * instead of arriving from every node at once.
 */
final class Backoff {

    static final Duration FIRST = Duration.ofSeconds(1);
    static final Duration CAP = Duration.ofMinutes(1);

    private Backoff() {
    }

    /** The wait after the given number of consecutive failures (1 = first failure). */
    static Duration after(int failures) {
        long ceilingMillis = Math.min(CAP.toMillis(), FIRST.toMillis() << Math.min(failures - 1, 20));
        // Half fixed, half random: never zero, never above the cap.
        long half = ceilingMillis / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(half + 1));
    }
}
