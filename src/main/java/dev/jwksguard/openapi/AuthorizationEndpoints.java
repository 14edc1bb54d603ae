package dev.jwksguard.openapi;

import dev.jwksguard.auth.OAuthSettings;
import dev.jwksguard.auth.jwks.JwksKeySource;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.jose4j.http.Get;
import org.jose4j.http.SimpleResponse;
import org.jose4j.json.JsonUtil;
import org.jose4j.lang.JoseException;

/**
 * Where a client signs its user in and gets tokens, for the OpenAPI document's OAuth flow (a GPT
 * Action asks for these two URLs): {@code oauth.authorization-endpoint} and
 * {@code oauth.token-endpoint}, else the issuer's discovery document, whose {@code issuer} must
 * match exactly.
 */
record AuthorizationEndpoints(String authorization, String token) {

    private static final System.Logger LOG = System.getLogger(AuthorizationEndpoints.class.getName());

    static Optional<AuthorizationEndpoints> of(OAuthSettings settings) {
        return of(settings.authorizationEndpoint(), settings.tokenEndpoint(), settings.issuers().get(0).issuer());
    }

    /** The two settings (checked at deployment) when both are set, else the issuer's discovery document. */
    static Optional<AuthorizationEndpoints> of(Optional<URI> authorization, Optional<URI> token, String issuer) {
        if (authorization.isPresent() && token.isPresent()) {
            return Optional.of(new AuthorizationEndpoints(authorization.get().toString(), token.get().toString()));
        }
        return discovered(issuer);
    }

    private static Optional<AuthorizationEndpoints> discovered(String issuer) {
        Get http = new Get();
        http.setConnectTimeout(2_000);
        http.setReadTimeout(3_000);
        http.setResponseBodySizeLimit(512 * 1024);
        for (URI metadata : JwksKeySource.discoveryUrls(issuer)) {
            try {
                SimpleResponse response = http.get(metadata.toString());
                Map<String, Object> document = response.getStatusCode() == 200
                        ? JsonUtil.parseJson(response.getBody()) : Map.of();
                if (issuer.equals(document.get("issuer"))
                        && document.get("authorization_endpoint") instanceof String authorization
                        && document.get("token_endpoint") instanceof String token) {
                    return Optional.of(new AuthorizationEndpoints(authorization, token));
                }
            } catch (IOException | JoseException | RuntimeException e) {
                // Try the next form of the discovery URL.
            }
        }
        LOG.log(System.Logger.Level.WARNING, "The OpenAPI document has no OAuth flow: the issuer {0} publishes no"
                + " discovery document with its endpoints here. Set oauth.authorization-endpoint and"
                + " oauth.token-endpoint", issuer);
        return Optional.empty();
    }
}
