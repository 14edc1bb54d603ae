package dev.jwksguard.mcp;

import dev.jwksguard.auth.InvalidSettingException;
import dev.jwksguard.auth.SettingsReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;

/**
 * How the MCP endpoint treats browsers and bodies. Its resource identifier is an OAuth setting
 * ({@code mcp.resource}, in {@code OAuthSettings}), since the challenges and metadata name it.
 *
 * @param allowedOrigins the {@code Origin}s allowed on {@code /mcp} and given CORS headers; none by
 *                       default, so a browser page can never call it (DNS rebinding), while
 *                       ChatGPT, which calls from its servers, sends no {@code Origin}
 */
public record McpSettings(List<String> allowedOrigins, int maxRequestBytes) {

    static McpSettings read(SettingsReader in) {
        List<String> origins = in.optional("mcp.allowed-origins").isPresent()
                ? in.list("mcp.allowed-origins", "") : List.of();
        origins.forEach(McpSettings::checkOrigin);
        return new McpSettings(origins, in.integer("mcp.max-request-bytes", 64 * 1024, 1024, 4 * 1024 * 1024));
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
}
