package dev.jwksguard.auth.jwks;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.jose4j.http.SimpleGet;

/**
 * Where the JWKS is: the configured URI, or the {@code jwks_uri} the issuer publishes in its
 * discovery document ({@link IssuerMetadata}).
 *
 * @see <a href="https://openid.net/specs/openid-connect-discovery-1_0.html#ProviderConfig">OIDC Discovery §4</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8414#section-3">RFC 8414 §3</a>
 */
class JwksLocator {

    private final Optional<URI> configured;
    private final String issuer;
    private final SimpleGet http;
    private final boolean allowHttp;
    private volatile URI discovered;

    JwksLocator(Optional<URI> configured, String issuer, SimpleGet http, boolean allowHttp) {
        this.configured = configured;
        this.issuer = issuer;
        this.http = http;
        this.allowHttp = allowHttp;
    }

    /** The JWKS URI if already known, without any network call. */
    Optional<URI> known() {
        return configured.or(() -> Optional.ofNullable(discovered));
    }

    URI jwksUri() throws JwksFetcher.FetchFailedException {
        Optional<URI> known = known();
        if (known.isPresent()) {
            return known.get();
        }
        Map<String, Object> document;
        try {
            document = IssuerMetadata.fetch(issuer, http);
        } catch (JwksFetcher.FetchFailedException e) {
            throw new JwksFetcher.FetchFailedException("JWKS location not discovered: " + e.getMessage());
        }
        URI found = jwksUriFrom(document);
        discovered = found;
        return found;
    }

    private URI jwksUriFrom(Map<String, Object> document) throws JwksFetcher.FetchFailedException {
        if (!(document.get("jwks_uri") instanceof String jwks)) {
            throw new JwksFetcher.FetchFailedException("the issuer's metadata has no jwks_uri");
        }
        URI jwksUri;
        try {
            jwksUri = new URI(jwks);
        } catch (java.net.URISyntaxException e) {
            throw new JwksFetcher.FetchFailedException("the issuer's metadata has an invalid jwks_uri");
        }
        if (!JwksSettings.isAcceptableJwksUri(jwksUri, allowHttp)) {
            throw new JwksFetcher.FetchFailedException("the issuer's metadata names a jwks_uri that is not https: " + jwksUri);
        }
        return jwksUri;
    }
}
