package dev.jwksguard.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwksguard.config.OAuthSettings;
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

        assertThat(ProtectedResource.of(settings).identifier("http", "localhost", 8080))
                .isEqualTo(URI.create("http://localhost:8080/"));
        assertThat(ProtectedResource.of(settings).identifier("https", "api.example", 443))
                .isEqualTo(URI.create("https://api.example/"));
    }

    @Test
    void mcpIdentifierFollowsTheSettingThenTheResourceThenTheRequest() {
        String jwks = "https://i.example/jwks";
        assertThat(ProtectedResource.of(TestSettings.settings(jwks, "mcp.resource", "https://mcp.example/mcp"))
                .mcpIdentifier("http", "10.0.0.7", 8080, "")).isEqualTo(URI.create("https://mcp.example/mcp"));
        assertThat(ProtectedResource.of(TestSettings.settings(jwks, "oauth.resource", "https://mcp.example/mcp"))
                .mcpIdentifier("http", "10.0.0.7", 8080, "")).isEqualTo(URI.create("https://mcp.example/mcp"));
        assertThat(ProtectedResource.of(TestSettings.settings(jwks, "oauth.resource", "https://api.example/v1/"))
                .mcpIdentifier("http", "10.0.0.7", 8080, "")).isEqualTo(URI.create("https://api.example/mcp"));
        assertThat(ProtectedResource.of(TestSettings.settings(jwks, "oauth.audience", "my-api"))
                .mcpIdentifier("http", "localhost", 8080, "/notes")).isEqualTo(URI.create("http://localhost:8080/notes/mcp"));
        ProtectedResource api = ProtectedResource.of(TestSettings.settings(jwks, "oauth.audience", "my-api"));
        assertThat(ProtectedResource.metadataUrl(api.mcpIdentifier("http", "localhost", 8080, "")))
                .isEqualTo("http://localhost:8080/.well-known/oauth-protected-resource/mcp");
        assertThat(api.metadataUrl("http", "localhost", 8080))
                .isEqualTo("http://localhost:8080/.well-known/oauth-protected-resource");
    }

    @Test
    void mcpResourceWhenItHasAQueryOrFragmentThenRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TestSettings.settings("https://i.example/jwks",
                "mcp.resource", "https://mcp.example/mcp?x=1")).hasMessageContaining("'mcp.resource'");
    }
}
