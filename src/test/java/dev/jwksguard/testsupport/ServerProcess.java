package dev.jwksguard.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * A server process a test starts and owns (a launch script or asadmin, and the server JVM under
 * it), its output appended to a log file; stopped with all its descendants.
 */
final class ServerProcess {

    private static final Path SETPRIV = Path.of("/usr/bin/setpriv");

    private final Process process;
    private final Path log;

    private ServerProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * Starts {@code command} with the inherited environment plus {@code environment} (an empty value
     * removes a variable). Started from a thread of its own that lives as long as the process: a
     * parent-death signal ({@link #diesWithThisJvm}) is sent when the thread that started the child
     * ends, not the JVM, and a pool thread may end any time.
     */
    static ServerProcess start(List<String> command, Map<String, String> environment, Path log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        environment.forEach((name, value) -> {
            if (value.isEmpty()) {
                builder.environment().remove(name);
            } else {
                builder.environment().put(name, value);
            }
        });
        CompletableFuture<Process> started = new CompletableFuture<>();
        Thread owner = new Thread(() -> {
            Process process;
            try {
                process = builder.start();
            } catch (IOException | RuntimeException e) {
                started.completeExceptionally(e);
                return;
            }
            started.complete(process);
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "server-process " + command.get(0));
        owner.setDaemon(true);
        owner.start();
        try {
            return new ServerProcess(started.get(), log);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting " + command, e);
        }
    }

    /**
     * The command under {@code setpriv --pdeathsig KILL} where util-linux has it: a launch script that
     * forks the server JVM (WildFly's standalone.sh) then dies with the test JVM, and the server JVM,
     * whose parent is that script, with it (its {@link ExitWithParentAgent}).
     */
    static List<String> diesWithThisJvm(List<String> command) {
        if (!Files.isExecutable(SETPRIV)) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of(SETPRIV.toString(), "--pdeathsig", "KILL", "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    Process process() {
        return process;
    }

    Path log() {
        return log;
    }

    /** The process or one of its descendants whose command line contains {@code marker}, e.g. the server JVM's main class. */
    Optional<ProcessHandle> find(String marker) {
        return Stream.concat(Stream.of(process.toHandle()), process.descendants())
                .filter(handle -> handle.info().commandLine().map(line -> line.contains(marker)).orElse(false))
                .findFirst();
    }

    /** The log's text after {@code offset} (characters are bytes here: the servers log ASCII). */
    String logAfter(long offset) {
        try {
            byte[] bytes = Files.readAllBytes(log);
            return offset >= bytes.length ? "" : new String(bytes, (int) offset, bytes.length - (int) offset,
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Polls {@code condition} until it holds; fails as soon as the process has ended, or at the timeout. */
    void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (!process.isAlive()) {
                throw new IllegalStateException(what + ": the process ended with " + process.exitValue()
                        + " (see " + log + ")");
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(what + ": not within " + timeout + " (see " + log + ")");
            }
            Thread.sleep(250);
        }
    }

    /** Waits for the process to end by itself, e.g. after asadmin stop-domain. */
    void awaitExit(String what, Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException(what + ": still running after " + timeout + " (see " + log + ")");
        }
    }

    /**
     * SIGTERM to the process and every descendant (the servers shut down cleanly on it), then SIGKILL
     * to whatever still runs after {@code grace}. Returns when all are gone.
     */
    void stop(Duration grace) {
        List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
        all.add(process.toHandle());
        all.forEach(ProcessHandle::destroy);
        Instant deadline = Instant.now().plus(grace);
        try {
            for (ProcessHandle handle : all) {
                long left = Math.max(1, Duration.between(Instant.now(), deadline).toMillis());
                try {
                    handle.onExit().get(left, TimeUnit.MILLISECONDS);
                } catch (java.util.concurrent.TimeoutException | ExecutionException stillRunning) {
                    // killed below
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            all.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        }
    }

    /** GET {@code /.well-known/oauth-protected-resource} answers 200: the application is deployed and configured. */
    static boolean serving(String base) {
        try {
            return ItServer.send(HttpRequest.newBuilder(URI.create(base + "/.well-known/oauth-protected-resource"))
                    .timeout(Duration.ofSeconds(2))).statusCode() == 200;
        } catch (IllegalStateException notYetListening) {
            return false;
        }
    }

    /** Deletes a directory tree left by an earlier run. */
    static void deleteTree(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
