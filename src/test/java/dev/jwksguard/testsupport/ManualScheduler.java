package dev.jwksguard.testsupport;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** Keeps the latest scheduled task so that a test runs it when it chooses, on its own thread. */
public final class ManualScheduler extends ScheduledThreadPoolExecutor {

    private final Deque<Runnable> tasks = new ArrayDeque<>();
    private final Deque<Duration> delays = new ArrayDeque<>();

    public ManualScheduler() {
        super(1);
    }

    @Override
    public synchronized ScheduledFuture<?> schedule(Runnable task, long delay, TimeUnit unit) {
        tasks.addLast(task);
        delays.addLast(Duration.ofMillis(unit.toMillis(delay)));
        // A future that never fires: the test runs the task itself.
        return super.schedule(() -> { }, 365, TimeUnit.DAYS);
    }

    /** The delay of the latest scheduled task. */
    public synchronized Duration nextDelay() {
        return delays.peekLast();
    }

    /** Runs the latest scheduled task; earlier ones were replaced by it. */
    public void runNext() {
        Runnable task;
        synchronized (this) {
            task = tasks.pollLast();
            tasks.clear();
            delays.clear();
        }
        task.run();
    }
}
