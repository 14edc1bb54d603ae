package dev.jwksguard.me;

import dev.jwksguard.mcp.McpCaller;
import dev.jwksguard.mcp.McpTool;
import dev.jwksguard.mcp.ToolArguments;
import dev.jwksguard.mcp.ToolDeclaration;
import dev.jwksguard.mcp.ToolResult;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code whoami}: who the token says the caller is, for any authenticated caller: the scopes the
 * user granted (what the tools check) and the roles the REST API's {@code @RolesAllowed} sees.
 */
@ApplicationScoped
public class WhoAmITool implements McpTool {

    private static final Map<String, Object> STRINGS = Map.of("type", "array", "items", Map.of("type", "string"));

    @Override
    public ToolDeclaration declaration() {
        return new ToolDeclaration("whoami", "Who am I",
                "The caller this server sees: subject, issuer, the scopes granted to this client and the account's roles.",
                ToolDeclaration.object(Map.of()),
                ToolDeclaration.object(Map.of("subject", Map.of("type", "string"), "issuer", Map.of("type", "string"),
                        "scopes", STRINGS, "roles", STRINGS), "subject", "issuer", "scopes", "roles"),
                Optional.empty(), ToolDeclaration.ToolHints.READ_ONLY);
    }

    @Override
    public ToolResult call(McpCaller caller, ToolArguments arguments) {
        Map<String, Object> profile = new LinkedHashMap<>();
        profile.put("subject", caller.token().getSubject());
        profile.put("issuer", caller.token().getIssuer());
        profile.put("scopes", caller.grantedScopes().stream().sorted().toList());
        profile.put("roles", caller.token().getGroups().stream().sorted().toList());
        return ToolResult.of(profile);
    }
}
