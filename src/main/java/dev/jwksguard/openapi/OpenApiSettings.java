package dev.jwksguard.openapi;

import dev.jwksguard.config.SettingsFamily;
import dev.jwksguard.config.SettingsReader;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.Optional;

/**
 * Where the OpenAPI document's OAuth flow sends a client, when the issuer publishes no discovery
 * document: {@code oauth.authorization-endpoint} and {@code oauth.token-endpoint}. Only the document
 * reads them, but they are checked at deployment like every setting.
 */
record OpenApiSettings(Optional<URI> authorizationEndpoint, Optional<URI> tokenEndpoint) {

    static OpenApiSettings read(SettingsReader in) {
        return new OpenApiSettings(
                in.optional("oauth.authorization-endpoint").map(value -> in.httpUri("oauth.authorization-endpoint", value)),
                in.optional("oauth.token-endpoint").map(value -> in.httpUri("oauth.token-endpoint", value)));
    }

    /** The family as the deployment checks it. */
    @ApplicationScoped
    static class Family implements SettingsFamily {

        @Override
        public OpenApiSettings read(SettingsReader settings) {
            return OpenApiSettings.read(settings);
        }
    }
}
