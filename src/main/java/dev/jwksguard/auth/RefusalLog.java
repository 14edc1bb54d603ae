package dev.jwksguard.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The log lines for refused requests, without a flood. Anyone can send bad tokens, and a line each
 * would let them fill the disk (about 4 MB a minute were seen under load). So the first refusal of
 * each kind in an interval is logged at once, for the operator to see a new problem right away; the
 * others are counted, and one line sums them up when the interval is over. Exact totals since start
 * stay in {@link VerificationCounters} (the admin document and metrics).
 */
final class RefusalLog {

    static final Duration INTERVAL = Duration.ofMinutes(1);

    private final Clock clock;
    private final Duration interval;
    private final Consumer<String> out;
    private final Object lock = new Object();
    private Instant intervalEnds = Instant.MIN; // guarded by lock
    /** Refusals of each kind in this interval after its logged first one; sorted for a stable line. */
    private final Map<String, Long> unlogged = new TreeMap<>(); // guarded by lock
    private volatile ScheduledFuture<?> summaries;

    RefusalLog(Clock clock, Duration interval, Consumer<String> out) {
        this.clock = clock;
        this.interval = interval;
        this.out = out;
    }

    /** Writes to the server log at INFO. */
    static RefusalLog toServerLog(Clock clock) {
        System.Logger log = System.getLogger(RefusalLog.class.getName());
        return new RefusalLog(clock, INTERVAL, line -> log.log(System.Logger.Level.INFO, line));
    }

    /**
     * One refused request.
     *
     * @param kind    what the summary counts, e.g. "kid not found"; a fixed text, never the caller's
     * @param message the whole line, logged when it is the first of its kind in the interval
     */
    void refused(String kind, String message) {
        String summary;
        boolean first;
        synchronized (lock) {
            summary = closeIntervalIfOver();
            Long count = unlogged.get(kind);
            first = count == null;
            unlogged.put(kind, first ? 0L : count + 1);
        }
        if (summary != null) {
            out.accept(summary);
        }
        if (first) {
            out.accept(message + " (more of this kind within " + interval.toSeconds() + " s are counted, not logged)");
        }
    }

    /** Sums up each interval on this scheduler, also when no refusal comes after it. */
    void summarizeEvery(ScheduledExecutorService scheduler) {
        long seconds = interval.toSeconds();
        summaries = scheduler.scheduleAtFixedRate(this::flushIfDue, seconds, seconds, TimeUnit.SECONDS);
    }

    void stop() {
        ScheduledFuture<?> running = summaries;
        if (running != null) {
            running.cancel(false);
        }
        flushIfDue();
    }

    /** Writes the summary of an interval that is over; the scheduler calls it, so a quiet minute is not left unsaid. */
    void flushIfDue() {
        String summary;
        synchronized (lock) {
            summary = closeIntervalIfOver();
        }
        if (summary != null) {
            out.accept(summary);
        }
    }

    private String closeIntervalIfOver() {
        Instant now = clock.instant();
        if (now.isBefore(intervalEnds)) {
            return null;
        }
        String counted = unlogged.entrySet().stream().filter(entry -> entry.getValue() > 0)
                .map(entry -> entry.getKey() + " " + entry.getValue()).collect(Collectors.joining(", "));
        unlogged.clear();
        intervalEnds = now.plus(interval);
        return counted.isEmpty() ? null
                : "Bearer refusals not logged in the last " + interval.toSeconds() + " s: " + counted
                        + " (totals since start: GET /api/admin/jwks)";
    }
}
