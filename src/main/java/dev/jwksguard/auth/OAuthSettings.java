package dev.jwksguard.auth;

import dev.jwksguard.auth.jwks.JwksSettings;
import dev.jwksguard.auth.token.ClaimPath;
import dev.jwksguard.auth.token.TokenRules;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the bearer-token check is configured with, read once from MicroProfile Config and
 * validated at deployment. Keys and defaults are listed in the README.
 */
public record OAuthSettings(
        String issuer,
        boolean issuerTrailingSlashLenient,
        List<String> audiences,
        Optional<URI> jwksUri,
        Set<String> algorithms,
        Duration clockSkew,
        List<ClaimPath> roleClaims,
        Optional<URI> resource,
        List<String> scopesSupported,
        int maxTokenBytes,
        int tokenCacheEntries,
        Set<String> acceptedTypes,
        boolean strictAccessTokenProfile,
        String adminRole,
        Duration retryAfter,
        JwksSettings jwks) {

    /** Asymmetric JWS algorithms jose4j verifies with keys from a JWKS (RFC 7518 §3, RFC 8037). */
    static final Set<String> SUPPORTED_ALGORITHMS = Set.of(
            "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA");

    /**
     * Where the common providers put what a caller may do, so that each works without this setting:
     * OAuth {@code scope}; Entra ID and Okta {@code scp}; RFC 9068's {@code roles} and {@code groups}
     * (Entra app roles, Okta groups); Auth0 RBAC {@code permissions}; Keycloak realm roles.
     */
    static final String DEFAULT_ROLE_CLAIMS = "scope,scp,roles,groups,permissions,/realm_access/roles";

    static OAuthSettings read(SettingsReader in) {
        String issuer = in.required("oauth.issuer");
        List<String> audiences = in.requiredList("oauth.audience");
        boolean allowHttp = in.bool("oauth.jwks.allow-http", false);
        // Without a JWKS URI, it is discovered from the issuer's metadata at startup: then the
        // issuer must be a URL. Otherwise any string will do (RFC 7519 §4.1.1: StringOrURI).
        Optional<URI> jwksUri = in.optional("oauth.jwks.uri").map(value -> in.httpUri("oauth.jwks.uri", value));
        if (jwksUri.isEmpty()) {
            in.httpUri("oauth.issuer", issuer);
        }
        if (jwksUri.isPresent() && !JwksSettings.isAcceptableJwksUri(jwksUri.get(), allowHttp)) {
            throw new InvalidSettingException("oauth.jwks.uri", "must use https (plain http is accepted for "
                    + "loopback hosts, or with oauth.jwks.allow-http=true), was '" + jwksUri.get() + "'");
        }

        Set<String> algorithms = Set.copyOf(in.list("oauth.algorithms", "RS256"));
        for (String algorithm : algorithms) {
            if (!SUPPORTED_ALGORITHMS.contains(algorithm)) {
                throw new InvalidSettingException("oauth.algorithms", "names '" + algorithm
                        + "'; allowed are the asymmetric algorithms " + SUPPORTED_ALGORITHMS);
            }
        }
        Optional<URI> resource = in.optional("oauth.resource").map(value -> in.httpUri("oauth.resource", value))
                .or(() -> audienceAsResource(audiences.get(0)));

        JwksSettings jwks = new JwksSettings(
                Duration.ofMillis(in.integer("oauth.jwks.connect-timeout-ms", 2_000, 100, 60_000)),
                Duration.ofMillis(in.integer("oauth.jwks.read-timeout-ms", 3_000, 100, 60_000)),
                Duration.ofSeconds(in.integer("oauth.jwks.cache-seconds", 600, 60, 86_400)),
                Duration.ofSeconds(in.integer("oauth.jwks.keep-stale-seconds", 86_400, 0, 7 * 86_400)),
                in.integer("oauth.jwks.refetches-per-minute", 5, 1, 60),
                in.integer("oauth.jwks.max-response-bytes", 512 * 1024, 1024, 16 * 1024 * 1024),
                allowHttp);

        return new OAuthSettings(
                issuer,
                in.bool("oauth.issuer.trailing-slash-lenient", false),
                audiences,
                jwksUri,
                algorithms,
                Duration.ofSeconds(in.integer("oauth.clock-skew-seconds", 30, 0, 300)),
                roleClaims(in.list("oauth.roles.claims", DEFAULT_ROLE_CLAIMS)),
                resource,
                in.list("oauth.scopes-supported", "read:notes,write:notes"),
                in.integer("oauth.token.max-bytes", 8_192, 1_024, 65_536),
                in.integer("oauth.token.cache-entries", 10_000, 0, 1_000_000),
                Set.copyOf(in.list("oauth.token.types", "JWT,at+jwt").stream()
                        .map(type -> type.toLowerCase(java.util.Locale.ROOT)).toList()),
                in.bool("oauth.token.rfc9068-strict", false),
                in.string("oauth.admin.role", Roles.ADMIN),
                Duration.ofSeconds(in.integer("oauth.jwks.retry-after-seconds", 5, 1, 3_600)),
                jwks);
    }

    private static List<ClaimPath> roleClaims(List<String> specs) {
        List<ClaimPath> paths = new java.util.ArrayList<>();
        for (String spec : specs) {
            try {
                paths.add(ClaimPath.parse(spec));
            } catch (IllegalArgumentException e) {
                throw new InvalidSettingException("oauth.roles.claims", e.getMessage());
            }
        }
        return List.copyOf(paths);
    }

    /** The verifier's part of the settings. */
    public TokenRules tokenRules() {
        // RFC 9068 strict mode: only at+jwt tokens, and iat, jti and client_id are required.
        Set<String> types = strictAccessTokenProfile ? Set.of("at+jwt") : acceptedTypes;
        return new TokenRules(acceptedIssuers(), audiences, algorithms, clockSkew, maxTokenBytes, types,
                strictAccessTokenProfile);
    }

    /** The {@code iss} values accepted: exactly the configured one, or both slash forms if lenient. */
    public List<String> acceptedIssuers() {
        if (!issuerTrailingSlashLenient) {
            return List.of(issuer);
        }
        String bare = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
        return List.of(bare, bare + "/");
    }

    /** RFC 9728 §1.2: the resource identifier is the URL the API is known by, usually its audience. */
    private static Optional<URI> audienceAsResource(String audience) {
        try {
            URI uri = new URI(audience);
            boolean isUrl = uri.isAbsolute() && uri.getHost() != null
                    && ("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()));
            return isUrl ? Optional.of(uri) : Optional.empty();
        } catch (java.net.URISyntaxException e) {
            return Optional.empty();
        }
    }
}
