package dev.jwksguard.auth.jwks;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** The one pending background fetch: refresh-ahead after a success, the retry after a failure. */
final class RefreshSchedule {

    private static final System.Logger LOG = System.getLogger(RefreshSchedule.class.getName());

    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final Runnable fetch;
    private ScheduledFuture<?> pending; // guarded by this
    private Instant next; // guarded by this

    RefreshSchedule(ScheduledExecutorService scheduler, Clock clock, Runnable fetch) {
        this.scheduler = scheduler;
        this.clock = clock;
        this.fetch = fetch;
    }

    /** Replaces whatever was pending: only the latest outcome decides when to fetch next. */
    synchronized void fetchAfter(Duration delay) {
        cancel();
        next = clock.instant().plus(delay);
        try {
            pending = scheduler.schedule(fetch, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.log(System.Logger.Level.DEBUG, "JWKS refresh not scheduled: the application is stopping");
        }
    }

    synchronized void cancel() {
        if (pending != null) {
            pending.cancel(false);
            pending = null;
        }
    }

    synchronized Optional<Instant> next() {
        return Optional.ofNullable(next);
    }
}
