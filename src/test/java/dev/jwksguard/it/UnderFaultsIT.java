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
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Faults under load, on a Payara Micro of its own with the default settings, whose log the test
 * reads: a JWKS endpoint that hangs never holds up requests whose keys are known, and a burst of
 * bad tokens writes a line per kind of refusal, not a line each.
 */
class UnderFaultsIT {

    private static final int CLIENTS = 24; // more than the server's 16 HTTP threads
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static RestartableServer payara;
    private static Path log;

    @BeforeAll
    static void start() throws Exception {
        JWKS.reset();
        log = Files.createDirectories(Path.of("target", "payara-logs")).resolve("under-faults-it.log");
        Files.deleteIfExists(log);
        payara = RestartableServer.start(Files.createTempDirectory("under-faults"), log);
    }

    @AfterAll
    static void stop() {
        if (payara != null) {
            payara.close();
        }
        JWKS.reset();
    }

    /** One phase of the load: what the writer and the readers with known keys saw. */
    private record Phase(String name, Duration length, List<Long> writeMillis, List<Long> readMillis,
                         AtomicInteger failed) {

        Phase(String name, Duration length) {
            this(name, length, Collections.synchronizedList(new ArrayList<>()),
                    Collections.synchronizedList(new ArrayList<>()), new AtomicInteger());
        }

        static long p99(List<Long> millis) {
            List<Long> sorted = new ArrayList<>(millis);
            Collections.sort(sorted);
            return sorted.isEmpty() ? -1 : sorted.get((int) (sorted.size() * 0.99));
        }
    }

    @Test
    void writesWhenTheJwksHangsUnderNewKidTrafficThenNeitherTheWriterNorTheReadersWithKnownKeysAreHeldUp()
            throws Exception {
        String reader = TestTokens.valid().sign();
        String writerToken = TestTokens.valid().subject("steady-writer").scope("write:notes").sign();
        assertThat(get(reader).statusCode()).isEqualTo(200);
        for (int n = 0; n < 20; n++) { // warm: the first writes of a new server take their time
            assertThat(post(writerToken, "/api/notes", "{\"text\":\"warm " + n + "\"}").statusCode()).isEqualTo(201);
        }
        // The hang lasts over a minute: the never-seen kids spend the 5 refetch permits of a minute in
        // its first second, and fetches for them start again, and hang, when the permits come back.
        // Before them, a warm-up under the same load, not measured: the first seconds of a new server.
        Phase warmUp = new Phase("warm-up", Duration.ofSeconds(5));
        List<Phase> phases = List.of(new Phase("healthy", Duration.ofSeconds(6)),
                new Phase("JWKS hangs", Duration.ofSeconds(66)), new Phase("healthy again", Duration.ofSeconds(6)));
        AtomicReference<Phase> now = new AtomicReference<>(warmUp);
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger kids = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor();
        List<CompletableFuture<?>> writes = Collections.synchronizedList(new ArrayList<>());
        try {
            List<Future<?>> load = new ArrayList<>();
            // The readers, ten requests a second each: about one in five brings a kid the server has never seen.
            for (int c = 0; c < CLIENTS; c++) {
                load.add(clients.submit(() -> {
                    while (running.get()) {
                        long cycle = System.nanoTime();
                        if (ThreadLocalRandom.current().nextInt(5) == 0) {
                            get(TestTokens.valid().signedWith(TestKeys.withKid(TestKeys.ROTATED,
                                    "never-seen-" + kids.incrementAndGet())).sign());
                        } else {
                            Phase phase = now.get();
                            long started = System.nanoTime();
                            int status = get(reader).statusCode();
                            phase.readMillis().add(Duration.ofNanos(System.nanoTime() - started).toMillis());
                            if (status != 200) {
                                phase.failed().incrementAndGet();
                            }
                        }
                        Thread.sleep(Math.max(0, 100 - Duration.ofNanos(System.nanoTime() - cycle).toMillis()));
                    }
                    return null;
                }));
            }
            // The writer: a note every 50 ms, 20 a second, sent when due whatever the answers before
            // (an open loop): a stall holds up every write due while it lasts, and each counts.
            AtomicInteger notes = new AtomicInteger();
            writer.scheduleAtFixedRate(() -> {
                Phase phase = now.get();
                long started = System.nanoTime();
                writes.add(HTTP.sendAsync(HttpRequest.newBuilder(URI.create(payara.base() + "/api/notes"))
                                .header("Authorization", "Bearer " + writerToken).header("Content-Type", "application/json")
                                .timeout(Duration.ofSeconds(30))
                                .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"steady " + notes.incrementAndGet()
                                        + "\"}")).build(), HttpResponse.BodyHandlers.discarding())
                        .handle((response, failure) -> {
                            phase.writeMillis().add(Duration.ofNanos(System.nanoTime() - started).toMillis());
                            if (failure != null || response.statusCode() != 201) {
                                phase.failed().incrementAndGet();
                            }
                            return null;
                        }));
            }, 0, 50, TimeUnit.MILLISECONDS);
            // The phases last a fixed time: this paces the load, nothing is asserted on it.
            Thread.sleep(warmUp.length().toMillis());
            now.set(phases.get(0));
            Thread.sleep(phases.get(0).length().toMillis());
            now.set(phases.get(1));
            JWKS.mode(JwksStub.Mode.HANG);
            Thread.sleep(phases.get(1).length().toMillis());
            JWKS.reset();
            now.set(phases.get(2));
            Thread.sleep(phases.get(2).length().toMillis());
            running.set(false);
            writer.shutdown();
            for (Future<?> client : load) {
                client.get();
            }
            CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        } finally {
            running.set(false);
            writer.shutdownNow();
            clients.shutdownNow();
            JWKS.reset();
        }

        for (Phase phase : phases) {
            System.out.printf("MEASURE %s, %d readers (1 in 5 with a never-seen kid) and a writer at 20/s: writer"
                    + " p99 %d ms, max %d ms; known-key reads p99 %d ms; %d failed%n",
                    phase.name(), CLIENTS, Phase.p99(phase.writeMillis()),
                    phase.writeMillis().stream().mapToLong(Long::longValue).max().orElse(-1),
                    Phase.p99(phase.readMillis()), phase.failed().get());
        }
        assertThat(phases).allSatisfy(phase -> {
            assertThat(phase.failed()).as(phase.name() + ": writes and known-key reads refused").hasValue(0);
            assertThat(Phase.p99(phase.writeMillis())).as(phase.name() + ": the writer's p99, ms").isLessThan(500);
            assertThat(Phase.p99(phase.readMillis())).as(phase.name() + ": known-key reads' p99, ms").isLessThan(500);
        });
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

    private static HttpResponse<String> post(String token, String path, String json) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(payara.base() + path))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
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
