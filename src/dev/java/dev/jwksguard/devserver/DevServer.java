package dev.jwksguard.devserver;

import dev.jwksguard.config.Misconfiguration;
import dev.jwksguard.testsupport.PayaraMicroProcess;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The run command ({@code mvn -Prun}): starts the built WAR on Payara Micro as a child process
 * (the tests' {@link PayaraMicroProcess}, which ends the child if this JVM dies), with the
 * {@link DevIssuer} in this JVM unless a real issuer is configured, waits until the app answers,
 * and prints commands to try it. Ctrl-C stops both. Development tooling only: it lives in
 * src/dev/java, compiled with the tests on every build, and is never packaged.
 *
 * <p>The {@code run} profile passes the paths and ports as {@code devserver.*} system properties.
 * A real issuer is configured as for the app itself: {@code OAUTH_*} environment variables, or
 * {@code -Doauth.*} options given to Maven (passed on to Payara).
 */
public final class DevServer {

    /** Payara Micro 7 boots in about 12 s on 2 quiet cores and took 65 s on busy ones; its log scrolls meanwhile. */
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(300);
    /**
     * Payara logs "ready" once deployment is over; an app that deployed answers within moments. Only
     * an HTTP answer counts against it: the first request on a busy machine can outlast a probe.
     */
    private static final Duration GRACE_AFTER_BOOT = Duration.ofSeconds(10);
    /** The warm-start JWKS fetch may still be running when the app first answers: its timeouts, 2 s + 3 s. */
    private static final Duration READINESS_GRACE = Duration.ofSeconds(6);
    private static final Duration READINESS_POLL = Duration.ofSeconds(2);
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1) // no h2c upgrade: Grizzly logs a stack trace for each
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    /** Payara's line at the end of a deployment; after the boot, one a .reload touch started. */
    private static final Pattern REDEPLOYED = Pattern.compile("was successfully deployed in ([\\d,]+) milliseconds");
    /** Settings the development issuer decides; other values would not match its tokens. */
    private static final Set<String> DEV_ISSUER_KEYS = Set.of("oauth.issuer", "oauth.jwks.uri", "oauth.audience");

    private final Path basedir = Path.of(property("devserver.basedir"));
    private final Path payaraJar = Path.of(property("devserver.payaraJar"));
    private final Path war = Path.of(property("devserver.war"));
    private final Path preboot = Path.of(property("devserver.preboot"));
    private final List<String> jvmOptions = PayaraMicroProcess.Launch.words(property("devserver.jvmOptions"));
    /** .run: Payara Micro's root dir, started afresh each run, and the notes, which outlive it. */
    private final RunDirectory runDirectory = new RunDirectory(Path.of(property("devserver.rundir")).toAbsolutePath());
    private final int httpPort = Integer.parseInt(property("devserver.httpPort"));
    private final int issuerPort = Integer.parseInt(property("devserver.issuerPort"));

    private DevIssuer devIssuer;
    private PayaraMicroProcess payara;
    private volatile boolean stopping;
    private volatile Instant bootFinishedAt;
    /** Set when the app logs that a setting cannot work: the reason, from that same line. */
    private volatile String deploymentStopped;

    public static void main(String[] args) throws Exception {
        try {
            new DevServer().run();
        } catch (StartupFailed e) {
            System.exit(1); // the reason is already the last line printed; a stack trace would bury it
        }
    }

    /** The run command cannot start the service; its message has been printed. */
    private static final class StartupFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StartupFailed(String message) {
            super(message, null, false, false);
        }
    }

    private void run() throws Exception {
        requireFile(payaraJar);
        requireWar(war);
        requireFile(preboot);
        requireFreePort(httpPort, "run.http.port");
        // Registered first, so that Ctrl-C at any point below stops whatever has started.
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "devserver-stop"));

        Optional<String> realIssuer = configured("OAUTH_ISSUER", "oauth.issuer");
        String audience = "http://localhost:" + httpPort + "/";
        if (realIssuer.isEmpty()) {
            requireFreePort(issuerPort, "run.issuer.port");
            say("No OAUTH_ISSUER configured: starting the development issuer on 127.0.0.1:" + issuerPort);
            devIssuer = DevIssuer.start(issuerPort, audience);
        }

        Path preboot = runDirectory.prepare(this.preboot);
        Path rootdir = runDirectory.payaraRoot();
        Map<String, String> environment = devIssuer == null ? Map.of() : Map.of(
                "OAUTH_ISSUER", devIssuer.issuer().toString(),
                "OAUTH_JWKS_URI", devIssuer.jwksUri().toString(),
                "OAUTH_AUDIENCE", audience);
        PayaraMicroProcess.Launch launch = new PayaraMicroProcess.Launch(payaraJar, war, preboot, httpPort,
                Optional.of(rootdir), Stream.concat(jvmOptions.stream(), oauthOptions().stream()).toList(), environment);
        say("Starting Payara Micro on port " + httpPort + ", root dir " + rootdir);
        synchronized (this) {
            if (stopping) {
                return;
            }
            // Payara's log is copied through (watchLog) to learn when boot is over.
            payara = PayaraMicroProcess.start(launch, this::watchLog);
        }

        awaitReady();
        if (stopping) {
            return;
        }
        // Deployed is not ready: with an issuer that cannot be reached, every request gets 503.
        Optional<String> notReady = notReadyAfter(READINESS_GRACE);
        System.out.println(readyBlock(realIssuer, notReady));
        if (notReady.isPresent()) {
            sayWhenReady();
        }

        int exitCode = payara.process().waitFor();
        if (!stopping) {
            stop();
            throw new IllegalStateException("Payara Micro stopped by itself (exit code " + exitCode + ")");
        }
    }

    /**
     * -Doauth.* options given to Maven configure the app too; as system properties they win over
     * OAUTH_* variables, exactly as they would when given to Payara directly.
     */
    private List<String> oauthOptions() {
        return System.getProperties().stringPropertyNames().stream()
                .filter(key -> key.startsWith("oauth."))
                .filter(key -> devIssuer == null || !DEV_ISSUER_KEYS.contains(key))
                .sorted()
                .map(key -> "-D" + key + "=" + System.getProperty(key))
                .toList();
    }

    /**
     * Copies Payara's log line by line, noting the lines that say how the boot went, and, once it is
     * over, saying when a redeployment ({@code mvn -Predeploy}) is done or why it cannot serve.
     */
    private void watchLog(String line) {
        System.err.println(line);
        int marker = line.indexOf(Misconfiguration.LOG_MARKER);
        boolean booted = bootFinishedAt != null;
        Matcher redeployed = REDEPLOYED.matcher(line);
        if (marker >= 0) { // the app's one line about a setting that cannot work
            deploymentStopped = line.substring(marker + Misconfiguration.LOG_MARKER.length())
                    .replace(Misconfiguration.SERVER_ADVICE, "").trim();
            if (booted) {
                say("After the redeployment JWKS Guard cannot serve: " + deploymentStopped);
            }
        } else if (line.matches(".*Payara Micro .* ready in .*")) { // printed even if deployment failed
            bootFinishedAt = Instant.now();
        } else if (booted && redeployed.find()) {
            say("Redeployed in " + redeployed.group(1).replace(",", "") + " ms: JWKS Guard is running at http://localhost:"
                    + httpPort + "/ (same issuer, same notes)");
        }
    }

    /**
     * Waits for Payara's "ready" log line, then for the protected-resource metadata (it needs no
     * token) to answer 200. The log line comes first because the HTTP answers alone mislead: while
     * Payara boots they are 404, then briefly 500; a failed deployment gives the same, but for
     * good.
     */
    private void awaitReady() throws InterruptedException {
        URI probe = URI.create("http://127.0.0.1:" + httpPort + "/.well-known/oauth-protected-resource");
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (stopping) { // Ctrl-C while booting
                return;
            }
            if (!payara.process().isAlive()) {
                fail("Payara Micro exited during startup (exit code " + payara.process().exitValue()
                        + "); see its log above.");
            }
            String deploymentFailure = deploymentStopped;
            if (deploymentFailure != null) {
                fail("JWKS Guard cannot serve: " + deploymentFailure + " Set it (an environment variable, or -D"
                        + " given to Maven) and run mvn -Prun again.");
            }
            Instant bootFinished = bootFinishedAt;
            if (bootFinished != null) {
                String answer = probe(HTTP, probe);
                if (answer.equals("HTTP 200")) {
                    return;
                }
                if (answer.startsWith("HTTP ") && Instant.now().isAfter(bootFinished.plus(GRACE_AFTER_BOOT))) {
                    fail("Payara Micro is up but the app is not (" + probe + ": " + answer + "). The deployment "
                            + "failed: look for the first SEVERE message in the log above.");
                }
            }
            Thread.sleep(500);
        }
        fail("Payara Micro did not finish starting within " + READY_TIMEOUT.toSeconds() + " s.");
    }

    /** Empty once the readiness check is UP within {@code grace}; otherwise why it is DOWN. */
    private Optional<String> notReadyAfter(Duration grace) throws InterruptedException {
        Instant deadline = Instant.now().plus(grace);
        Optional<String> notReady = Readiness.ask(HTTP, httpPort);
        while (notReady.isPresent() && Instant.now().isBefore(deadline) && !stopping) {
            Thread.sleep(500);
            notReady = Readiness.ask(HTTP, httpPort);
        }
        return notReady;
    }

    /** Watches the readiness check in the background and says once when it turns UP. */
    private void sayWhenReady() {
        Thread watcher = new Thread(() -> {
            try {
                while (!stopping && Readiness.ask(HTTP, httpPort).isPresent()) {
                    Thread.sleep(READINESS_POLL.toMillis());
                }
                if (!stopping) {
                    System.out.println("[devserver] JWKS Guard is ready now: JWKS Guard is running at http://localhost:"
                            + httpPort + "/ (the commands above work)");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "devserver-readiness");
        watcher.setDaemon(true);
        watcher.start();
    }

    private static String probe(HttpClient client, URI uri) throws InterruptedException {
        try {
            return "HTTP " + client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return "no answer: " + e;
        }
    }

    private String readyBlock(Optional<String> realIssuer, Optional<String> notReady) {
        Path notesDir = runDirectory.notes();
        Path notes = notesDir.startsWith(basedir.toAbsolutePath()) ? basedir.toAbsolutePath().relativize(notesDir) : notesDir;
        Optional<String> jwksUri = configured("OAUTH_JWKS_URI", "oauth.jwks.uri");
        ReadyBanner.Issuer issuer = devIssuer != null
                ? new ReadyBanner.Issuer(devIssuer.issuer().toString(), Optional.of(devIssuer.jwksUri().toString()),
                        Optional.of(devIssuer.tokenEndpoint().toString()))
                : new ReadyBanner.Issuer(realIssuer.orElseThrow(), jwksUri, Optional.empty());
        return new ReadyBanner("http://localhost:" + httpPort, issuer, notes).text(notReady);
    }

    /** Idempotent: runs on every failure path, and from the shutdown hook on Ctrl-C. */
    private synchronized void stop() {
        boolean first = !stopping;
        stopping = true;
        if (payara != null && payara.process().isAlive()) {
            say("Stopping Payara Micro...");
            payara.close();
        }
        if (devIssuer != null) {
            devIssuer.close();
            devIssuer = null;
        }
        if (first) {
            say("Stopped.");
        }
    }

    private void fail(String message) {
        stop();
        System.err.println("[devserver] ERROR: " + message);
        throw new StartupFailed(message);
    }

    private static Optional<String> configured(String envName, String propertyName) {
        return Optional.ofNullable(System.getProperty(propertyName))
                .or(() -> Optional.ofNullable(System.getenv(envName)))
                .map(String::trim)
                .filter(value -> !value.isEmpty());
    }

    private static void requireFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("Missing " + file + " (start with `mvn -Prun`, which builds it)");
        }
    }

    /** The WAR, packed or exploded (a directory with WEB-INF), as the war plugin leaves it in target/. */
    private static void requireWar(Path war) {
        if (!Files.isRegularFile(war) && !Files.isDirectory(war.resolve("WEB-INF"))) {
            throw new IllegalStateException("Missing " + war + " (start with `mvn -Prun`, which builds it)");
        }
    }

    /** Otherwise the readiness check could be answered by whatever already listens there. */
    private static void requireFreePort(int port, String mavenProperty) throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port));
        } catch (IOException e) {
            throw new IllegalStateException("Port " + port + " on 127.0.0.1 is in use (a server still running?). "
                    + "Stop it, or choose another port with -D" + mavenProperty + "=N", e);
        }
    }

    private static String property(String key) {
        String value = System.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("System property " + key + " is not set: start with `mvn -Prun`");
        }
        return value;
    }

    private static void say(String message) {
        System.out.println("[devserver] " + message);
    }
}
