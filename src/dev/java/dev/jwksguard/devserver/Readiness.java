package dev.jwksguard.devserver;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jose4j.json.JsonUtil;
import org.jose4j.lang.JoseException;

/** The app's MicroProfile readiness check, as the run command reads it: UP, or why not in a few words. */
final class Readiness {

    private Readiness() {
    }

    /** Empty when {@code /health/ready} is UP; otherwise the cause it gives. */
    static Optional<String> ask(HttpClient client, int httpPort) throws InterruptedException {
        HttpResponse<String> answer;
        try {
            answer = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/health/ready"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return Optional.of("the readiness check does not answer (" + e.getClass().getSimpleName() + ")");
        }
        if (answer.statusCode() == 200) {
            return Optional.empty();
        }
        return Optional.of(cause(answer.body()).orElse("readiness check DOWN (HTTP " + answer.statusCode() + ")"));
    }

    /** The first DOWN check's lastFailure or problem (with several issuers, prefixed by the issuer's name). */
    static Optional<String> cause(String body) {
        try {
            Object checks = JsonUtil.parseJson(body).get("checks");
            if (!(checks instanceof List<?> list)) {
                return Optional.empty();
            }
            for (Object check : list) {
                if (check instanceof Map<?, ?> map && "DOWN".equals(map.get("status"))
                        && map.get("data") instanceof Map<?, ?> data) {
                    for (Map.Entry<?, ?> entry : data.entrySet()) {
                        String key = String.valueOf(entry.getKey());
                        if (key.endsWith("lastFailure") || key.equals("problem")) {
                            return Optional.of(entry.getValue().toString());
                        }
                    }
                    return Optional.of("no signing keys yet (" + map.get("name") + " " + data + ")");
                }
            }
            return Optional.empty();
        } catch (JoseException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
