package dev.jwksguard.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwksguard.config.InvalidSettingException;
import dev.jwksguard.config.SettingsFamily;
import dev.jwksguard.testsupport.JwksStub;
import dev.jwksguard.testsupport.TestTokens;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The one decision whether the application serves, without a container. */
class DeploymentStateTest {

    private static final JwksStub JWKS = JwksStub.start(0);
    private static final ScheduledExecutorService SCHEDULER = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "deployment-state-test");
        thread.setDaemon(true);
        return thread;
    });

    @AfterAll
    static void stop() {
        JWKS.close();
        SCHEDULER.shutdownNow();
    }

    /** A family of settings of its own, as the MCP endpoint's is. */
    private record Browsers(String origins) {
    }

    private static final SettingsFamily BROWSERS = settings -> new Browsers(settings.string("x.origins", "none"));

    @Test
    void decideWhenEverySettingIsUsableThenServingWithMachineryThatAcceptsAValidToken() {
        ServingState state = DeploymentState.decide(TestSettings.reader(JWKS.uri()), List.of(BROWSERS), SCHEDULER,
                "/notes");

        assertThat(state).isInstanceOfSatisfying(ServingState.Serving.class, serving -> {
            assertThat(serving.settings().get(Browsers.class)).isEqualTo(new Browsers("none"));
            assertThat(serving.authenticator().authenticate(TestTokens.bearer(TestTokens.valid().sign()), true))
                    .isInstanceOf(AuthOutcome.Authenticated.class);
            assertThat(serving.resource().mcpTokenAudiences("/notes"))
                    .containsExactly("https://api.test.invalid/notes/mcp");
            assertThat(serving.jwks().statuses()).singleElement()
                    .satisfies(keys -> assertThat(keys.issuer()).isEqualTo(TestTokens.ISSUER));
            serving.issuers().stopRefreshing();
            serving.refusals().stop();
        });
    }

    @Test
    void decideWhenAnOAuthSettingCannotWorkThenNotServingNamingTheKeyAndNeverItsValue() {
        ServingState state = DeploymentState.decide(TestSettings.reader(JWKS.uri(), "oauth.clock-skew-seconds",
                "secret-looking-3600", "x.origins", "http://localhost:6274"), List.of(BROWSERS), SCHEDULER, "");

        assertThat(state).isInstanceOfSatisfying(ServingState.NotServing.class, notServing -> {
            // The families that read without fault are held all the same (a browser may read the 503).
            assertThat(notServing.settings().find(Browsers.class)).contains(new Browsers("http://localhost:6274"));
            assertThat(notServing.misconfiguration().key()).isEqualTo("oauth.clock-skew-seconds");
            assertThat(notServing.misconfiguration().problem().status()).isEqualTo(503);
            assertThat(notServing.misconfiguration().publicReason()).contains("OAUTH_CLOCK_SKEW_SECONDS")
                    .doesNotContain("secret-looking");
        });
    }

    @Test
    void decideWhenAnotherFamilysCheckRefusesThenNotServingNamingItsKey() {
        SettingsFamily mcp = settings -> {
            throw new InvalidSettingException("mcp.allowed-origins", "names 'x'");
        };

        ServingState state = DeploymentState.decide(TestSettings.reader(JWKS.uri()), List.of(BROWSERS, mcp), SCHEDULER,
                "");

        assertThat(state).isInstanceOfSatisfying(ServingState.NotServing.class, notServing -> {
            assertThat(notServing.misconfiguration().key()).isEqualTo("mcp.allowed-origins");
            assertThat(notServing.settings().find(Browsers.class)).isPresent();
            assertThatThrownBy(() -> notServing.settings().get(Object.class)).isInstanceOf(IllegalStateException.class);
        });
    }

    @Test
    void stateWhenAskedBeforeTheDeploymentThenRefusedLoudly() {
        assertThatThrownBy(() -> new DeploymentState().state()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("before its deployment");
    }
}
