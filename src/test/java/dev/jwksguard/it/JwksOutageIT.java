package dev.jwksguard.it;

import static dev.jwksguard.it.BearerAuthenticationIT.assertProblem;
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

/** A JWKS endpoint that is down: 503 when nothing is cached, cached keys carry on afterwards. */
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
        assertThat(response.headers().firstValue("Retry-After")).contains("30");
        assertThat(response.headers().firstValue("WWW-Authenticate")).isEmpty();
    }

    @Test
    @Order(2)
    void meWhenJwksBackThenServedAgain() throws InterruptedException {
        JWKS.mode(JwksStub.Mode.NORMAL);
        Thread.sleep(1_500); // past the first backoff step

        assertThat(getWithToken("/api/me", TestTokens.valid().sign()).statusCode()).isEqualTo(200);
    }

    @Test
    @Order(3)
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

    @Test
    @Order(4)
    void meWhenJwksHangsThenCachedKidServedWithoutWaiting() {
        JWKS.mode(JwksStub.Mode.HANG);

        long started = System.nanoTime();
        HttpResponse<String> response = getWithToken("/api/me", TestTokens.valid().sign());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
        JWKS.mode(JwksStub.Mode.NORMAL);
    }
}
