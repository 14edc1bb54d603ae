package dev.jwksguard.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwksguard.testsupport.ItServer;
import dev.jwksguard.testsupport.RestartableServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * oauth.authorization-endpoint is used only for the OpenAPI document, yet it is a setting like any
 * other: a malformed value is a misconfiguration found at deployment (one SEVERE line, readiness
 * DOWN naming the key), never an error when /openapi is first asked for.
 */
class MalformedEndpointSettingIT {

    @Test
    void openapiWhenTheAuthorizationEndpointIsNotAUrlThenAMisconfigurationNamingTheKeyNotAnError() throws Exception {
        Path log = Files.createDirectories(Path.of("target", "payara-logs")).resolve("malformed-endpoint-it.log");
        Files.deleteIfExists(log);
        try (RestartableServer payara = RestartableServer.startMisconfigured(Files.createTempDirectory("malformed-endpoint"),
                log, Map.of("OAUTH_AUTHORIZATION_ENDPOINT", "not a url"))) {
            HttpResponse<String> openapi = ItServer.send(HttpRequest.newBuilder(URI.create(payara.base() + "/openapi")));
            HttpResponse<String> ready = ItServer.send(HttpRequest.newBuilder(URI.create(payara.base() + "/health/ready")));
            HttpResponse<String> me = ItServer.send(HttpRequest.newBuilder(URI.create(payara.base() + "/api/me")));

            assertThat(openapi.statusCode()).as("/openapi").isLessThan(500);
            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(ready.body()).contains("oauth.authorization-endpoint");
            assertThat(me.statusCode()).isEqualTo(503);
            assertThat(me.body()).contains("oauth.authorization-endpoint").doesNotContain("not a url");
            assertThat(Files.readString(log).lines()
                    .filter(line -> line.contains("SEVERE") && line.contains("oauth.authorization-endpoint"))).hasSize(1);
        }
    }
}
