package dev.jwksguard.testsupport;

import java.io.IOException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jose4j.http.SimpleGet;
import org.jose4j.http.SimpleResponse;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;

/** jose4j's HTTP client, scripted: the JWKS answer by default, other answers per URL; counts JWKS calls. */
public final class ScriptedHttp implements SimpleGet {

    public final AtomicInteger calls = new AtomicInteger();
    public volatile int status = 200;
    public volatile String body;
    public volatile String cacheControl;
    public volatile Duration delay = Duration.ZERO;
    private final Map<String, Map.Entry<Integer, String>> byUrl = new ConcurrentHashMap<>();

    public ScriptedHttp() {
        keys(TestKeys.PRIMARY);
    }

    public void keys(PublicJsonWebKey... keys) {
        body = new JsonWebKeySet(keys).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    }

    /** A fixed answer for one URL, not counted as a JWKS call. */
    public void respond(String url, int answerStatus, String answerBody) {
        byUrl.put(url, Map.entry(answerStatus, answerBody));
    }

    @Override
    public SimpleResponse get(String location) throws IOException {
        var special = byUrl.get(location);
        if (special == null) {
            calls.incrementAndGet();
        }
        if (!delay.isZero()) {
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        int answerStatus = special != null ? special.getKey() : status;
        String answerBody = special != null ? special.getValue() : body;
        String answerCacheControl = cacheControl;
        return new SimpleResponse() {
            @Override
            public int getStatusCode() {
                return answerStatus;
            }

            @Override
            public String getStatusMessage() {
                return "";
            }

            @Override
            public Collection<String> getHeaderNames() {
                return answerCacheControl == null ? List.of() : List.of("Cache-Control");
            }

            @Override
            public List<String> getHeaderValues(String name) {
                return answerCacheControl != null && name.equalsIgnoreCase("Cache-Control")
                        ? List.of(answerCacheControl) : null;
            }

            @Override
            public String getBody() {
                return answerBody;
            }
        };
    }
}
