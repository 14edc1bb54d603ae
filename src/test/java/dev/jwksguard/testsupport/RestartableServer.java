package dev.jwksguard.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Payara Micro started as the run command starts it (same launcher, a kept --rootdir), for tests
 * about what survives a restart or that need their own settings. Its output is appended to a log file.
 */
public final class RestartableServer implements AutoCloseable {

    private final PayaraMicroProcess payara;
    private final int port;
    private volatile boolean bootFinished;

    private RestartableServer(Path rootdir, Path log, Map<String, String> environment, List<String> payaraOptions)
            throws IOException {
        this.port = FreePort.onLoopback();
        PayaraMicroProcess.Launch launch = PayaraMicroProcess.Launch.forTests(port, rootdir).withEnvironment(environment)
                .withPayaraOptions(payaraOptions);
        this.payara = PayaraMicroProcess.start(launch, line -> {
            if (line.contains(" ready in ")) {
                bootFinished = true;
            }
            try {
                Files.writeString(log, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    public static RestartableServer start(Path rootdir, Path log) throws IOException, InterruptedException {
        return start(rootdir, log, Map.of());
    }

    /**
     * Configured as an operator would by environment variables: these on top of the tests' usual
     * {@code OAUTH_*}, where an empty value removes one.
     */
    public static RestartableServer start(Path rootdir, Path log, Map<String, String> environment)
            throws IOException, InterruptedException {
        return start(rootdir, log, environment, List.of());
    }

    /** ... and with these Payara Micro options, e.g. a post-boot command file and --addlibs. */
    public static RestartableServer start(Path rootdir, Path log, Map<String, String> environment,
                                          List<String> payaraOptions) throws IOException, InterruptedException {
        RestartableServer server = new RestartableServer(rootdir, log, environment, payaraOptions);
        server.awaitServing(Duration.ofSeconds(240), server::metadataAnswers);
        return server;
    }

    /** Started with settings that cannot work: waits until Payara is up and the app answers at all. */
    public static RestartableServer startMisconfigured(Path rootdir, Path log, Map<String, String> environment)
            throws IOException, InterruptedException {
        RestartableServer server = new RestartableServer(rootdir, log, environment, List.of());
        server.awaitServing(Duration.ofSeconds(240), server::anyAnswer);
        return server;
    }

    /** The Payara Micro JVM's process id. */
    public long pid() {
        return payara.process().pid();
    }

    public int port() {
        return port;
    }

    public String base() {
        return "http://127.0.0.1:" + port;
    }

    /**
     * Waits for Payara's "ready" line, then for the application to answer: with a kept root dir,
     * Payara first starts the previous run's copy and only then redeploys the WAR.
     */
    private void awaitServing(Duration timeout, java.util.function.BooleanSupplier answers) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!payara.process().isAlive()) {
                throw new IllegalStateException("Payara Micro exited with " + payara.process().exitValue());
            }
            if (bootFinished && answers.getAsBoolean()) {
                return;
            }
            Thread.sleep(500);
        }
        close();
        throw new IllegalStateException("Payara Micro did not serve the application within " + timeout);
    }

    private boolean metadataAnswers() {
        try {
            HttpResponse<String> response = ItServer.send(HttpRequest.newBuilder(
                    URI.create(base() + "/.well-known/oauth-protected-resource")).timeout(Duration.ofSeconds(2)));
            return response.statusCode() == 200;
        } catch (IllegalStateException notYetListening) {
            return false;
        }
    }

    private boolean anyAnswer() {
        try {
            ItServer.send(HttpRequest.newBuilder(URI.create(base() + "/api/ping")).timeout(Duration.ofSeconds(2)));
            return true;
        } catch (IllegalStateException notYetListening) {
            return false;
        }
    }

    @Override
    public void close() {
        payara.close();
    }
}
