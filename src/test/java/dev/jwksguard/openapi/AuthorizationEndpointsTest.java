package dev.jwksguard.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.jwksguard.auth.TestSettings;
import dev.jwksguard.config.OAuthSettings;
import dev.jwksguard.config.SettingsReader;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Where the OpenAPI document's OAuth flow points: the settings, else the issuer's own discovery document. */
class AuthorizationEndpointsTest {

    private HttpServer issuer;
    private volatile String discovery = "";

    @BeforeEach
    void startIssuer() throws IOException {
        issuer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        issuer.createContext("/.well-known/openid-configuration", exchange -> {
            byte[] body = discovery.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(discovery.isEmpty() ? 404 : 200, discovery.isEmpty() ? -1 : body.length);
            if (!discovery.isEmpty()) {
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        issuer.start();
    }

    @AfterEach
    void stopIssuer() {
        issuer.stop(0);
    }

    private String issuerUrl() {
        return "http://127.0.0.1:" + issuer.getAddress().getPort();
    }

    /** Where the document's flow points, for this issuer with the JWKS's limits, which the discovery fetch shares. */
    private static java.util.Optional<AuthorizationEndpoints> endpoints(String issuer, String... keyValues) {
        String[] all = java.util.stream.Stream.concat(java.util.stream.Stream.of("oauth.issuer", issuer,
                "oauth.jwks.allow-http", "true"), java.util.Arrays.stream(keyValues)).toArray(String[]::new);
        SettingsReader reader = TestSettings.reader("http://127.0.0.1:1/jwks", all);
        return AuthorizationEndpoints.of(OAuthSettings.read(reader), OpenApiSettings.read(reader));
    }

    @Test
    void ofWhenBothSetThenTheSettingsWithoutAskingTheIssuer() {
        assertThat(endpoints("https://unreachable.invalid/",
                "oauth.authorization-endpoint", "https://a.example/authorize",
                "oauth.token-endpoint", "https://a.example/token"))
                .contains(new AuthorizationEndpoints("https://a.example/authorize", "https://a.example/token"));
    }

    @Test
    void ofWhenNotSetThenTheIssuersDiscoveryDocument() {
        discovery = "{\"issuer\":\"" + issuerUrl() + "\",\"authorization_endpoint\":\"" + issuerUrl() + "/authorize\","
                + "\"token_endpoint\":\"" + issuerUrl() + "/oauth/token\"}";

        assertThat(endpoints(issuerUrl()))
                .contains(new AuthorizationEndpoints(issuerUrl() + "/authorize", issuerUrl() + "/oauth/token"));
    }

    @Test
    void ofWhenTheDocumentNamesAnotherIssuerOrIsMissingThenNone() {
        discovery = "{\"issuer\":\"https://someone-else.example/\",\"authorization_endpoint\":\"https://x/a\","
                + "\"token_endpoint\":\"https://x/t\"}";
        assertThat(endpoints(issuerUrl())).isEmpty();

        discovery = "";
        assertThat(endpoints(issuerUrl())).isEmpty();
    }
}
