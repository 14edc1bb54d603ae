package dev.jwksguard.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwksguard.auth.TestSettings;
import dev.jwksguard.config.InvalidSettingException;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** The OpenAPI document's own settings, checked at deployment like every other family. */
class OpenApiSettingsTest {

    private static OpenApiSettings read(String... keyValues) {
        return new OpenApiSettings.Family().read(TestSettings.reader("https://issuer.test.invalid/jwks", keyValues));
    }

    @Test
    void readWhenAnEndpointIsNotAUrlThenRefusedNamingTheKey() {
        assertThatThrownBy(() -> read("oauth.authorization-endpoint", "not a url"))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("'oauth.authorization-endpoint'");
        assertThatThrownBy(() -> read("oauth.token-endpoint", "/oauth/token"))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("'oauth.token-endpoint'");
    }

    @Test
    void readWhenSetThenTheUrlsAndWhenNotThenNone() {
        assertThat(read("oauth.token-endpoint", "https://issuer.example/oauth/token").tokenEndpoint())
                .contains(URI.create("https://issuer.example/oauth/token"));
        assertThat(read().authorizationEndpoint()).isEmpty();
    }
}
