package dev.jwksguard.auth;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.Optional;

/**
 * The identity this API is known by to OAuth clients, and where its metadata document is.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9728#section-3.1">RFC 9728 §3.1</a>
 */
public final class ProtectedResource {

    public static final String WELL_KNOWN_PATH = "/.well-known/oauth-protected-resource";

    /** Where the MCP endpoint is, within the application. */
    public static final String MCP_PATH = "/mcp";

    private ProtectedResource() {
    }

    /** The configured resource, else the URL the request reached us at (scheme, host, port, "/"). */
    public static URI identifier(OAuthSettings settings, String requestScheme, String requestHost, int requestPort) {
        return settings.resource().orElseGet(() -> {
            boolean defaultPort = ("https".equals(requestScheme) && requestPort == 443)
                    || ("http".equals(requestScheme) && requestPort == 80) || requestPort <= 0;
            String host = requestHost.contains(":") && !requestHost.startsWith("[") ? "[" + requestHost + "]" : requestHost;
            return URI.create(requestScheme + "://" + host + (defaultPort ? "" : ":" + requestPort) + "/");
        });
    }

    /**
     * The MCP endpoint's identifier: {@code mcp.resource}; else {@code oauth.resource} when that
     * already names a {@code /mcp} URL; else {@code /mcp} at the origin of {@code oauth.resource}, or
     * of the request when neither is set. Behind a proxy that changes scheme, host or path, set
     * {@code mcp.resource} to the public URL.
     */
    public static URI mcpIdentifier(OAuthSettings settings, String requestScheme, String requestHost, int requestPort,
                                    String contextPath) {
        return configuredMcpIdentifier(settings, contextPath).orElseGet(
                () -> mcpAt(identifier(settings, requestScheme, requestHost, requestPort), contextPath));
    }

    /** The MCP endpoint's identifier where the settings name it, without the request's help. */
    public static Optional<URI> configuredMcpIdentifier(OAuthSettings settings, String contextPath) {
        return settings.mcpResource().or(() -> settings.resource().map(base -> mcpAt(base, contextPath)));
    }

    private static URI mcpAt(URI base, String contextPath) {
        if (base.getRawPath() != null && base.getRawPath().endsWith(MCP_PATH)) {
            return base;
        }
        return URI.create(base.getScheme() + "://" + base.getRawAuthority() + contextPath + MCP_PATH);
    }

    /** The request's path after the context path, as sent: {@code /api/me}, {@code /mcp}. */
    public static String pathWithinApplication(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }

    /** Whether a path within the application is the MCP endpoint's. */
    public static boolean isMcp(String pathWithinApplication) {
        return pathWithinApplication.equals(MCP_PATH) || pathWithinApplication.startsWith(MCP_PATH + "/");
    }

    /** The REST API's metadata URL. */
    public static String metadataUrl(OAuthSettings settings, String scheme, String host, int port) {
        return metadataUrl(identifier(settings, scheme, host, port));
    }

    /** The metadata URL of the resource a request reached: the MCP endpoint's or the API's. */
    public static String metadataUrl(OAuthSettings settings, String scheme, String host, int port, String contextPath,
                                     String pathWithinApplication) {
        return metadataUrl(isMcp(pathWithinApplication) ? mcpIdentifier(settings, scheme, host, port, contextPath)
                : identifier(settings, scheme, host, port));
    }

    /** The well-known path goes between the host and the resource's own path. */
    public static String metadataUrl(URI resource) {
        return resource.getScheme() + "://" + resource.getRawAuthority() + metadataPath(resource);
    }

    /** The path part of the metadata URL, relative to the host, e.g. {@code /.well-known/oauth-protected-resource/mcp}. */
    public static String metadataPath(URI resource) {
        String path = resource.getRawPath() == null || "/".equals(resource.getRawPath()) ? "" : resource.getRawPath();
        return WELL_KNOWN_PATH + path;
    }
}
