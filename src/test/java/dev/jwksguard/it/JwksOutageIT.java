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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A JWKS endpoint that fails after the keys were fetched: cached keys carry on, unknown kids are
 * refused within the timeouts. (A cold start with the endpoint down: {@link ColdStartRecoveryIT}.)
 */
@ExtendWith(ArquillianExtension.class)
class JwksOutageIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        JWKS.reset();
        return ItServer.war();
    }

    /** Every test starts with the primary key cached and the endpoint healthy. */
    @BeforeEach
    void keysCached() {
        JWKS.reset();
        assertThat(getWithToken("/api/me", TestTokens.valid().sign()).statusCode()).isEqualTo(200);
    }

    @Test
    void meWhenJwksFailsLaterThenCachedKidStillServedAndUnknownKidRefused() {
        JWKS.mode(JwksStub.Mode.STATUS_500);

        assertThat(getWithToken("/api/me", TestTokens.valid().sign()).statusCode()).isEqualTo(200);
        HttpResponse<String> unknown = getWithToken("/api/me", TestTokens.valid().signedWith(TestKeys.ROGUE).sign());

        assertProblem(unknown, 401);
        assertThat(ItServer.challenge(unknown)).contains("error=\"invalid_token\"");
    }

    @ParameterizedTest
    @EnumSource(value = JwksStub.Mode.class, names = {"HANG", "RESET", "STATUS_500", "MALFORMED_JSON", "EMPTY_SET"})
    void meWhenJwksMisbehavesThenCachedKidServedWithoutWaitingAndUnknownKidAnsweredWithinTheTimeouts(
            JwksStub.Mode mode) {
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
        // Quicker than any wait on the endpoint could be (a caller joins a fetch for up to
        // oauth.jwks.max-wait-ms, 2.5 s): the cached kid did not wait on it.
        assertThat(cachedTook).isLessThan(Duration.ofMillis(2_500));
        // A HANG endpoint never answers until the test resets it: an answer at all means the server
        // stopped waiting (its timeouts), and the unknown kid is the caller's problem, not an outage.
        assertProblem(unknown, 401);
    }
}
