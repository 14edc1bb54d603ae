package dev.jwksguard.it;

import static dev.jwksguard.testsupport.ItServer.JWKS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jwksguard.testsupport.ItServer;
import dev.jwksguard.testsupport.JwksStub;
import dev.jwksguard.testsupport.McpTestClient;
import dev.jwksguard.testsupport.RestartableServer;
import dev.jwksguard.testsupport.TestKeys;
import dev.jwksguard.testsupport.TestTokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Faults under load, on a Payara Micro of its own whose log the test reads: a JWKS endpoint that
 * hangs never holds up requests whose keys are known, and a burst of bad tokens writes a line per
 * kind of refusal, not a line each. The read timeout is long (8 s), as an operator with a slow
 * issuer would set it, so that a wait bounded by it and one bounded by oauth.jwks.max-wait-ms
 * (2.5 s by default) cannot be mistaken for each other.
 */
class UnderFaultsIT {

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(8);
    private static final int CLIENTS = 24; // more than the server's 16 HTTP threads
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static RestartableServer payara;
    private static Path log;

    @BeforeAll
    static void start() throws Exception {
        JWKS.reset();
        log = Files.createDirectories(Path.of("target", "payara-logs")).resolve("under-faults-it.log");
        Files.deleteIfExists(log);
        payara = RestartableServer.start(Files.createTempDirectory("under-faults"), log,
                Map.of("OAUTH_JWKS_READ_TIMEOUT_MS", Long.toString(READ_TIMEOUT.toMillis())));
    }

    @AfterAll
    static void stop() {
        if (payara != null) {
            payara.close();
        }
        JWKS.reset();
    }

    @Test
    void meWhenTheJwksHangsUnderNewKidTrafficThenRequestsWithKnownKeysAreNotHeldUp() throws Exception {
        String known = TestTokens.valid().sign();
        assertThat(get(known).statusCode()).isEqualTo(200);
        JWKS.mode(JwksStub.Mode.HANG);

        // Every client sends for 12 s; about one request in five brings a kid the server has never seen.
        List<Long> knownMillis = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger knownFailed = new AtomicInteger();
        AtomicInteger newKidAnswered = new AtomicInteger();
        AtomicInteger kids = new AtomicInteger();
        Instant end = Instant.now().plusSeconds(12);
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                running.add(clients.submit(() -> {
                    while (Instant.now().isBefore(end)) {
                        if (ThreadLocalRandom.current().nextInt(5) == 0) {
                            String stranger = TestTokens.valid()
                                    .signedWith(TestKeys.withKid(TestKeys.ROTATED, "never-seen-" + kids.incrementAndGet()))
                                    .sign();
                            get(stranger);
                            newKidAnswered.incrementAndGet();
                        } else {
                            long started = System.nanoTime();
                            int status = get(known).statusCode();
                            knownMillis.add(Duration.ofNanos(System.nanoTime() - started).toMillis());
                            if (status != 200) {
                                knownFailed.incrementAndGet();
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> client : running) {
                client.get();
            }
        } finally {
            clients.shutdownNow();
            JWKS.reset();
        }

        List<Long> sorted = new ArrayList<>(knownMillis);
        Collections.sort(sorted);
        long p99 = sorted.get((int) (sorted.size() * 0.99));
        long max = sorted.get(sorted.size() - 1);
        System.out.printf("MEASURE JWKS hanging, %d clients: %d known-key requests, p99 %d ms, max %d ms,"
                + " %d failed; %d new-kid requests answered%n", CLIENTS, sorted.size(), p99, max, knownFailed.get(),
                newKidAnswered.get());
        assertThat(knownFailed.get()).as("known-key requests refused").isZero();
        // Generous: half the read timeout. Bounded by the read timeout alone, the wait took about all of it.
        assertThat(Duration.ofMillis(max)).as("slowest known-key request").isLessThan(READ_TIMEOUT.dividedBy(2));
    }

    @Test
    void logWhenABurstOfBadTokensThenALinePerKindAndTheCountsStayExact() throws Exception {
        String expired = TestTokens.valid().expiredAt(Instant.now().minusSeconds(3_600)).sign();
        String forged = TestTokens.valid().signedWith(TestKeys.withKid(TestKeys.ROGUE, TestKeys.PRIMARY.getKeyId())).sign();
        long before = rejectionLines();

        for (int i = 0; i < 200; i++) {
            assertThat(get(expired).statusCode()).isEqualTo(401);
            assertThat(get(forged).statusCode()).isEqualTo(401);
        }
        // The server writes its log asynchronously: wait for the first line of each kind.
        Instant deadline = Instant.now().plusSeconds(30);
        while (rejectionLines() - before < 2 && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }

        long written = rejectionLines() - before;
        System.out.printf("MEASURE 400 bad tokens: %d refusal lines in the log%n", written);
        // One first line per kind; a second per kind only if a summary interval ended during the burst.
        assertThat(written).isBetween(2L, 4L);
        String admin = TestTokens.valid().subject("operator").scope("admin:jwks").sign();
        HttpResponse<String> counts = get(admin, "/api/admin/jwks");
        assertThat(counts.statusCode()).isEqualTo(200);
        assertThat(ItServer.json(counts).toString()).contains("expired=200").contains("invalid_signature=200");
    }

    @Test
    void logWhenAClientSendsMalformedMcpRequestsThenEachIsRefusedAndNoneIsASevereLine() throws Exception {
        String token = TestTokens.valid().forMcp().sign();
        for (String body : List.of("{not json", "{}", "[1,2]", "{\"jsonrpc\":\"2.0\",\"id\":{},\"method\":\"tools/list\"}",
                "{\"jsonrpc\":\"2.0\",\"method\":7}")) {
            assertThat(postMcp(token, body).statusCode()).as(body).isEqualTo(400);
        }
        // A request the server logs (at INFO) after those: once its line is there, theirs would be too.
        String marker = "log-marker-" + UUID.randomUUID();
        assertThat(postMcp(token, McpTestClient.initializeBody("2025-11-25").replace("\"raw\"", "\"" + marker + "\""))
                .statusCode()).isEqualTo(200);
        Instant deadline = Instant.now().plusSeconds(30);
        while (!Files.readString(log).contains(marker) && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }

        List<String> lines = Files.readAllLines(log);
        assertThat(lines).as("the marker").anyMatch(line -> line.contains(marker));
        // A client's mistake is not a server fault (the 2025 transport logged "Failed to deserialize message").
        assertThat(lines).noneMatch(line -> line.contains("SEVERE") && line.contains("modelcontextprotocol"))
                .noneMatch(line -> line.contains("Failed to deserialize"));
    }

    private static HttpResponse<String> postMcp(String token, String body) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(payara.base() + "/mcp"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .header("Accept", "application/json, text/event-stream").timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static long rejectionLines() throws Exception {
        try (var lines = Files.lines(log)) {
            return lines.filter(line -> line.contains("Bearer token rejected")).count();
        }
    }

    private static HttpResponse<String> get(String token) {
        return get(token, "/api/me");
    }

    private static HttpResponse<String> get(String token, String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(payara.base() + path))
                    .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
