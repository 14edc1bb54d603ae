package dev.jwksguard.auth.jwks;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * At most one JWKS fetch at a time. The caller that starts it runs it on its own thread; every
 * caller that arrives meanwhile joins it and waits for its result instead of being refused or
 * fetching again. Whether a new fetch may start (rate limit, recent failure) is decided under the
 * same lock, so a permit is spent per fetch, never per waiting caller.
 */
final class SingleFlight {

    /** A fetch to wait for; {@code owner} is true for the one caller that must run it. */
    record Flight(CompletableFuture<Optional<KeySet>> result, boolean owner) {
    }

    private final Object lock = new Object();
    private CompletableFuture<Optional<KeySet>> running; // guarded by lock

    /**
     * The fetch in flight, or a new one if {@code mayStart} allows it (asked only when none is in
     * flight); empty when none runs and none may start.
     */
    Optional<Flight> joinOrStart(BooleanSupplier mayStart) {
        synchronized (lock) {
            if (running != null) {
                return Optional.of(new Flight(running, false));
            }
            if (!mayStart.getAsBoolean()) {
                return Optional.empty();
            }
            running = new CompletableFuture<>();
            return Optional.of(new Flight(running, true));
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

    /** The flight's key set, waiting at most {@code bound}: empty if it failed or is still running. */
    static Optional<KeySet> await(Flight flight, Duration bound) {
        try {
            return flight.result().get(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException e) {
            return Optional.empty();
        }
    }
}
