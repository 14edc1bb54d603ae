package dev.jwksguard.auth.jwks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** One fetch at a time, and waits bounded from the fetch's start: on a clock the test moves. */
class SingleFlightTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final SingleFlight flights = new SingleFlight(Duration.ofMillis(600), 2, now::get);

    private void advance(Duration by) {
        now.addAndGet(by.toNanos());
    }

    @Test
    void joinOrStartWhenNoneInFlightThenTheCallerOwnsANewOneAndLaterCallersJoinIt() {
        SingleFlight.Flight owned = flights.joinOrStart(() -> true).orElseThrow();
        advance(Duration.ofMillis(200));
        SingleFlight.Flight joined = flights.joinOrStart(() -> true).orElseThrow();

        assertThat(owned.owner()).isTrue();
        assertThat(joined.owner()).isFalse();
        assertThat(joined.result()).isSameAs(owned.result());
    }

    @Test
    void remainingWaitWhenJoinedLateThenUntilTheFlightIsMaxWaitOldNotMaxWaitAfterJoining() {
        SingleFlight.Flight owned = flights.joinOrStart(() -> true).orElseThrow();
        advance(Duration.ofMillis(200));
        SingleFlight.Flight joined = flights.joinOrStart(() -> true).orElseThrow();

        assertThat(flights.remainingWait(joined)).isEqualTo(Duration.ofMillis(400));
        advance(Duration.ofMillis(500));
        assertThat(flights.remainingWait(owned)).isZero();
    }

    @Test
    void joinOrStartWhenTheFlightIsMaxWaitOldThenNobodyJoinsAndNoneStarts() {
        flights.joinOrStart(() -> true).orElseThrow();
        advance(Duration.ofMillis(600));

        assertThat(flights.joinOrStart(() -> true)).isEmpty();
    }

    @Test
    void joinOrStartWhenAFetchIsWaitedForByAsManyKidsAsAllowedThenAnotherKidIsNotLetInButTheSameKidsAre() {
        flights.joinOrStart(Optional.of("new-key"), () -> true).orElseThrow();

        assertThat(flights.joinOrStart(Optional.of("stranger-1"), () -> true)).isPresent();
        assertThat(flights.joinOrStart(Optional.of("stranger-2"), () -> true)).as("a third kid").isEmpty();
        assertThat(flights.joinOrStart(Optional.of("new-key"), () -> true)).as("the same kid again").isPresent();
        assertThat(flights.joinOrStart(Optional.of("stranger-1"), () -> true)).isPresent();
        assertThat(flights.joinOrStart(() -> true)).as("a caller without keys, for whom any fetch will do").isPresent();
    }

    @Test
    void joinOrStartWhenNoneMayStartThenEmptyAndAfterAFlightEndsANewOneMay() {
        assertThat(flights.joinOrStart(() -> false)).isEmpty();

        SingleFlight.Flight owned = flights.joinOrStart(() -> true).orElseThrow();
        flights.run(owned, Optional::empty);

        assertThat(owned.result()).isDone();
        assertThat(flights.joinOrStart(() -> true)).hasValueSatisfying(next -> assertThat(next.owner()).isTrue());
    }
}
