package dev.jwksguard.it;

import static dev.jwksguard.testsupport.HttpAsserts.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jwksguard.testsupport.ItServer;
import dev.jwksguard.testsupport.RestartableServer;
import dev.jwksguard.testsupport.TestTokens;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A setting that cannot work is impossible to miss: readiness is DOWN naming the key, every API
 * request answers 503 problem+json naming the key (never its value) and never accepts a token,
 * and the log has one SEVERE line, not a page of stack traces. Payara Micro is started as an
 * operator would, with OAUTH_AUDIENCE unset and a clock skew that is not a number.
 */
class MisconfiguredDeploymentIT {

    /** A browser MCP client the operator allowed: it must be able to read why the server refuses. */
    private static final String BROWSER_CLIENT = "http://localhost:6274";

    private static RestartableServer payara;
    private static Path log;

    @BeforeAll
    static void startWithoutAnAudience() throws Exception {
        log = Files.createDirectories(Path.of("target", "payara-logs")).resolve("misconfigured-it.log");
        Files.deleteIfExists(log);
        payara = RestartableServer.startMisconfigured(Files.createTempDirectory("misconfigured"), log,
                Map.of("OAUTH_AUDIENCE", "", "OAUTH_CLOCK_SKEW_SECONDS", "soon",
                        "MCP_ALLOWED_ORIGINS", BROWSER_CLIENT));
    }

    @AfterAll
    static void stop() {
        if (payara != null) {
            payara.close();
        }
    }

    private static HttpResponse<String> get(String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(payara.base() + path));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return ItServer.send(request);
    }

    @Test
    void apiWhenMisconfiguredThen503ProblemNamingTheKeyAndNeverTheValue() {
        for (String path : List.of("/api/me", "/api/notes", "/api/ping", "/mcp", "/.well-known/oauth-protected-resource")) {
            HttpResponse<String> response = get(path);
            Map<String, Object> problem = assertProblem(response, 503);
            assertThat(problem.get("detail").toString()).as(path).contains("oauth.audience").contains("OAUTH_AUDIENCE");
        }
        assertThat(get("/api/me").body()).doesNotContain("soon");
    }

    @Test
    void apiWhenMisconfiguredThenAValidTokenIsNotAcceptedEither() {
        HttpResponse<String> response = get("/api/me", "Authorization", "Bearer " + TestTokens.valid().sign());

        assertProblem(response, 503);
        assertThat(response.headers().firstValue("WWW-Authenticate")).isEmpty();
    }

    @Test
    void mcpWhenMisconfiguredThenAnAllowedBrowserClientCanReadThe503() {
        HttpResponse<String> response = get("/mcp", "Origin", BROWSER_CLIENT);

        assertProblem(response, 503);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).contains(BROWSER_CLIENT);
        assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(response.headers().firstValue("WWW-Authenticate")).isEmpty();
    }

    @Test
    void readinessWhenMisconfiguredThenDownNamingTheKey() {
        HttpResponse<String> ready = get("/health/ready");

        assertThat(ready.statusCode()).isEqualTo(503);
        assertThat(ready.body()).contains("\"DOWN\"").contains("oauth.audience");
    }

    @Test
    void logWhenMisconfiguredThenOneSevereLineAndNoStackTrace() throws Exception {
        String written = Files.readString(log);

        assertThat(written.lines().filter(line -> line.contains("SEVERE") && line.contains("oauth.audience")))
                .hasSize(1);
        assertThat(written.lines().filter(line -> line.contains("dev.jwksguard") && line.startsWith("\tat ")))
                .as("no stack trace through the application").isEmpty();
        assertThat(written).doesNotContain("DEPLOYMENT STOPPED").doesNotContain("InvalidSettingException");
    }
}
