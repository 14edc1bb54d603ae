package dev.jwksguard.it;

import static dev.jwksguard.testsupport.ItServer.JWKS;
import static dev.jwksguard.testsupport.ItServer.getWithToken;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jwksguard.testsupport.ItServer;
import dev.jwksguard.testsupport.PrometheusScrape;
import dev.jwksguard.testsupport.TestTokens;
import java.net.http.HttpResponse;
import java.time.Instant;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The gauges where each server's operators scrape them (Payara's /metrics on the HTTP port,
 * WildFly's on the management port), with the same names and tags on every server: verifications
 * by outcome and issuer, and the key set's state per issuer.
 */
@ExtendWith(ArquillianExtension.class)
class MetricsIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        JWKS.reset();
        return ItServer.war();
    }

    @Test
    void metricsWhenTokensAreAcceptedAndRefusedThenCountedByOutcomeAndIssuerBesideTheKeySetsState() {
        assertThat(getWithToken("/api/me", TestTokens.valid().sign()).statusCode()).isEqualTo(200);
        assertThat(getWithToken("/api/me", TestTokens.valid().expiredAt(Instant.now().minusSeconds(600)).sign())
                .statusCode()).isEqualTo(401);

        HttpResponse<String> response = ItServer.metrics();

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        PrometheusScrape scrape = PrometheusScrape.parse(response.body());
        // What an operator's scrape holds of ours, for the docs and the reports.
        response.body().lines().filter(line -> line.startsWith("jwksguard_verifications{")
                        || line.startsWith("jwksguard_jwks_"))
                .forEach(line -> System.out.println("MEASURE scrape " + ItServer.SERVER + ": " + line));
        assertThat(scrape.value("jwksguard_verifications", "issuer", "default", "outcome", "accepted"))
                .as(ItServer.SERVER).hasValueSatisfying(count -> assertThat(count).isGreaterThanOrEqualTo(1));
        assertThat(scrape.value("jwksguard_verifications", "issuer", "default", "outcome", "expired"))
                .hasValueSatisfying(count -> assertThat(count).isGreaterThanOrEqualTo(1));
        assertThat(scrape.value("jwksguard_verifications", "issuer", "default", "outcome", "invalid_signature"))
                .contains(0.0);
        assertThat(scrape.value("jwksguard_jwks_state", "issuer", "default", "state", "fresh")).contains(1.0);
        assertThat(scrape.value("jwksguard_jwks_state", "issuer", "default", "state", "unavailable")).contains(0.0);
        assertThat(scrape.value("jwksguard_jwks_usable", "issuer", "default")).contains(1.0);
        assertThat(scrape.value("jwksguard_jwks_keys", "issuer", "default"))
                .hasValueSatisfying(keys -> assertThat(keys).isGreaterThanOrEqualTo(1));
        assertThat(scrape.value("jwksguard_jwks_fetches", "issuer", "default", "outcome", "success"))
                .hasValueSatisfying(fetches -> assertThat(fetches).isGreaterThanOrEqualTo(1));
    }
}
