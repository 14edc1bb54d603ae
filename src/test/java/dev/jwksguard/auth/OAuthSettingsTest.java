package dev.jwksguard.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class OAuthSettingsTest {

    private static final String JWKS = "https://issuer.test.invalid/.well-known/jwks.json";

    @Test
    void readWhenOnlyRequiredKeysThenSafeDefaults() {
        OAuthSettings settings = TestSettings.settings(JWKS);

        assertThat(settings.algorithms()).containsExactly("RS256");
        assertThat(settings.clockSkew()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.roleClaims()).extracting(Object::toString)
                .containsExactly("scope", "scp", "roles", "groups", "permissions", "/realm_access/roles");
        assertThat(settings.maxTokenBytes()).isEqualTo(8192);
        assertThat(settings.acceptedTypes()).containsExactlyInAnyOrder("jwt", "at+jwt");
        assertThat(settings.strictAccessTokenProfile()).isFalse();
        assertThat(settings.jwks().refetchesPerMinute()).isEqualTo(5);
        assertThat(settings.resource()).contains(URI.create("https://api.test.invalid/"));
    }

    @Test
    void readWhenIssuerMissingThenMessageNamesKeyAndEnvironmentVariable() {
        assertThatThrownBy(() -> TestSettings.settings(JWKS, "oauth.issuer", null))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("'oauth.issuer'")
                .hasMessageContaining("OAUTH_ISSUER")
                .hasMessageContaining("required");
    }

    @Test
    void readWhenAudienceBlankThenRefused() {
        assertThatThrownBy(() -> TestSettings.settings(JWKS, "oauth.audience", " , "))
                .hasMessageContaining("'oauth.audience'");
    }

    @Test
    void readWhenSymmetricAlgorithmThenRefused() {
        assertThatThrownBy(() -> TestSettings.settings(JWKS, "oauth.algorithms", "RS256,HS256"))
                .hasMessageContaining("'oauth.algorithms'")
                .hasMessageContaining("HS256");
    }

    @Test
    void readWhenPlainHttpJwksOnRemoteHostThenRefusedButLoopbackAllowed() {
        assertThatThrownBy(() -> TestSettings.settings("http://issuer.example/jwks"))
                .hasMessageContaining("'oauth.jwks.uri'")
                .hasMessageContaining("https");
        assertThat(TestSettings.settings("http://127.0.0.1:9/jwks").jwksUri().orElseThrow().getHost()).isEqualTo("127.0.0.1");
        assertThat(TestSettings.settings("http://issuer.example/jwks", "oauth.jwks.allow-http", "true").jwksUri().orElseThrow())
                .hasScheme("http");
    }

    @Test
    void readWhenNumberOutOfRangeOrNotANumberThenRefused() {
        assertThatThrownBy(() -> TestSettings.settings(JWKS, "oauth.clock-skew-seconds", "3600"))
                .hasMessageContaining("'oauth.clock-skew-seconds'").hasMessageContaining("between");
        assertThatThrownBy(() -> TestSettings.settings(JWKS, "oauth.jwks.refetches-per-minute", "five"))
                .hasMessageContaining("'oauth.jwks.refetches-per-minute'").hasMessageContaining("whole number");
    }

    @Test
    void readWhenJwksUriMissingThenLeftToDiscovery() {
        assertThat(TestSettings.settings(JWKS, "oauth.jwks.uri", null).jwksUri()).isEmpty();
    }

    @Test
    void readWhenIssuerIsNotAUrlThenAcceptedOnlyWithAJwksUri() {
        assertThat(TestSettings.settings(JWKS, "oauth.issuer", "my-issuer").issuer()).isEqualTo("my-issuer");
        assertThatThrownBy(() -> TestSettings.settings(JWKS, "oauth.issuer", "my-issuer", "oauth.jwks.uri", null))
                .hasMessageContaining("'oauth.issuer'").hasMessageContaining("http(s) URL");
    }

    @Test
    void readWhenAudienceIsNotAUrlThenNoDefaultResource() {
        assertThat(TestSettings.settings(JWKS, "oauth.audience", "my-api").resource()).isEmpty();
    }

    @Test
    void readWhenRoleClaimIsABrokenJsonPointerThenRefusedWithTheRule() {
        assertThatThrownBy(() -> TestSettings.settings(JWKS,
                "oauth.roles.claims", "scope,/resource_access/my~api/roles"))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("oauth.roles.claims")
                .hasMessageContaining("'~' must be followed by 0 (for ~) or 1 (for /)");
    }
}
