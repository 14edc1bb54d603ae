package dev.jwksguard.mcp;

import dev.jwksguard.auth.token.ClaimPath;
import dev.jwksguard.config.InvalidSettingException;
import dev.jwksguard.config.SettingsFamily;
import dev.jwksguard.config.SettingsReader;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How the MCP endpoint treats browsers, bodies and scopes: checked at deployment and held by the
 * deployment state ({@link Family}). Which tokens open it ({@code mcp.resource}, {@code mcp.audience},
 * {@code mcp.issuers}) are OAuth settings, in {@code OAuthSettings}, since the mechanism, the
 * challenges and the metadata use them.
 *
 * @param allowedOrigins the {@code Origin}s allowed on {@code /mcp} and given CORS headers; none by
 *                       default, so a browser page can never call it (DNS rebinding), while
 *                       ChatGPT, which calls from its servers, sends no {@code Origin}
 * @param scopeClaims    where a tool finds the scopes the user granted: {@code scope} and {@code scp}
 *                       by default, never the account's roles or permissions
 */
record McpSettings(List<String> allowedOrigins, int maxRequestBytes, List<ClaimPath> scopeClaims) {

    static final String DEFAULT_SCOPE_CLAIMS = "scope,scp";

    static McpSettings read(SettingsReader in) {
        List<String> origins = in.optional("mcp.allowed-origins").isPresent()
                ? in.list("mcp.allowed-origins", "") : List.of();
        origins.forEach(McpSettings::checkOrigin);
        return new McpSettings(origins, in.integer("mcp.max-request-bytes", 64 * 1024, 1024, 4 * 1024 * 1024),
                scopeClaims(in.list("mcp.scope-claims", DEFAULT_SCOPE_CLAIMS)));
    }

    private static List<ClaimPath> scopeClaims(List<String> specs) {
        List<ClaimPath> paths = new ArrayList<>();
        for (String spec : specs) {
            try {
                paths.add(ClaimPath.parse(spec));
            } catch (IllegalArgumentException e) {
                throw new InvalidSettingException("mcp.scope-claims", e.getMessage());
            }
        }
        return List.copyOf(paths);
    }

    /** RFC 6454: scheme, host and optional port, nothing else; browsers send it in that exact form. */
    private static void checkOrigin(String origin) {
        try {
            URI uri = new URI(origin);
            boolean bare = uri.getScheme() != null && uri.getHost() != null && uri.getRawPath().isEmpty()
                    && uri.getRawQuery() == null && uri.getRawFragment() == null && uri.getRawUserInfo() == null;
            if (bare && origin.equals(origin.toLowerCase(Locale.ROOT))) {
                return;
            }
        } catch (URISyntaxException e) {
            // Answered below.
        }
        throw new InvalidSettingException("mcp.allowed-origins", "names '" + origin + "'; an origin is scheme://host"
                + " or scheme://host:port in lower case, with no path or trailing slash, e.g. http://localhost:6274");
    }

    boolean corsEnabled() {
        return !allowedOrigins.isEmpty();
    }

    /** RFC 6454 §7.3: no Origin header (a server-side client such as ChatGPT), or one of the allowed. */
    boolean originAllowed(String origin) {
        return origin == null || allowedOrigins.contains(origin);
    }

    /** The family as the deployment checks it. */
    @ApplicationScoped
    static class Family implements SettingsFamily {

        @Override
        public McpSettings read(SettingsReader settings) {
            return McpSettings.read(settings);
        }
    }
}
