package dev.jwksguard.auth.jwks;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * At most one JWKS fetch at a time. The caller that starts it runs it on its own thread; every
 * caller that arrives meanwhile joins it and waits for its result instead of being refused or
 * fetching again. Whether a new fetch may start (rate limit, recent failure) is decided under the
 * same lock, so a permit is spent per fetch, never per waiting caller.
 *
 * <p>Waiting is bounded from the fetch's start, not from each caller's arrival: a fetch that hangs
 * holds request threads for at most {@code maxWait}, however many callers come, and once it is that
 * old nobody joins it. Without the bound, callers with a kid the server has never seen took every
 * HTTP thread while the issuer hung, and requests with known keys queued behind them.
 */
final class SingleFlight {

    /** A fetch to wait for; {@code owner} is true for the one caller that must run it. */
    record Flight(CompletableFuture<Optional<KeySet>> result, boolean owner, long startedNanos) {
    }

    private final Object lock = new Object();
    private final long maxWaitNanos;
    private final LongSupplier nanoTime;
    private Flight running; // guarded by lock

    SingleFlight(Duration maxWait) {
        this(maxWait, System::nanoTime);
    }

    /** @param nanoTime the monotonic clock the ages are read on; a test's own */
    SingleFlight(Duration maxWait, LongSupplier nanoTime) {
        this.maxWaitNanos = maxWait.toNanos();
        this.nanoTime = nanoTime;
    }

    /**
     * The fetch in flight while it is younger than the wait bound, or a new one if {@code mayStart}
     * allows it (asked only when none is in flight); empty when none may be joined or started.
     */
    Optional<Flight> joinOrStart(BooleanSupplier mayStart) {
        synchronized (lock) {
            if (running != null) {
                boolean young = nanoTime.getAsLong() - running.startedNanos() < maxWaitNanos;
                return young ? Optional.of(new Flight(running.result(), false, running.startedNanos())) : Optional.empty();
            }
            if (!mayStart.getAsBoolean()) {
                return Optional.empty();
            }
            running = new Flight(new CompletableFuture<>(), true, nanoTime.getAsLong());
            return Optional.of(running);
        }
    }

    /** Runs the owner's fetch and hands its result to everyone waiting. */
    void run(Flight flight, Supplier<Optional<KeySet>> fetch) {
        Optional<KeySet> result = Optional.empty();
        try {
            result = fetch.get();
        } finally {
            synchronized (lock) {
                running = null;
            }
            flight.result().complete(result);
        }
    }

    /**
     * The flight's key set, waiting until the flight is {@code maxWait} old at most: empty if it
     * failed or is still running then. The owner has run it already and never waits.
     */
    Optional<KeySet> await(Flight flight) {
        try {
            return flight.result().get(remainingWait(flight).toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException e) {
            return Optional.empty();
        }
    }

    /** How long a caller joining now may wait: until the flight is {@code maxWait} old, whenever it came. */
    Duration remainingWait(Flight flight) {
        return Duration.ofNanos(Math.max(0, flight.startedNanos() + maxWaitNanos - nanoTime.getAsLong()));
    }
}
