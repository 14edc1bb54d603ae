package dev.jwksguard.it;

import static dev.jwksguard.testsupport.ItServer.JWKS;
import static dev.jwksguard.testsupport.ItServer.getWithToken;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jwksguard.testsupport.Concurrently;
import dev.jwksguard.testsupport.ItServer;
import dev.jwksguard.testsupport.TestKeys;
import dev.jwksguard.testsupport.TestTokens;
import java.time.Duration;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A key rotation under concurrent load, with a slow JWKS endpoint: no valid caller is refused. */
@ExtendWith(ArquillianExtension.class)
class KeyRotationUnderLoadIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        JWKS.reset();
        return ItServer.war();
    }

    @Test
    void meWhenTwentyCallersBringANewKidDuringASlowFetchThenAllWaitForTheOneFetchAndAreServed() throws Exception {
        JWKS.awaitRequestsAbove(0, Duration.ofSeconds(20));
        assertThat(getWithToken("/api/me", TestTokens.valid().sign()).statusCode()).isEqualTo(200);
        // The issuer rotates; its endpoint answers in 2 s, inside the 3 s read timeout.
        JWKS.publish(TestKeys.PRIMARY, TestKeys.ROTATED).delay(Duration.ofSeconds(2)).resetCount();

        List<Integer> during = Concurrently.run(20, 20,
                () -> getWithToken("/api/me", TestTokens.valid().signedWith(TestKeys.ROTATED).sign()).statusCode());
        List<Integer> after = Concurrently.run(20, 20,
                () -> getWithToken("/api/me", TestTokens.valid().signedWith(TestKeys.ROTATED).sign()).statusCode());

        System.out.printf("MEASURE rotation under load: during the fetch %d of 20 served, after it %d of 20; %d fetch(es)%n",
                during.stream().filter(status -> status == 200).count(),
                after.stream().filter(status -> status == 200).count(), JWKS.requests());
        assertThat(during).containsOnly(200);
        assertThat(after).containsOnly(200);
        assertThat(JWKS.requests()).as("JWKS fetches").isEqualTo(1);
    }
}
