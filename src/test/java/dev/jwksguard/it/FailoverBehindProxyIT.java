package dev.jwksguard.it;

import static dev.jwksguard.testsupport.ItServer.JWKS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jwksguard.testsupport.FailoverInstance;
import dev.jwksguard.testsupport.FreePort;
import dev.jwksguard.testsupport.ItServer;
import dev.jwksguard.testsupport.NginxProxy;
import dev.jwksguard.testsupport.NotesOnPostgres;
import dev.jwksguard.testsupport.TestTokens;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Scaled out and one instance dies: two instances of the suite's server (Payara Micro, WildFly or
 * Payara Server, each set up by the project's scripts, see {@link FailoverInstance}) on one
 * PostgreSQL behind nginx (server-config/nginx/jwks-guard.conf), a writer, two readers and an MCP
 * client going through the proxy, and one instance's JVM killed with SIGKILL in the middle. Every
 * write that got a 201 is there afterwards, none twice, and only requests in flight at the kill
 * fail. The run is measured in writes, not seconds (30 acknowledged before the kill, 30 after), so
 * a busy machine makes it longer, never different.
 */
class FailoverBehindProxyIT {

    private static final int WRITES_BEFORE_THE_KILL = 30;
    private static final int WRITES_AFTER_THE_KILL = 30;
    /** Only a run that cannot get its writes through ends here, and fails. */
    private static final Duration AT_MOST = Duration.ofMinutes(3);
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** What one client saw: its requests, and when each failure happened (ms after the start). */
    private record Outcome(String client, int requests, List<Long> failuresAtMillis, List<String> acknowledged) {
    }

    /** The run as the clients see it: when it started, the writes acknowledged so far, the kill. */
    private static final class Run {

        final Instant start = Instant.now();
        final AtomicInteger acknowledged = new AtomicInteger();
        /** ms after the start, -1 before the kill. */
        final AtomicLong killedAt = new AtomicLong(-1);
        final AtomicInteger acknowledgedAtTheKill = new AtomicInteger();

        long millis() {
            return Duration.between(start, Instant.now()).toMillis();
        }

        /** Over once the writer has its writes after the kill, or the run took too long. */
        boolean over() {
            boolean written = killedAt.get() >= 0
                    && acknowledged.get() - acknowledgedAtTheKill.get() >= WRITES_AFTER_THE_KILL;
            return written || Duration.between(start, Instant.now()).compareTo(AT_MOST) > 0;
        }
    }

    @Test
    void notesWhenOneInstanceIsKilledMidRunThenEveryAcknowledgedWriteSurvivesOnceAndOnlyInFlightRequestsFail()
            throws Exception {
        Optional<Path> nginx = NginxProxy.binary();
        if (nginx.isEmpty() && !"true".equals(System.getenv("CI"))) {
            Assumptions.abort("needs nginx, e.g. Debian's nginx-light (apt-get install nginx-light); .ci/run installs it");
        }
        assertThat(nginx).as("nginx (.ci/run installs Debian's nginx-light)").isPresent();
        Path logs = Files.createDirectories(Path.of("target", "payara-logs"));
        JWKS.reset();
        try (EmbeddedPostgres postgres = NotesOnPostgres.start()) {
            int proxyPort = FreePort.onLoopback();
            Map<String, String> settings = new HashMap<>(NotesOnPostgres.environment(postgres));
            // The MCP URL users enter is the proxy's: every instance is told it, as behind any proxy.
            settings.put("MCP_RESOURCE", "http://127.0.0.1:" + proxyPort + "/mcp");
            try (FailoverInstance.Pair instances = FailoverInstance.startTwo(settings, logs);
                 NginxProxy proxy = NginxProxy.start(nginx.get(), Files.createTempDirectory("nginx"), proxyPort,
                         instances.a().port(), instances.b().port())) {
                FailoverInstance a = instances.a();
                FailoverInstance b = instances.b();
                System.out.printf("MEASURE failover instances, %s: both serving after %d ms (a: %d ms, b: %d ms,"
                                + " started in parallel)%n", ItServer.SERVER, instances.startup().toMillis(),
                        a.startup().toMillis(), b.startup().toMillis());
                String token = TestTokens.valid().subject("failover").scope("read:notes write:notes").sign();
                String mcpToken = TestTokens.valid().subject("failover").scope("read:notes write:notes")
                        .audience(proxy.base() + "/mcp").sign();
                assertThat(get(proxy.base() + "/api/notes", token).statusCode()).isEqualTo(200);

                Run run = new Run();
                ExecutorService clients = Executors.newFixedThreadPool(4);
                List<Future<Outcome>> running = new ArrayList<>();
                running.add(clients.submit(() -> writer(proxy.base(), token, run)));
                running.add(clients.submit(() -> reader("reader-1", proxy.base(), token, run)));
                running.add(clients.submit(() -> reader("reader-2", proxy.base(), token, run)));
                running.add(clients.submit(() -> mcpClient(proxy.base(), mcpToken, run)));
                while (run.acknowledged.get() < WRITES_BEFORE_THE_KILL && !run.over()) {
                    Thread.sleep(20);
                }
                run.acknowledgedAtTheKill.set(run.acknowledged.get());
                long killedAt = run.millis(); // noted before the signal: no failure can come earlier
                a.kill(); // SIGKILL to its JVM
                run.killedAt.set(killedAt);
                List<Outcome> outcomes = new ArrayList<>();
                for (Future<Outcome> client : running) {
                    outcomes.add(client.get());
                }
                clients.shutdown();

                List<String> acknowledged = outcomes.get(0).acknowledged();
                List<String> stored = NotesOnPostgres.texts(postgres);
                HttpResponse<String> throughSurvivor = get(b.base() + "/api/notes", token);
                for (Outcome outcome : outcomes) {
                    System.out.printf("MEASURE failover, %s: %d requests, %d failed at %s ms (instance killed at %d ms)%n",
                            outcome.client(), outcome.requests(), outcome.failuresAtMillis().size(),
                            outcome.failuresAtMillis(), killedAt);
                }
                long duplicated = stored.size() - stored.stream().distinct().count();
                System.out.printf("MEASURE failover writes: %d acknowledged, %d found, %d lost, %d duplicated,"
                                + " %d stored without a 201%n", acknowledged.size(),
                        acknowledged.stream().filter(stored::contains).count(),
                        acknowledged.stream().filter(text -> !stored.contains(text)).count(), duplicated,
                        stored.stream().filter(text -> !acknowledged.contains(text)).count());

                assertThat(acknowledged).as("writes acknowledged, before and after the kill")
                        .hasSizeGreaterThanOrEqualTo(WRITES_BEFORE_THE_KILL + WRITES_AFTER_THE_KILL);
                assertThat(stored).as("every acknowledged write is stored").containsAll(acknowledged);
                assertThat(duplicated).as("notes stored twice").isZero();
                assertThat(throughSurvivor.statusCode()).isEqualTo(200);
                for (String text : acknowledged) {
                    assertThat(throughSurvivor.body()).as("readable through the survivor").contains("\"" + text + "\"");
                }
                for (Outcome outcome : outcomes) {
                    // Each client has one request in flight at a time: at most that one fails, once the
                    // instance is gone (a failure is noted when its answer comes, so never before the kill).
                    assertThat(outcome.failuresAtMillis()).as(outcome.client() + "'s failures").hasSizeLessThanOrEqualTo(1)
                            .allSatisfy(at -> assertThat(at).isGreaterThanOrEqualTo(killedAt));
                    assertThat(outcome.requests()).as(outcome.client() + "'s requests").isGreaterThan(WRITES_BEFORE_THE_KILL / 3);
                }
            }
        }
    }

    private static Outcome writer(String proxy, String token, Run run) throws InterruptedException {
        List<String> acknowledged = new ArrayList<>();
        List<Long> failures = new ArrayList<>();
        int sent = 0;
        while (!run.over()) {
            String text = "failover-" + sent++;
            Optional<Integer> status = send(HttpRequest.newBuilder(URI.create(proxy + "/api/notes"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"" + text + "\"}")));
            if (status.equals(Optional.of(201))) {
                acknowledged.add(text);
                run.acknowledged.incrementAndGet();
            } else {
                failures.add(run.millis());
            }
            Thread.sleep(50); // about 20 writes a second
        }
        return new Outcome("writer", sent, failures, acknowledged);
    }

    private static Outcome reader(String name, String proxy, String token, Run run) {
        List<Long> failures = new ArrayList<>();
        int sent = 0;
        while (!run.over()) {
            sent++;
            if (!send(HttpRequest.newBuilder(URI.create(proxy + "/api/notes")).header("Authorization", "Bearer " + token))
                    .equals(Optional.of(200))) {
                failures.add(run.millis());
            }
        }
        return new Outcome(name, sent, failures, List.of());
    }

    /** A stateless MCP client: tools/call with no initialize and no session, as ChatGPT may send it. */
    private static Outcome mcpClient(String proxy, String token, Run run) throws InterruptedException {
        List<Long> failures = new ArrayList<>();
        int sent = 0;
        String call = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"list_notes\",\"arguments\":{}}}";
        while (!run.over()) {
            sent++;
            Optional<Integer> status = send(HttpRequest.newBuilder(URI.create(proxy + "/mcp"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .header("Accept", "application/json, text/event-stream")
                    .POST(HttpRequest.BodyPublishers.ofString(call)));
            if (!status.equals(Optional.of(200))) {
                failures.add(run.millis());
            }
            Thread.sleep(20);
        }
        return new Outcome("mcp", sent, failures, List.of());
    }

    private static Optional<Integer> send(HttpRequest.Builder request) {
        try {
            return Optional.of(HTTP.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode());
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    private static HttpResponse<String> get(String url, String token) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
