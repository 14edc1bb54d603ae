package dev.jwksguard.openapi;

import dev.jwksguard.config.OAuthSettings;
import dev.jwksguard.auth.jwks.IssuerMetadata;
import java.util.Optional;

/**
 * Where a client signs its user in and gets tokens, for the OpenAPI document's OAuth flow (a GPT
 * Action asks for these two URLs): {@code oauth.authorization-endpoint} and
 * {@code oauth.token-endpoint}, else the issuer's discovery document, whose {@code issuer} must
 * match exactly, fetched with the {@code oauth.jwks.*} limits.
 */
record AuthorizationEndpoints(String authorization, String token) {

    private static final System.Logger LOG = System.getLogger(AuthorizationEndpoints.class.getName());

    static Optional<AuthorizationEndpoints> of(OAuthSettings settings, OpenApiSettings configured) {
        if (configured.authorizationEndpoint().isPresent() && configured.tokenEndpoint().isPresent()) {
            return Optional.of(new AuthorizationEndpoints(configured.authorizationEndpoint().get().toString(),
                    configured.tokenEndpoint().get().toString()));
        }
        String issuer = settings.issuers().get(0).issuer();
        Optional<AuthorizationEndpoints> discovered = IssuerMetadata.fetch(issuer, settings.jwks())
                .filter(document -> document.get("authorization_endpoint") instanceof String
                        && document.get("token_endpoint") instanceof String)
                .map(document -> new AuthorizationEndpoints((String) document.get("authorization_endpoint"),
                        (String) document.get("token_endpoint")));
        if (discovered.isEmpty()) {
            LOG.log(System.Logger.Level.WARNING, "The OpenAPI document has no OAuth flow: the issuer {0} publishes no"
                    + " discovery document with its endpoints here. Set oauth.authorization-endpoint and"
                    + " oauth.token-endpoint", issuer);
        }
        return discovered;
    }
}
