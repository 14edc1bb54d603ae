package dev.jwksguard.auth.jwks;

import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
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
 * old nobody joins it. And a fetch is waited for by the requests of at most {@code maxWaitingKids}
 * different unknown kids: a rotation brings one new kid, which any number of requests may wait for,
 * while a flood of made-up kids during a hang would otherwise hold every HTTP thread, and requests
 * with known keys would queue behind them (their writes took 2.4 s at p99 before this bound).
 */
final class SingleFlight {

    private static final System.Logger LOG = System.getLogger(SingleFlight.class.getName());

    /**
     * A fetch to wait for; {@code owner} is true for the one caller that must run it.
     *
     * @param kids the different unknown kids its waiters came with (guarded by the flight's lock)
     */
    record Flight(CompletableFuture<Optional<KeySet>> result, boolean owner, long startedNanos, Set<String> kids) {
    }

    private final Object lock = new Object();
    private final long maxWaitNanos;
    private final int maxWaitingKids;
    private final LongSupplier nanoTime;
    private Flight running; // guarded by lock
    private boolean turnedAwayKids; // guarded by lock: whether the running flight turned a kid away yet

    SingleFlight(Duration maxWait, int maxWaitingKids) {
        this(maxWait, maxWaitingKids, System::nanoTime);
    }

    /** @param nanoTime the monotonic clock the ages are read on; a test's own */
    SingleFlight(Duration maxWait, int maxWaitingKids, LongSupplier nanoTime) {
        this.maxWaitNanos = maxWait.toNanos();
        this.maxWaitingKids = maxWaitingKids;
        this.nanoTime = nanoTime;
    }

    /** For a caller that needs whatever the fetch brings: no keys held, an operator, the schedule. */
    Optional<Flight> joinOrStart(BooleanSupplier mayStart) {
        return joinOrStart(Optional.empty(), mayStart);
    }

    /**
     * The fetch in flight while it is younger than the wait bound and, for a caller with an unknown
     * kid, while that kid is one of the {@code maxWaitingKids} it is waited for by; else a new one if
     * {@code mayStart} allows it (asked only when none is in flight); empty when none may be joined
     * or started.
     *
     * @param kid the unknown kid the caller came with ("" for a token without one)
     */
    Optional<Flight> joinOrStart(Optional<String> kid, BooleanSupplier mayStart) {
        synchronized (lock) {
            if (running != null) {
                boolean young = nanoTime.getAsLong() - running.startedNanos() < maxWaitNanos;
                boolean room = kid.isEmpty() || running.kids().contains(kid.get())
                        || running.kids().size() < maxWaitingKids;
                if (young && !room && !turnedAwayKids) {
                    turnedAwayKids = true; // once per fetch: a flood would otherwise write a line per request
                    LOG.log(System.Logger.Level.INFO, "A JWKS fetch in flight is awaited for {0} unknown kids"
                            + " already; requests with other unknown kids are answered from the cached keys until it"
                            + " ends (oauth.jwks.max-waiting-kids)", maxWaitingKids);
                }
                if (!young || !room) {
                    return Optional.empty();
                }
                kid.ifPresent(running.kids()::add);
                return Optional.of(new Flight(running.result(), false, running.startedNanos(), running.kids()));
            }
            if (!mayStart.getAsBoolean()) {
                return Optional.empty();
            }
            Set<String> kids = new HashSet<>();
            kid.ifPresent(kids::add);
            running = new Flight(new CompletableFuture<>(), true, nanoTime.getAsLong(), kids);
            turnedAwayKids = false;
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
