package dev.jwksguard.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * One instance of the server this run of the suite is on (Payara Micro, WildFly or Payara Server,
 * see {@link ItServer#SERVER}), started and configured the way an operator runs several of them:
 * the project's scripts in server-config/, notes in PostgreSQL, the WAR at the root, HTTP on
 * 127.0.0.1. For tests that kill one.
 */
public interface FailoverInstance extends AutoCloseable {

    /** The HTTP port, on 127.0.0.1. */
    int port();

    default String base() {
        return "http://127.0.0.1:" + port();
    }

    /** From the start of this instance (its setup included) until it served the application. */
    Duration startup();

    /** SIGKILL to the server's JVM itself, not to a launch script: as a crash or the OOM killer ends it. */
    void kill();

    /** Stops it and everything it started, also after {@link #kill()} or a failed start. */
    @Override
    void close();

    /** Two instances, both serving, and the time until both were; closing it closes both. */
    record Pair(FailoverInstance a, FailoverInstance b, Duration startup) implements AutoCloseable {

        @Override
        public void close() {
            try {
                a.close();
            } finally {
                b.close();
            }
        }
    }

    /**
     * Two instances of this run's server, started in parallel. {@code environment} is added to each
     * instance's environment: NOTES_DB_* (read by the project's postgresql scripts) and, e.g.,
     * MCP_RESOURCE. The OAuth settings are the suite's, where that server's run of the suite has them:
     * the inherited OAUTH_* (Payara Micro, WildFly) or the domain's MicroProfile Config (Payara Server).
     * Output goes to {@code logs}. If one cannot start, the other is stopped too.
     */
    static Pair startTwo(Map<String, String> environment, Path logs) throws Exception {
        Instant start = Instant.now();
        Files.createDirectories(logs);
        Starter starter;
        if (ItServer.isWildFly()) {
            Path configured = WildFlyInstance.configure(Path.of("target", "failover", "wildfly").toAbsolutePath(),
                    logs.resolve("failover-wildfly-configure.log"));
            starter = name -> WildFlyInstance.start(configured, name, environment, logs);
        } else if (ItServer.SERVER.startsWith("Payara Server")) {
            starter = name -> PayaraServerInstance.start(name, environment, logs);
        } else {
            starter = name -> PayaraMicroInstance.start(name, environment, logs);
        }
        CompletableFuture<FailoverInstance> a = startAsync(starter, "a");
        CompletableFuture<FailoverInstance> b = startAsync(starter, "b");
        try {
            return new Pair(a.join(), b.join(), Duration.between(start, Instant.now()));
        } catch (CompletionException e) {
            for (CompletableFuture<FailoverInstance> instance : List.of(a, b)) {
                instance.handle((started, failed) -> {
                    if (started != null) {
                        started.close();
                    }
                    return null;
                }).join();
            }
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    private static CompletableFuture<FailoverInstance> startAsync(Starter starter, String name) {
        CompletableFuture<FailoverInstance> started = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                started.complete(starter.start(name));
            } catch (Throwable e) {
                started.completeExceptionally(e);
            }
        }, "start instance " + name);
        thread.setDaemon(true);
        thread.start();
        return started;
    }

    /** Starts the instance called {@code name}. */
    @FunctionalInterface
    interface Starter {
        FailoverInstance start(String name) throws Exception;
    }

    /**
     * A full server (WildFly, Payara Server): its launch process, which {@link #close()} stops with
     * all it started, and the server JVM under it, which {@link #kill()} ends.
     */
    record ServerJvm(ServerProcess process, ProcessHandle jvm, int port, Duration startup) implements FailoverInstance {

        @Override
        public void kill() {
            jvm.destroyForcibly();
        }

        @Override
        public void close() {
            process.stop(Duration.ofSeconds(30));
        }
    }

    /** Payara Micro as the run command starts it ({@link RestartableServer}), with the project's postgresql.asadmin. */
    final class PayaraMicroInstance implements FailoverInstance {

        private final RestartableServer server;
        private final Duration startup;

        private PayaraMicroInstance(RestartableServer server, Duration startup) {
            this.server = server;
            this.startup = startup;
        }

        static PayaraMicroInstance start(String name, Map<String, String> environment, Path logs) throws Exception {
            Instant start = Instant.now();
            RestartableServer server = RestartableServer.start(Files.createTempDirectory("failover-" + name),
                    logs.resolve("failover-instance-" + name + ".log"), environment, NotesOnPostgres.payaraOptions());
            return new PayaraMicroInstance(server, Duration.between(start, Instant.now()));
        }

        @Override
        public int port() {
            return server.port();
        }

        @Override
        public Duration startup() {
            return startup;
        }

        @Override
        public void kill() {
            ProcessHandle.of(server.pid()).ifPresent(ProcessHandle::destroyForcibly);
        }

        @Override
        public void close() {
            server.close();
        }
    }
}
