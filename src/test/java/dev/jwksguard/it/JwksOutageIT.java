package dev.jwksguard.it;

import static dev.jwksguard.testsupport.HttpAsserts.assertProblem;
import static dev.jwksguard.testsupport.ItServer.JWKS;
import static dev.jwksguard.testsupport.ItServer.getWithToken;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jwksguard.testsupport.ItServer;
import dev.jwksguard.testsupport.JwksStub;
import dev.jwksguard.testsupport.TestKeys;
import dev.jwksguard.testsupport.TestTokens;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A JWKS endpoint that is down or misbehaves: 503 when nothing is cached, cached keys carry on afterwards. */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class JwksOutageIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        JWKS.reset().mode(JwksStub.Mode.RESET);
        return ItServer.war();
    }

    @Test
    @Order(1)
    void meWhenJwksDownOnColdStartThen503RetryAfterWithoutChallenge() {
        HttpResponse<String> response = getWithToken("/api/me", TestTokens.valid().sign());

        assertProblem(response, 503);
        assertThat(response.headers().firstValue("Retry-After")).contains("5");
        assertThat(response.headers().firstValue("WWW-Authenticate")).isEmpty();
    }

    @Test
    @Order(2)
    void readinessWhenNoKeysThenDown() {
        HttpResponse<String> response = ItServer.get("/health/ready");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).contains("\"jwks\"").contains("\"unavailable\"");
    }

    @Test
    @Order(3)
    void meWhenJwksBackThenServedAgainAfterTheBackgroundRetry() throws InterruptedException {
        JWKS.mode(JwksStub.Mode.NORMAL);

        // With no keys held, a request may trigger a fetch every couple of seconds.
        int status = 0;
        for (int attempt = 0; attempt < 20 && status != 200; attempt++) {
            status = getWithToken("/api/me", TestTokens.valid().sign()).statusCode();
            if (status != 200) {
                Thread.sleep(500);
            }
        }
        assertThat(status).isEqualTo(200);
        assertThat(ItServer.get("/health/ready").statusCode()).isEqualTo(200);
    }

    @Test
    @Order(4)
    void meWhenJwksFailsLaterThenCachedKidStillServedAndUnknownKidRefusedQuickly() {
        JWKS.mode(JwksStub.Mode.STATUS_500).resetCount();

        long started = System.nanoTime();
        assertThat(getWithToken("/api/me", TestTokens.valid().sign()).statusCode()).isEqualTo(200);
        HttpResponse<String> unknown = getWithToken("/api/me", TestTokens.valid().signedWith(TestKeys.ROGUE).sign());
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertProblem(unknown, 401);
        assertThat(ItServer.challenge(unknown)).contains("error=\"invalid_token\"");
        assertThat(took).isLessThan(Duration.ofSeconds(10));
    }

    @ParameterizedTest
    @EnumSource(value = JwksStub.Mode.class, names = {"HANG", "RESET", "STATUS_500", "MALFORMED_JSON", "EMPTY_SET"})
    @Order(5)
    void meWhenJwksMisbehavesThenCachedKidServedWithoutDelayAndUnknownKidAnsweredWithinTimeout(JwksStub.Mode mode) {
        JWKS.mode(mode);

        long started = System.nanoTime();
        HttpResponse<String> cached = getWithToken("/api/me", TestTokens.valid().sign());
        Duration cachedTook = Duration.ofNanos(System.nanoTime() - started);
        started = System.nanoTime();
        HttpResponse<String> unknown = getWithToken("/api/me", TestTokens.valid()
                .signedWith(TestKeys.withKid(TestKeys.ROGUE, "unknown-" + mode)).sign());
        Duration unknownTook = Duration.ofNanos(System.nanoTime() - started);

        System.out.printf("MEASURE outage %s: cached kid %d ms, unknown kid %d ms (%d)%n", mode,
                cachedTook.toMillis(), unknownTook.toMillis(), unknown.statusCode());
        assertThat(cached.statusCode()).isEqualTo(200);
        assertThat(cachedTook).isLessThan(Duration.ofSeconds(1));
        assertThat(unknown.statusCode()).isIn(401, 503);
        // Connect 2 s + read 3 s at worst, no retry.
        assertThat(unknownTook).isLessThan(Duration.ofSeconds(7));
        JWKS.mode(JwksStub.Mode.NORMAL);
    }
}
