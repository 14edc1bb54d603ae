package dev.jwksguard.config;

import dev.jwksguard.auth.jwks.IssuerMetadata;
import dev.jwksguard.auth.jwks.JwksSettings;
import dev.jwksguard.auth.token.ClaimPath;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * One issuer whose tokens are accepted, with what is particular to it: the exact {@code iss}, the
 * audiences, where its keys are, its algorithms, where its roles are and the token types it sends.
 * With one issuer these are the plain {@code oauth.*} keys; with {@code oauth.issuers=a,b} each is
 * read under {@code oauth.issuers.<name>.} and falls back to the plain key where one is shared.
 *
 * @param name how operators and logs refer to it: {@code default} for the single issuer
 */
public record IssuerSettings(
        String name,
        String issuer,
        boolean trailingSlashLenient,
        List<String> audiences,
        Optional<URI> jwksUri,
        Set<String> algorithms,
        List<ClaimPath> roleClaims,
        Set<String> acceptedTypes,
        boolean strictAccessTokenProfile) {

    /** The name of the only issuer when {@code oauth.issuers} is not set. */
    public static final String DEFAULT_NAME = "default";

    /** Asymmetric JWS algorithms jose4j verifies with keys from a JWKS (RFC 7518 §3, RFC 8037). */
    static final Set<String> SUPPORTED_ALGORITHMS = Set.of(
            "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA");

    /**
     * Where the common providers put what a caller may do, so that each works without this setting:
     * OAuth {@code scope}; Entra ID and Okta {@code scp}; RFC 9068's {@code roles} and {@code groups}
     * (Entra app roles, Okta groups); Auth0 RBAC {@code permissions}; Keycloak realm roles.
     */
    static final String DEFAULT_ROLE_CLAIMS = "scope,scp,roles,groups,permissions,/realm_access/roles";

    /** The single issuer of the plain {@code oauth.*} keys. */
    static IssuerSettings readSingle(SettingsReader in, boolean allowHttp) {
        return read(new Keys(in, "oauth.", false), DEFAULT_NAME, allowHttp);
    }

    /** One of {@code oauth.issuers}: its own keys first, then the shared plain ones. */
    static IssuerSettings readNamed(SettingsReader in, String name, boolean allowHttp) {
        return read(new Keys(in, "oauth.issuers." + name + ".", true), name, allowHttp);
    }

    private static IssuerSettings read(Keys keys, String name, boolean allowHttp) {
        String issuer = keys.own("issuer");
        List<String> audiences = keys.list("audience", null);
        // Without a JWKS URI, it is discovered from the issuer's metadata at startup: then the
        // issuer must be a URL. Otherwise any string will do (RFC 7519 §4.1.1: StringOrURI).
        Optional<URI> jwksUri = keys.in.optional(keys.key("jwks.uri"))
                .map(value -> keys.in.httpUri(keys.key("jwks.uri"), value));
        if (jwksUri.isEmpty()) {
            keys.in.httpUri(keys.key("issuer"), issuer);
        }
        if (jwksUri.isPresent() && !JwksSettings.isAcceptableJwksUri(jwksUri.get(), allowHttp)) {
            throw new InvalidSettingException(keys.key("jwks.uri"), "must use https (plain http is accepted for "
                    + "loopback hosts, or with oauth.jwks.allow-http=true), was '" + jwksUri.get() + "'");
        }
        Set<String> algorithms = Set.copyOf(keys.list("algorithms", "RS256"));
        for (String algorithm : algorithms) {
            if (!SUPPORTED_ALGORITHMS.contains(algorithm)) {
                throw new InvalidSettingException(keys.keyUsed("algorithms"), "names '" + algorithm
                        + "'; allowed are the asymmetric algorithms " + SUPPORTED_ALGORITHMS);
            }
        }
        return new IssuerSettings(
                name,
                issuer,
                keys.bool("issuer.trailing-slash-lenient"),
                audiences,
                jwksUri,
                algorithms,
                roleClaims(keys.keyUsed("roles.claims"), keys.list("roles.claims", DEFAULT_ROLE_CLAIMS)),
                Set.copyOf(keys.list("token.types", "JWT,at+jwt").stream()
                        .map(type -> type.toLowerCase(Locale.ROOT)).toList()),
                keys.bool("token.rfc9068-strict"));
    }

    private static List<ClaimPath> roleClaims(String key, List<String> specs) {
        List<ClaimPath> paths = new ArrayList<>();
        for (String spec : specs) {
            try {
                paths.add(ClaimPath.parse(spec));
            } catch (IllegalArgumentException e) {
                throw new InvalidSettingException(key, e.getMessage());
            }
        }
        return List.copyOf(paths);
    }

    /**
     * What the deployment log warns of: a plain role claim name with dots, which is taken literally
     * ({@code realm_access.roles} is a top-level claim of that name), and is most likely meant as a path.
     */
    public List<String> roleClaimWarnings() {
        return roleClaims.stream().filter(ClaimPath::looksLikeADottedPath).map(path -> "oauth.roles.claims of issuer "
                + name + " names \"" + path + "\": a top-level claim with dots in its name. For a nested member"
                + " write the JSON Pointer \"" + path.asPointer() + "\"").toList();
    }

    /** The {@code iss} values accepted: exactly the configured one, or both slash forms if lenient. */
    public List<String> acceptedIssuers() {
        if (!trailingSlashLenient) {
            return List.of(issuer);
        }
        String bare = IssuerMetadata.withoutTrailingSlash(issuer);
        return List.of(bare, bare + "/");
    }

    /**
     * The keys of one issuer: {@code prefix + suffix}, and where the issuer is one of several, the
     * shared {@code oauth.} key for what it does not set itself. Errors name the key that was read.
     */
    private record Keys(SettingsReader in, String prefix, boolean sharedFallback) {

        String key(String suffix) {
            return prefix + suffix;
        }

        /** The key whose value is used: the issuer's own if set, else the shared one. */
        String keyUsed(String suffix) {
            if (sharedFallback && in.optional(key(suffix)).isEmpty() && in.optional("oauth." + suffix).isPresent()) {
                return "oauth." + suffix;
            }
            return key(suffix);
        }

        /** Never shared: an issuer string or JWKS URI belongs to one issuer. */
        String own(String suffix) {
            return in.required(key(suffix));
        }

        /** @param fallback the default when neither key is set, or null when the value is required */
        List<String> list(String suffix, String fallback) {
            String used = keyUsed(suffix);
            return fallback == null ? in.requiredList(used) : in.list(used, fallback);
        }

        boolean bool(String suffix) {
            return in.bool(keyUsed(suffix), false);
        }
    }
}
