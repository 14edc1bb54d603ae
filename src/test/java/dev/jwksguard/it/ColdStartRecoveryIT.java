package dev.jwksguard.it;

import static dev.jwksguard.testsupport.HttpAsserts.assertProblem;
import static dev.jwksguard.testsupport.ItServer.JWKS;
import static dev.jwksguard.testsupport.ItServer.getWithToken;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jwksguard.testsupport.Concurrently;
import dev.jwksguard.testsupport.ItServer;
import dev.jwksguard.testsupport.JwksStub;
import dev.jwksguard.testsupport.TestTokens;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The WAR starts while its issuer is down: 503 without a challenge, readiness down; the first
 * request after the issuer returns is served, and so is every one after it.
 */
@ExtendWith(ArquillianExtension.class)
class ColdStartRecoveryIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        JWKS.reset().mode(JwksStub.Mode.RESET);
        return ItServer.war();
    }

    @Test
    void meWhenIssuerDownThen503AndWhenItReturnsBetweenBackgroundRetriesThenTheFirstRequestIsServed()
            throws Exception {
        String token = TestTokens.valid().sign();
        HttpResponse<String> down = getWithToken("/api/me", token);
        assertProblem(down, 503);
        assertThat(down.headers().firstValue("Retry-After")).contains("5");
        assertThat(down.headers().firstValue("WWW-Authenticate")).as("not the caller's fault").isEmpty();
        HttpResponse<String> readiness = ItServer.health("/health/ready");
        assertThat(readiness.statusCode()).isEqualTo(503);
        assertThat(readiness.body()).contains("\"jwks\"").contains("\"unavailable\"");

        // Let the warm start and the first retries fail, then bring the issuer back just after a
        // background retry: the next one is at least a second away.
        // (The backoff doubles up to a minute: allow for a slow deployment having let it grow.)
        JWKS.awaitRequestsAbove(1, Duration.ofSeconds(90));
        JWKS.awaitRequestsAbove(JWKS.requests(), Duration.ofSeconds(90));
        Thread.sleep(200);
        JWKS.mode(JwksStub.Mode.NORMAL).resetCount();

        int first = getWithToken("/api/me", token).statusCode();
        List<Integer> next = Concurrently.run(1000, 16, () -> getWithToken("/api/me", token).statusCode());

        long refused = next.stream().filter(status -> status != 200).count();
        System.out.printf("MEASURE cold-start recovery: first request %d; %d of the next 1000 not served; %d fetch(es)%n",
                first, refused, JWKS.requests());
        assertThat(first).isEqualTo(200);
        assertThat(next).containsOnly(200);
        assertThat(JWKS.requests()).as("JWKS fetches").isEqualTo(1);
        assertThat(ItServer.health("/health/ready").statusCode()).isEqualTo(200);
    }
}
