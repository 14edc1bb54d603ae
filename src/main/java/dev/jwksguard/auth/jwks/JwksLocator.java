package dev.jwksguard.auth.jwks;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jose4j.http.SimpleGet;
import org.jose4j.http.SimpleResponse;
import org.jose4j.json.JsonUtil;
import org.jose4j.lang.JoseException;

/**
 * Where the JWKS is: the configured URI, or the {@code jwks_uri} the issuer publishes in its
 * discovery document, whose {@code issuer} must equal ours exactly.
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
        StringBuilder tried = new StringBuilder();
        for (URI metadata : discoveryUrls(issuer)) {
            try {
                URI found = jwksUriFrom(metadata);
                discovered = found;
                return found;
            } catch (JwksFetcher.FetchFailedException e) {
                tried.append(tried.length() == 0 ? "" : "; ").append(e.getMessage());
            }
        }
        throw new JwksFetcher.FetchFailedException("JWKS location not discovered: " + tried);
    }

    /** OIDC appends the well-known path to the issuer; RFC 8414 inserts it before the issuer's path. */
    static List<URI> discoveryUrls(String issuer) {
        String trimmed = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
        URI uri = URI.create(trimmed);
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String origin = uri.getScheme() + "://" + uri.getRawAuthority();
        return List.of(URI.create(trimmed + "/.well-known/openid-configuration"),
                URI.create(origin + "/.well-known/oauth-authorization-server" + path));
    }

    private URI jwksUriFrom(URI metadata) throws JwksFetcher.FetchFailedException {
        Map<String, Object> document;
        try {
            SimpleResponse response = http.get(metadata.toString());
            if (response.getStatusCode() != 200) {
                throw new JwksFetcher.FetchFailedException(metadata + " answered HTTP " + response.getStatusCode());
            }
            document = JsonUtil.parseJson(response.getBody());
        } catch (IOException e) {
            throw new JwksFetcher.FetchFailedException(metadata + " unreachable: " + e.getClass().getSimpleName());
        } catch (JoseException | RuntimeException e) {
            throw new JwksFetcher.FetchFailedException(metadata + " is not a JSON object");
        }
        if (!issuer.equals(document.get("issuer"))) {
            // A mismatch means a mix-up or an attack (RFC 8414 §3.3): never use its keys.
            throw new JwksFetcher.FetchFailedException(metadata + " names another issuer");
        }
        if (!(document.get("jwks_uri") instanceof String jwks)) {
            throw new JwksFetcher.FetchFailedException(metadata + " has no jwks_uri");
        }
        URI jwksUri;
        try {
            jwksUri = new URI(jwks);
        } catch (java.net.URISyntaxException e) {
            throw new JwksFetcher.FetchFailedException(metadata + " has an invalid jwks_uri");
        }
        if (!JwksSettings.isAcceptableJwksUri(jwksUri, allowHttp)) {
            throw new JwksFetcher.FetchFailedException(metadata + " names a jwks_uri that is not https: " + jwksUri);
        }
        return jwksUri;
    }
}
