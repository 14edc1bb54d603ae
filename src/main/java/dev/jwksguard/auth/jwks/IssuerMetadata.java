package dev.jwksguard.auth.jwks;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jose4j.http.SimpleGet;
import org.jose4j.http.SimpleResponse;
import org.jose4j.json.JsonUtil;
import org.jose4j.lang.JoseException;

/**
 * The issuer's discovery document, fetched with the JWKS's own limits: OIDC discovery first, then
 * RFC 8414; only a document whose {@code issuer} equals ours exactly counts, since a mismatch means
 * a mix-up or an attack. The JWKS location and the OpenAPI document's OAuth endpoints both come
 * from here.
 *
 * @see <a href="https://openid.net/specs/openid-connect-discovery-1_0.html#ProviderConfig">OIDC Discovery §4</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8414#section-3">RFC 8414 §3</a>
 */
public final class IssuerMetadata {

    private IssuerMetadata() {
    }

    /** The document, tried at each discovery URL in turn. */
    static Map<String, Object> fetch(String issuer, SimpleGet http) throws JwksFetcher.FetchFailedException {
        List<String> tried = new ArrayList<>();
        for (URI metadata : discoveryUrls(issuer)) {
            try {
                return fetchOne(metadata, issuer, http);
            } catch (JwksFetcher.FetchFailedException e) {
                tried.add(e.getMessage());
            }
        }
        throw new JwksFetcher.FetchFailedException("no discovery document: " + String.join("; ", tried));
    }

    /** The document, fetched with the {@code oauth.jwks.*} timeouts and size cap; empty when none answers. */
    public static Optional<Map<String, Object>> fetch(String issuer, JwksSettings limits) {
        try {
            return Optional.of(fetch(issuer, JwksFetcher.httpClient(limits)));
        } catch (JwksFetcher.FetchFailedException e) {
            return Optional.empty();
        }
    }

    /** OIDC appends the well-known path to the issuer; RFC 8414 inserts it before the issuer's path. */
    public static List<URI> discoveryUrls(String issuer) {
        String trimmed = withoutTrailingSlash(issuer);
        URI uri = URI.create(trimmed);
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String origin = uri.getScheme() + "://" + uri.getRawAuthority();
        return List.of(URI.create(trimmed + "/.well-known/openid-configuration"),
                URI.create(origin + "/.well-known/oauth-authorization-server" + path));
    }

    /**
     * The issuer identifier without its trailing slash: the one form that compares two spellings
     * of an issuer (Auth0's {@code iss} ends with "/", operators often leave it out).
     */
    public static String withoutTrailingSlash(String issuer) {
        return issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
    }

    private static Map<String, Object> fetchOne(URI metadata, String issuer, SimpleGet http)
            throws JwksFetcher.FetchFailedException {
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
            // RFC 8414 §3.3: never use what another issuer's document says.
            throw new JwksFetcher.FetchFailedException(metadata + " names another issuer");
        }
        return document;
    }
}
