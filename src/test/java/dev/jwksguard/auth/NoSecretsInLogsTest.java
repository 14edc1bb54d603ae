package dev.jwksguard.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwksguard.testsupport.JwksStub;
import dev.jwksguard.testsupport.TestKeys;
import dev.jwksguard.testsupport.TestTokens;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every failure path, with everything logged at INFO and above captured (our System.Logger and
 * jose4j's SLF4J both end in java.util.logging): no token, signature, header value or key list.
 */
class NoSecretsInLogsTest {

    private final List<String> logged = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.INFO.intValue()) {
                String message = new java.util.logging.SimpleFormatter().format(record);
                synchronized (logged) {
                    logged.add(message);
                }
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private JwksStub jwks;
    private Level previousLevel;

    @BeforeEach
    void captureLogs() {
        Logger root = Logger.getLogger("");
        previousLevel = root.getLevel();
        root.setLevel(Level.INFO);
        root.addHandler(capture);
        jwks = JwksStub.start(0);
    }

    @AfterEach
    void restore() {
        Logger root = Logger.getLogger("");
        root.removeHandler(capture);
        root.setLevel(previousLevel);
        jwks.close();
    }

    @Test
    void noFailurePathLogsTheTokenOrTheHeader() {
        Instant now = Instant.now();
        List<String> tokens = List.of(
                TestTokens.valid().issuedAt(now.minusSeconds(900)).expiredAt(now.minusSeconds(600)).sign(),
                TestTokens.valid().issuer("https://evil.example/").sign(),
                TestTokens.valid().audience("https://other.example/").sign(),
                TestTokens.valid().signedWith(TestKeys.ROGUE).sign(),
                TestTokens.valid().signedWith(TestKeys.withKid(TestKeys.ROGUE, "primary-key")).sign(),
                TestTokens.valid().algorithm("none").unsigned(),
                TestTokens.valid().hmacWithPublicKeyOf(TestKeys.PRIMARY).sign(),
                TestTokens.valid().header("crit", List.of("x")).header("x", 1).sign(),
                TestTokens.valid().without("sub").sign(),
                TestTokens.raw("{\"alg\":\"RS256\"}", "[1]", "c2ln"),
                "a.b.c.d.e",
                TestTokens.valid().claim("pad", "y".repeat(10_000)).sign());

        BearerAuthenticator authenticator = authenticator();
        for (String token : tokens) {
            authenticator.authenticate(List.of("Bearer " + token), true);
        }
        authenticator.authenticate(List.of("Bearer a b"), true);
        authenticator.authenticate(List.of("Bearer x.y.z", "Bearer secret-second-header"), true);
        jwks.mode(JwksStub.Mode.STATUS_500);
        String duringOutage = TestTokens.valid().subject("outage").sign();
        authenticator().authenticate(List.of("Bearer " + duringOutage), true);

        assertThat(logged).isNotEmpty();
        String all = String.join("\n", logged);
        for (String token : append(tokens, duringOutage)) {
            for (String part : token.split("\\.")) {
                if (part.length() > 8) {
                    assertThat(all).doesNotContain(part);
                }
            }
        }
        assertThat(all).doesNotContain("secret-second-header").doesNotContain("Bearer x.y.z")
                .doesNotContain("\"n\":").doesNotContain("\"kty\"").doesNotContain("primary-key\"");
    }

    private BearerAuthenticator authenticator() {
        return TestSettings.authenticator(TestSettings.settings(jwks.uri()));
    }

    private static List<String> append(List<String> list, String more) {
        List<String> all = new ArrayList<>(list);
        all.add(more);
        return all;
    }
}
