package dev.jwksguard.it;

import static dev.jwksguard.testsupport.HttpAsserts.assertProblem;
import static dev.jwksguard.testsupport.ItServer.JWKS;
import static dev.jwksguard.testsupport.ItServer.challenge;
import static dev.jwksguard.testsupport.ItServer.getWithToken;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jwksguard.config.Misconfiguration;
import dev.jwksguard.testsupport.ItServer;
import dev.jwksguard.testsupport.ServerAdmin;
import dev.jwksguard.testsupport.TestTokens;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An operator configures JWKS Guard where they work: asadmin set-config-property on Payara Server
 * (the admin console writes the same domain source), a system property by jboss-cli on WildFly.
 * After a redeploy the new value is in force; a value that cannot work makes the deployment
 * answer 503 naming the key, readiness DOWN, and one line in the server's log. Runs on the full
 * servers only (pom.xml: the "payara-server" and "wildfly" failsafe executions).
 */
@ExtendWith(ArquillianExtension.class)
class OperatorConfigurationIT {

    private static final ServerAdmin ADMIN = ServerAdmin.forThisRun();
    private static final String OTHER_AUDIENCE = "https://other-api.test.invalid/";

    /** What the server's source held before each change: the suite's own settings, or nothing. */
    private final Map<String, Optional<String>> before = new LinkedHashMap<>();

    @Deployment(testable = false)
    static WebArchive deployment() {
        JWKS.reset();
        return ItServer.war();
    }

    private void set(String key, String value) {
        before.putIfAbsent(key, ADMIN.property(key));
        ADMIN.setProperty(key, value);
    }

    /** Back to the suite's configuration, so that the next test class sees the server as before. */
    @AfterEach
    void restore() {
        before.forEach((key, value) -> value.ifPresentOrElse(
                previous -> ADMIN.setProperty(key, previous), () -> ADMIN.removeProperty(key)));
        ADMIN.redeploy();
        assertThat(getWithToken("/api/me", TestTokens.valid().sign()).statusCode())
                .as("restored").isEqualTo(200);
    }

    @Test
    void audienceWhenChangedByTheServersToolThenInForceAfterRedeploy() {
        String forTheOldAudience = TestTokens.valid().sign();
        String forTheNewAudience = TestTokens.valid().audience(OTHER_AUDIENCE).sign();
        assertThat(getWithToken("/api/me", forTheOldAudience).statusCode()).isEqualTo(200);

        set("oauth.audience", OTHER_AUDIENCE);
        // Settings are read when the application starts: nothing changes before the redeploy.
        assertThat(getWithToken("/api/me", forTheOldAudience).statusCode()).isEqualTo(200);
        ADMIN.redeploy();

        HttpResponse<String> refused = getWithToken("/api/me", forTheOldAudience);
        assertProblem(refused, 401);
        assertThat(challenge(refused)).contains("error=\"invalid_token\"");
        assertThat(getWithToken("/api/me", forTheNewAudience).statusCode()).isEqualTo(200);
    }

    @Test
    void settingWhenInvalidInTheServerThen503NamingTheKeyReadinessDownAndOneLogLine() throws IOException {
        long logBefore = Files.size(ADMIN.serverLog());
        set("oauth.clock-skew-seconds", "soon");
        ADMIN.redeploy();

        HttpResponse<String> response = getWithToken("/api/me", TestTokens.valid().sign());
        Map<String, Object> problem = assertProblem(response, 503);
        assertThat(problem.get("detail").toString()).contains("oauth.clock-skew-seconds");
        assertThat(response.body()).doesNotContain("soon");
        assertThat(challenge(response)).isEmpty();

        HttpResponse<String> ready = ItServer.health("/health/ready");
        assertThat(ready.statusCode()).isEqualTo(503);
        assertThat(ready.body()).contains("\"DOWN\"").contains("oauth.clock-skew-seconds");

        List<String> logged = logSince(logBefore);
        assertThat(logged.stream().filter(line -> line.contains(Misconfiguration.LOG_MARKER)))
                .as("one line names the problem").hasSize(1)
                .allSatisfy(line -> assertThat(line).contains("oauth.clock-skew-seconds"));
        assertThat(logged.stream().filter(line -> line.strip().startsWith("at dev.jwksguard")))
                .as("no stack trace through the application").isEmpty();
    }

    private static List<String> logSince(long offset) throws IOException {
        try (RandomAccessFile file = new RandomAccessFile(ADMIN.serverLog().toFile(), "r")) {
            byte[] appended = new byte[(int) Math.max(0, file.length() - offset)];
            file.seek(offset);
            file.readFully(appended);
            return new String(appended, StandardCharsets.UTF_8).lines().toList();
        }
    }
}
