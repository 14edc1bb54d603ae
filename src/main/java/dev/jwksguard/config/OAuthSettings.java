package dev.jwksguard.config;

import dev.jwksguard.Roles;
import dev.jwksguard.auth.jwks.JwksSettings;
import dev.jwksguard.auth.token.ScopeHierarchy;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Everything the bearer-token check is configured with, read once from MicroProfile Config and
 * validated at deployment, in named parts. Keys and defaults are listed in docs/configuration.md.
 * Each component gets only its part: the issuers' rules, {@link TokenSettings}, {@link JwksSettings},
 * or the web-facing {@code ProtectedResource} built from {@link ResourceSettings}. What only one
 * feature reads (the MCP endpoint's browsers and bodies, the OpenAPI document's endpoints) is that
 * feature's own {@link SettingsFamily}.
 */
public record OAuthSettings(List<IssuerSettings> issuers, TokenSettings tokens, JwksSettings jwks,
                            ResourceSettings resource) {

    /** Keys that belong to one issuer, so cannot be set beside {@code oauth.issuers}. */
    private static final List<String> SINGLE_ISSUER_ONLY = List.of("oauth.issuer", "oauth.jwks.uri");

    /** Issuer names become parts of keys and of environment variable names (OAUTH_ISSUERS_NAME_ISSUER). */
    private static final Pattern ISSUER_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");

    /** Never a resource requirement (MCP 2026-07-28, "Refresh Tokens"): a client asks the issuer for it. */
    private static final String OFFLINE_ACCESS = "offline_access";

    private static final System.Logger LOG = System.getLogger(OAuthSettings.class.getName());

    /**
     * How every token is checked, whatever its issuer.
     *
     * @param keysRetryAfter the {@code Retry-After} of a 503 while no key is to be had
     * @param scopeHierarchy which scopes imply which, for roles and granted scopes alike
     */
    public record TokenSettings(Duration clockSkew, int maxBytes, int cacheEntries, Duration keysRetryAfter,
                                ScopeHierarchy scopeHierarchy) {
    }

    /**
     * What the API and its MCP endpoint are known by and tell clients.
     *
     * @param resource        {@code oauth.resource}, or the first audience when it is a URL
     * @param scopesSupported {@code oauth.scopes-supported}, never {@code offline_access}
     * @param adminRole       the scope or role that grants the admin role ({@code oauth.admin.role})
     */
    public record ResourceSettings(Optional<URI> resource, McpAccess mcp, List<String> scopesSupported,
                                   String adminRole) {

        public ResourceSettings {
            scopesSupported = List.copyOf(scopesSupported);
        }
    }

    /**
     * Which tokens open {@code /mcp}: read by the mechanism, the challenges and the metadata, so OAuth
     * settings, not the MCP endpoint's own.
     *
     * @param resource  {@code mcp.resource}
     * @param audiences {@code mcp.audience}: further {@code aud} values {@code /mcp} accepts
     * @param issuers   {@code mcp.issuers}: the names of the issuers {@code /mcp} accepts
     */
    public record McpAccess(Optional<URI> resource, List<String> audiences, List<String> issuers) {

        public McpAccess {
            audiences = List.copyOf(audiences);
            issuers = List.copyOf(issuers);
        }
    }

    public static OAuthSettings read(SettingsReader in) {
        boolean allowHttp = in.bool("oauth.jwks.allow-http", false);
        List<IssuerSettings> issuers = in.optional("oauth.issuers").isPresent()
                ? readSeveral(in, allowHttp)
                : List.of(IssuerSettings.readSingle(in, allowHttp));
        Optional<URI> resource = in.optional("oauth.resource").map(value -> resourceUri(in, "oauth.resource", value))
                .or(() -> audienceAsResource(issuers.get(0).audiences().get(0)));

        JwksSettings jwks = new JwksSettings(
                new JwksSettings.Http(
                        Duration.ofMillis(in.integer("oauth.jwks.connect-timeout-ms", 2_000, 100, 60_000)),
                        Duration.ofMillis(in.integer("oauth.jwks.read-timeout-ms", 3_000, 100, 60_000)),
                        in.integer("oauth.jwks.max-response-bytes", 512 * 1024, 1024, 16 * 1024 * 1024),
                        allowHttp),
                Duration.ofSeconds(in.integer("oauth.jwks.cache-seconds", 600, 60, 86_400)),
                Duration.ofSeconds(in.integer("oauth.jwks.keep-stale-seconds", 86_400, 0, 7 * 86_400)),
                in.integer("oauth.jwks.refetches-per-minute", 5, 1, 60),
                new JwksSettings.Waits(
                        Duration.ofMillis(in.integer("oauth.jwks.max-wait-ms", 2_500, 100, 60_000)),
                        in.integer("oauth.jwks.max-waiting-kids", 4, 1, 64)));
        TokenSettings tokens = new TokenSettings(
                Duration.ofSeconds(in.integer("oauth.clock-skew-seconds", 30, 0, 300)),
                in.integer("oauth.token.max-bytes", 8_192, 1_024, 65_536),
                in.integer("oauth.token.cache-entries", 10_000, 0, 1_000_000),
                Duration.ofSeconds(in.integer("oauth.jwks.retry-after-seconds", 5, 1, 3_600)),
                scopeHierarchy(in));
        McpAccess mcp = new McpAccess(
                in.optional("mcp.resource").map(value -> resourceUri(in, "mcp.resource", value)),
                in.optional("mcp.audience").isPresent() ? in.list("mcp.audience", "") : List.of(),
                mcpIssuers(in, issuers));
        return new OAuthSettings(issuers, tokens, jwks, new ResourceSettings(resource, mcp, scopesSupported(in),
                in.string("oauth.admin.role", Roles.ADMIN)));
    }

    /** {@code oauth.scope-hierarchy}: {@code broader>narrower} pairs; none by default. */
    private static ScopeHierarchy scopeHierarchy(SettingsReader in) {
        if (in.optional("oauth.scope-hierarchy").isEmpty()) {
            return ScopeHierarchy.NONE;
        }
        try {
            return ScopeHierarchy.parse(in.list("oauth.scope-hierarchy", ""));
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException("oauth.scope-hierarchy", e.getMessage());
        }
    }

    /** {@code oauth.scopes-supported}, without {@code offline_access}, which a client asks the issuer for. */
    private static List<String> scopesSupported(SettingsReader in) {
        List<String> listed = in.list("oauth.scopes-supported", "read:notes,write:notes");
        if (!listed.contains(OFFLINE_ACCESS)) {
            return listed;
        }
        LOG.log(System.Logger.Level.WARNING, "oauth.scopes-supported names offline_access, which is left out of the"
                + " metadata and the challenges: refresh tokens are not a resource requirement (MCP 2026-07-28);"
                + " a client asks the issuer for offline_access itself");
        List<String> kept = listed.stream().filter(scope -> !OFFLINE_ACCESS.equals(scope)).toList();
        if (kept.isEmpty()) {
            throw new InvalidSettingException("oauth.scopes-supported", "names only offline_access; list the scopes"
                    + " of this API");
        }
        return kept;
    }

    /** {@code oauth.issuers=a,b}: each read under {@code oauth.issuers.<name>.}; no two with the same iss. */
    private static List<IssuerSettings> readSeveral(SettingsReader in, boolean allowHttp) {
        for (String key : SINGLE_ISSUER_ONLY) {
            if (in.optional(key).isPresent()) {
                throw new InvalidSettingException(key, "cannot be combined with oauth.issuers: set it per issuer, as "
                        + key.replace("oauth.", "oauth.issuers.<name>."));
            }
        }
        List<String> names = in.list("oauth.issuers", "");
        List<IssuerSettings> issuers = new ArrayList<>();
        Map<String, String> nameByIssuer = new HashMap<>();
        for (String name : names) {
            if (!ISSUER_NAME.matcher(name).matches()) {
                throw new InvalidSettingException("oauth.issuers", "names '" + name + "'; a name is 1 to 32 lower-case"
                        + " letters, digits and dashes");
            }
            if (issuers.stream().anyMatch(issuer -> issuer.name().equals(name))) {
                throw new InvalidSettingException("oauth.issuers", "names '" + name + "' twice");
            }
            IssuerSettings issuer = IssuerSettings.readNamed(in, name, allowHttp);
            for (String iss : issuer.acceptedIssuers()) {
                String other = nameByIssuer.putIfAbsent(iss, name);
                if (other != null) {
                    throw new InvalidSettingException("oauth.issuers." + name + ".issuer", "is '" + iss
                            + "', the issuer of '" + other + "' too: a token must route to exactly one issuer");
                }
            }
            issuers.add(issuer);
        }
        return List.copyOf(issuers);
    }

    /** {@code mcp.issuers}: names from {@code oauth.issuers} ({@code default} for the single issuer); all by default. */
    private static List<String> mcpIssuers(SettingsReader in, List<IssuerSettings> issuers) {
        List<String> known = issuers.stream().map(IssuerSettings::name).toList();
        if (in.optional("mcp.issuers").isEmpty()) {
            return known;
        }
        List<String> names = in.list("mcp.issuers", "");
        for (String name : names) {
            if (!known.contains(name)) {
                throw new InvalidSettingException("mcp.issuers", "names '" + name + "', which is not a trusted issuer;"
                        + " the names are " + known + " (oauth.issuers, or 'default' for the single oauth.issuer)");
            }
        }
        return List.copyOf(names);
    }

    /** RFC 9728 §1.2: a resource identifier is an http(s) URL without query or fragment, used byte for byte. */
    private static URI resourceUri(SettingsReader in, String key, String value) {
        URI uri = in.httpUri(key, value);
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new InvalidSettingException(key, "must have no query and no fragment (RFC 9728 §1.2), was '" + value
                    + "'");
        }
        return uri;
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
