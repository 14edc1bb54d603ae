package dev.jwksguard.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;

/**
 * A JWKS endpoint on 127.0.0.1 that tests steer: which keys it publishes, how it misbehaves, and
 * how many requests it received.
 */
public final class JwksStub implements AutoCloseable {

    public static final String PATH = "/jwks.json";

    /** How the endpoint answers. */
    public enum Mode { NORMAL, STATUS_500, NOT_FOUND, MALFORMED_JSON, EMPTY_SET, HANG, RESET }

    private final HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger strayRequests = new AtomicInteger();
    private final List<PublicJsonWebKey> published = new CopyOnWriteArrayList<>();
    private final CountDownLatch releaseHangs = new CountDownLatch(1);
    private volatile Mode mode = Mode.NORMAL;
    private volatile String cacheControl;
    private volatile Duration delay = Duration.ZERO;

    private JwksStub(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        server.createContext(PATH, exchange -> {
            try {
                handle(exchange);
            } catch (IOException | RuntimeException e) {
                System.err.println("JWKS stub failed to answer: " + e);
                throw e;
            }
        });
        server.createContext("/", exchange -> {
            strayRequests.incrementAndGet();
            try (exchange) {
                send(exchange, 404, "{}");
            }
        });
        server.setExecutor(Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "jwks-stub");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
        published.add(TestKeys.PRIMARY);
    }

    /** On the given port (0: any free one), publishing {@link TestKeys#PRIMARY}. */
    public static JwksStub start(int port) {
        try {
            return new JwksStub(port);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the JWKS stub on port " + port, e);
        }
    }

    public String uri() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + PATH;
    }

    public JwksStub publish(PublicJsonWebKey... keys) {
        published.clear();
        published.addAll(List.of(keys));
        return this;
    }

    public JwksStub mode(Mode mode) {
        this.mode = mode;
        return this;
    }

    public JwksStub cacheControl(String value) {
        this.cacheControl = value;
        return this;
    }

    public JwksStub delay(Duration delay) {
        this.delay = delay;
        return this;
    }

    /** A URL on this stub that nothing should ever fetch (for jku, x5u and the like). */
    public String strayUri() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/stray";
    }

    /** Requests to any other path than the JWKS. */
    public int strayRequests() {
        return strayRequests.get();
    }

    public int requests() {
        return requests.get();
    }

    /** Waits until the endpoint has received more than {@code count} requests in all. */
    public void awaitRequestsAbove(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (requests.get() <= count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the JWKS endpoint saw " + requests.get() + " requests, waited for more than "
                        + count);
            }
            Thread.sleep(5);
        }
    }

    public JwksStub resetCount() {
        requests.set(0);
        strayRequests.set(0);
        return this;
    }

    /** Back to publishing the primary key, normally, without a count. */
    public JwksStub reset() {
        return publish(TestKeys.PRIMARY).mode(Mode.NORMAL).cacheControl(null).delay(Duration.ZERO).resetCount();
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        try (exchange) {
            sleep(delay);
            switch (mode) {
                case STATUS_500 -> send(exchange, 500, "{\"error\":\"boom\"}");
                case NOT_FOUND -> send(exchange, 404, "not here");
                case MALFORMED_JSON -> send(exchange, 200, "{\"keys\": [ {\"kty\": ");
                case EMPTY_SET -> send(exchange, 200, "{\"keys\":[]}");
                case HANG -> hang();
                case RESET -> reset(exchange);
                case NORMAL -> send(exchange, 200, document());
            }
        }
    }

    private String document() {
        List<JsonWebKey> publicKeys = published.stream().map(JwksStub::publicOnly).toList();
        return new JsonWebKeySet(publicKeys).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    }

    private static JsonWebKey publicOnly(PublicJsonWebKey key) {
        try {
            return JsonWebKey.Factory.newJwk(key.toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
        } catch (org.jose4j.lang.JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    private void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        if (cacheControl != null) {
            exchange.getResponseHeaders().set("Cache-Control", cacheControl);
        }
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private void hang() {
        try {
            releaseHangs.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Closes the connection without an answer, as a dying proxy would. */
    private static void reset(HttpExchange exchange) {
        exchange.close();
    }

    private static void sleep(Duration duration) {
        if (duration.isZero()) {
            return;
        }
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        releaseHangs.countDown();
        server.stop(0);
    }
}
