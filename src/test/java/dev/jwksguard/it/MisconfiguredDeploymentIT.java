package dev.jwksguard.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwksguard.testsupport.ItServer;
import java.net.http.HttpResponse;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** An unusable setting stops the deployment: nothing is served, and health does not report UP. */
@ExtendWith(ArquillianExtension.class)
class MisconfiguredDeploymentIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ItServer.war().addAsResource(new StringAsset("oauth.clock-skew-seconds=soon\n"),
                "META-INF/microprofile-config.properties");
    }

    @Test
    void deploymentWhenSettingInvalidThenNothingServedAndHealthNotUp() {
        HttpResponse<String> api = ItServer.get("/api/me");
        HttpResponse<String> health = ItServer.get("/health");

        // Payara answers 500 for everything at a context root whose application failed to start.
        assertThat(api.statusCode()).isIn(404, 500, 503);
        assertThat(health.statusCode()).isNotEqualTo(200);
    }
}
