package dev.jwksguard.auth.jwks;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * At most N permits in any sliding minute: a flood of tokens with made-up kids costs the issuer
 * N fetches a minute, never more; and an operator's tool cannot be turned into a load generator.
 */
public final class SlidingMinuteLimit {

    private static final Duration WINDOW = Duration.ofMinutes(1);

    private final int permitsPerMinute;
    private final Clock clock;
    private final Deque<Instant> granted = new ArrayDeque<>();
    private long refused;

    public SlidingMinuteLimit(int permitsPerMinute, Clock clock) {
        this.permitsPerMinute = permitsPerMinute;
        this.clock = clock;
    }

    public synchronized boolean tryAcquire() {
        Instant now = clock.instant();
        dropOlderThanWindow(now);
        if (granted.size() >= permitsPerMinute) {
            refused++;
            return false;
        }
        granted.addLast(now);
        return true;
    }

    synchronized int grantedInLastMinute() {
        dropOlderThanWindow(clock.instant());
        return granted.size();
    }

    synchronized long refusedSoFar() {
        return refused;
    }

    private void dropOlderThanWindow(Instant now) {
        Instant windowStart = now.minus(WINDOW);
        while (!granted.isEmpty() && !granted.peekFirst().isAfter(windowStart)) {
            granted.removeFirst();
        }
    }
}
