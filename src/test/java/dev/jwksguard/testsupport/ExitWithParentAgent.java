package dev.jwksguard.testsupport;

import java.util.Optional;

/**
 * A Java agent for the Payara Micro child of the run command and the tests: it ends the JVM when
 * the process that started it is gone, however that died ({@code kill -9} included), so Payara
 * never outlives its launcher. Packed into a jar by {@link PayaraMicroProcess}; no dependencies.
 */
public final class ExitWithParentAgent {

    private static final long POLL_MILLIS = 500;

    private ExitWithParentAgent() {
    }

    public static void premain(String args) {
        Optional<ProcessHandle> parent = ProcessHandle.current().parent();
        if (parent.isEmpty()) {
            return;
        }
        Thread watch = new Thread(() -> {
            // The handle keeps the parent's start time: a reused pid does not look alive.
            while (parent.get().isAlive()) {
                try {
                    Thread.sleep(POLL_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
            }
            System.err.println("[exit-with-parent] the launching process is gone: stopping");
            System.exit(143);
        }, "exit-with-parent");
        watch.setDaemon(true);
        watch.start();
    }
}
