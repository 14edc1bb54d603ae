package dev.jwksguard.mcp;

import dev.jwksguard.auth.ProtectedResource;
import dev.jwksguard.auth.token.VerifiedToken;
import io.modelcontextprotocol.common.McpTransportContext;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who sent an MCP request, what the user granted, and where a new token would come from: read from
 * the HTTP request the mechanism authenticated, and handed to the tools through the SDK's transport
 * context. Every request is authenticated on its own; nothing comes from a session.
 *
 * @param grantedScopes what the user consented to ({@code scope}/{@code scp} by default), never the
 *                      roles an issuer adds for the account (Auth0 {@code permissions}, {@code groups}),
 *                      with the scopes they imply ({@code oauth.scope-hierarchy})
 * @param metadataUrl   the MCP resource's RFC 9728 metadata URL, for tool-level challenges
 */
public record McpCaller(JsonWebToken token, Set<String> grantedScopes, String metadataUrl) {

    private static final String KEY = McpCaller.class.getName();

    public McpCaller {
        grantedScopes = Set.copyOf(grantedScopes);
    }

    /** The caller the mechanism authenticated; the metadata URL is that of the resource the request reached. */
    static McpCaller of(HttpServletRequest request, McpSettings settings, ProtectedResource resource) {
        if (!(request.getUserPrincipal() instanceof VerifiedToken token)) {
            // web.xml requires an authenticated caller on /mcp: this is a configuration error.
            throw new IllegalStateException("an unauthenticated request reached the MCP endpoint");
        }
        return new McpCaller(token, token.grantedScopes(settings.scopeClaims()),
                ProtectedResource.metadataUrl(resource.mcpIdentifier(request)));
    }

    /** This caller, for the tools, through the SDK's transport context. */
    McpTransportContext context() {
        return McpTransportContext.create(Map.of(KEY, this));
    }

    static McpCaller of(McpTransportContext context) {
        if (context.get(KEY) instanceof McpCaller caller) {
            return caller;
        }
        throw new IllegalStateException("no authenticated caller in the MCP transport context");
    }

    /** Whether the user granted this scope to the client that sent the token. */
    public boolean granted(String scope) {
        return grantedScopes.contains(scope);
    }
}
