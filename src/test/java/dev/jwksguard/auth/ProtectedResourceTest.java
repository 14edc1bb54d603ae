package dev.jwksguard.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class ProtectedResourceTest {

    @Test
    void metadataUrlWhenResourceIsHostRootThenWellKnownAtRoot() {
        assertThat(ProtectedResource.metadataUrl(URI.create("https://api.example.com/")))
                .isEqualTo("https://api.example.com/.well-known/oauth-protected-resource");
    }

    @Test
    void metadataUrlWhenResourceHasPathThenWellKnownInsertedBeforePath() {
        assertThat(ProtectedResource.metadataUrl(URI.create("https://api.example.com:8443/mcp")))
                .isEqualTo("https://api.example.com:8443/.well-known/oauth-protected-resource/mcp");
    }

    @Test
    void identifierWhenNotConfiguredThenRequestOrigin() {
        OAuthSettings settings = TestSettings.settings("https://i.example/jwks", "oauth.audience", "my-api");

        assertThat(ProtectedResource.identifier(settings, "http", "localhost", 8080))
                .isEqualTo(URI.create("http://localhost:8080/"));
        assertThat(ProtectedResource.identifier(settings, "https", "api.example", 443))
                .isEqualTo(URI.create("https://api.example/"));
    }
}
