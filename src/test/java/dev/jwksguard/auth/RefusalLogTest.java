package dev.jwksguard.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwksguard.testsupport.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A flood of refusals writes a line per kind and a summary per interval, never a line per refusal. */
class RefusalLogTest {

    private final MutableClock clock = new MutableClock();
    private final List<String> lines = new ArrayList<>();
    private final RefusalLog log = new RefusalLog(clock, Duration.ofMinutes(1), lines::add);

    @Test
    void refusedWhenAThousandOfTwoKindsThenTheFirstOfEachIsLoggedAndTheRestCounted() {
        for (int i = 0; i < 1_000; i++) {
            log.refused(i % 10 == 0 ? "expired" : "kid not found",
                    "Bearer token rejected: " + (i % 10 == 0 ? "expired" : "kid not found"));
        }

        assertThat(lines).containsExactly(
                "Bearer token rejected: expired (more of this kind within 60 s are counted, not logged)",
                "Bearer token rejected: kid not found (more of this kind within 60 s are counted, not logged)");
    }

    @Test
    void flushIfDueWhenTheIntervalIsOverThenOneSummaryWithTheCountsPerKind() {
        for (int i = 0; i < 1_000; i++) {
            log.refused(i % 10 == 0 ? "expired" : "kid not found", "Bearer token rejected");
        }
        log.flushIfDue();
        assertThat(lines).as("nothing before the interval is over").hasSize(2);

        clock.advance(Duration.ofSeconds(60));
        log.flushIfDue();
        log.flushIfDue();

        assertThat(lines).hasSize(3);
        assertThat(lines.get(2)).isEqualTo("Bearer refusals not logged in the last 60 s: expired 99, kid not found 899"
                + " (totals since start: GET /api/admin/jwks)");
    }

    @Test
    void refusedWhenANewIntervalBeginsThenItsFirstRefusalIsLoggedAgainAfterTheSummary() {
        log.refused("expired", "Bearer token rejected: expired");
        log.refused("expired", "Bearer token rejected: expired");

        clock.advance(Duration.ofSeconds(61));
        log.refused("expired", "Bearer token rejected: expired");

        assertThat(lines).hasSize(3);
        assertThat(lines.get(1)).startsWith("Bearer refusals not logged in the last 60 s: expired 1 ");
        assertThat(lines.get(2)).startsWith("Bearer token rejected: expired (more");
    }

    @Test
    void flushIfDueWhenOnlyFirstsWereLoggedThenNoSummary() {
        log.refused("expired", "Bearer token rejected: expired");
        clock.advance(Duration.ofMinutes(5));

        log.flushIfDue();

        assertThat(lines).hasSize(1);
    }
}
