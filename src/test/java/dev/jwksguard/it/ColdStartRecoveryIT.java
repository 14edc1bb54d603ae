package dev.jwksguard.it;

import static dev.jwksguard.testsupport.ItServer.JWKS;
import static dev.jwksguard.testsupport.ItServer.getWithToken;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jwksguard.testsupport.Concurrently;
import dev.jwksguard.testsupport.ItServer;
import dev.jwksguard.testsupport.JwksStub;
import dev.jwksguard.testsupport.TestTokens;
import java.time.Duration;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The WAR starts while its issuer is down; the first request after the issuer returns is served. */
@ExtendWith(ArquillianExtension.class)
class ColdStartRecoveryIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        JWKS.reset().mode(JwksStub.Mode.RESET);
        return ItServer.war();
    }

    @Test
    void meWhenIssuerReturnsBetweenBackgroundRetriesThenFirstRequestFetchesAndEveryRequestIsServed()
            throws Exception {
        // Let the warm start and the first background retries fail, then bring the issuer back
        // just after one of them: the next background retry is at least a second away.
        JWKS.awaitRequestsAbove(1, Duration.ofSeconds(30));
        JWKS.awaitRequestsAbove(JWKS.requests(), Duration.ofSeconds(30));
        Thread.sleep(200);
        JWKS.mode(JwksStub.Mode.NORMAL).resetCount();
        String token = TestTokens.valid().sign();

        int first = getWithToken("/api/me", token).statusCode();
        List<Integer> next = Concurrently.run(1000, 16, () -> getWithToken("/api/me", token).statusCode());

        long refused = next.stream().filter(status -> status != 200).count();
        System.out.printf("MEASURE cold-start recovery: first request %d; %d of the next 1000 not served; %d fetch(es)%n",
                first, refused, JWKS.requests());
        assertThat(first).isEqualTo(200);
        assertThat(next).containsOnly(200);
        assertThat(JWKS.requests()).as("JWKS fetches").isEqualTo(1);
    }
}
