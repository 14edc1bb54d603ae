package dev.jwksguard.auth;

import dev.jwksguard.Roles;
import dev.jwksguard.config.IssuerSettings;
import dev.jwksguard.config.OAuthSettings;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What clients are told about this API and its MCP endpoint: the identity each is known by, where
 * its metadata is, which authorization servers issue its tokens and which scopes they may ask for.
 * The web-facing code (the mechanism, the 403 mapper, the metadata servlet, the MCP endpoint, the
 * OpenAPI document) needs this much of the settings and no more.
 *
 * @param resource               {@code oauth.resource}, or the audience when it is a URL
 * @param mcpResource            {@code mcp.resource}
 * @param mcpAudiences           {@code mcp.audience}: further {@code aud} values {@code /mcp} accepts
 * @param authorizationServers   the exact {@code iss} of every trusted issuer, the first one first
 * @param mcpAuthorizationServers the exact {@code iss} of the issuers {@code /mcp} accepts
 * @param firstIssuerValues      the {@code iss} values of the first issuer (both slash forms when lenient)
 * @param scopesSupported        {@code oauth.scopes-supported}
 * @param adminScope             the scope or role that grants {@link Roles#ADMIN} ({@code oauth.admin.role})
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9728#section-3.1">RFC 9728 §3.1</a>
 */
public record ProtectedResource(Optional<URI> resource, Optional<URI> mcpResource, List<String> mcpAudiences,
                                List<String> authorizationServers, List<String> mcpAuthorizationServers,
                                List<String> firstIssuerValues, List<String> scopesSupported, String adminScope) {

    public static final String WELL_KNOWN_PATH = "/.well-known/oauth-protected-resource";

    /** Where the MCP endpoint is, within the application. */
    public static final String MCP_PATH = "/mcp";

    public ProtectedResource {
        mcpAudiences = List.copyOf(mcpAudiences);
        authorizationServers = List.copyOf(authorizationServers);
        mcpAuthorizationServers = List.copyOf(mcpAuthorizationServers);
        firstIssuerValues = List.copyOf(firstIssuerValues);
        scopesSupported = List.copyOf(scopesSupported);
    }

    public static ProtectedResource of(OAuthSettings settings) {
        OAuthSettings.ResourceSettings named = settings.resource();
        List<String> mcpIssuers = settings.issuers().stream()
                .filter(issuer -> named.mcp().issuers().contains(issuer.name())).map(IssuerSettings::issuer).toList();
        return new ProtectedResource(named.resource(), named.mcp().resource(), named.mcp().audiences(),
                settings.issuers().stream().map(IssuerSettings::issuer).toList(), mcpIssuers,
                settings.issuers().get(0).acceptedIssuers(), named.scopesSupported(), named.adminRole());
    }

    /** The configured resource, else the URL the request reached us at (scheme, host, port, "/"). */
    public URI identifier(String requestScheme, String requestHost, int requestPort) {
        return resource.orElseGet(() -> {
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
    public URI mcpIdentifier(String requestScheme, String requestHost, int requestPort, String contextPath) {
        return configuredMcpIdentifier(contextPath).orElseGet(
                () -> mcpAt(identifier(requestScheme, requestHost, requestPort), contextPath));
    }

    /** The MCP endpoint's identifier of the request's deployment and host. */
    public URI mcpIdentifier(HttpServletRequest request) {
        return mcpIdentifier(request.getScheme(), request.getServerName(), request.getServerPort(),
                request.getContextPath());
    }

    /**
     * The {@code aud} values {@code /mcp} accepts: its configured identifier and {@code mcp.audience}.
     * Never one derived from the request's Host header, which a caller chooses.
     */
    public Set<String> mcpTokenAudiences(String contextPath) {
        Set<String> audiences = new LinkedHashSet<>();
        configuredMcpIdentifier(contextPath).ifPresent(uri -> audiences.add(uri.toString()));
        audiences.addAll(mcpAudiences);
        return Collections.unmodifiableSet(audiences);
    }

    private Optional<URI> configuredMcpIdentifier(String contextPath) {
        return mcpResource.or(() -> resource.map(base -> mcpAt(base, contextPath)));
    }

    private static URI mcpAt(URI base, String contextPath) {
        if (base.getRawPath() != null && base.getRawPath().endsWith(MCP_PATH)) {
            return base;
        }
        return URI.create(base.getScheme() + "://" + base.getRawAuthority() + contextPath + MCP_PATH);
    }

    /** The REST API's metadata URL. */
    public String metadataUrl(String scheme, String host, int port) {
        return metadataUrl(identifier(scheme, host, port));
    }

    /** The metadata URL of the resource a request reached: the MCP endpoint's or the API's. */
    public String metadataUrl(HttpServletRequest request) {
        return metadataUrl(isMcp(pathWithinApplication(request)) ? mcpIdentifier(request)
                : identifier(request.getScheme(), request.getServerName(), request.getServerPort()));
    }

    /** The scope a {@code @RolesAllowed} role stands for: the admin role is whatever the operator configured. */
    public String scopeFor(String role) {
        return Roles.ADMIN.equals(role) ? adminScope : role;
    }

    /** The request's path after the context path, as sent: {@code /api/me}, {@code /mcp}. */
    public static String pathWithinApplication(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }

    /** Whether a path within the application is the MCP endpoint's. */
    public static boolean isMcp(String pathWithinApplication) {
        return pathWithinApplication.equals(MCP_PATH) || pathWithinApplication.startsWith(MCP_PATH + "/");
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
