package dev.jwksguard.mcp;

import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who sent an MCP request, and where a new token would come from: read from the HTTP request the
 * mechanism authenticated, and handed to the tools through the SDK's transport context. Never the
 * session: every request is authenticated on its own.
 *
 * @param metadataUrl the MCP resource's RFC 9728 metadata URL, for tool-level challenges
 */
public record McpCaller(JsonWebToken token, String metadataUrl) {

    private static final String KEY = McpCaller.class.getName();

    static McpTransportContext context(HttpServletRequest request, String metadataUrl) {
        if (!(request.getUserPrincipal() instanceof JsonWebToken token)) {
            // web.xml requires an authenticated caller on /mcp: this is a configuration error.
            throw new IllegalStateException("an unauthenticated request reached the MCP endpoint");
        }
        return McpTransportContext.create(Map.of(KEY, new McpCaller(token, metadataUrl)));
    }

    public static McpCaller of(McpSyncServerExchange exchange) {
        if (exchange.transportContext().get(KEY) instanceof McpCaller caller) {
            return caller;
        }
        throw new IllegalStateException("no authenticated caller in the MCP transport context");
    }

    public boolean has(String role) {
        return token.getGroups().contains(role);
    }
}
