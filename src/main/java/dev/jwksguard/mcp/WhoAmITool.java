package dev.jwksguard.mcp;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** {@code whoami}: who the token says the caller is, for any authenticated caller. */
final class WhoAmITool {

    private WhoAmITool() {
    }

    static SyncToolSpecification create(McpJsonMapper json) {
        return ScopedTool.of(new ScopedTool.Declaration("whoami", "Who am I",
                        "The caller this server sees: subject, issuer and the scopes and roles of the access token.",
                        Map.of("type", "object", "properties", Map.of(), "additionalProperties", false),
                        Set.of(), Optional.empty(),
                        McpSchema.ToolAnnotations.builder().readOnlyHint(true).idempotentHint(true)
                                .openWorldHint(false).build()),
                (caller, arguments) -> {
                    JsonWebToken token = caller.token();
                    Map<String, Object> profile = new LinkedHashMap<>();
                    profile.put("subject", token.getSubject());
                    profile.put("issuer", token.getIssuer());
                    profile.put("scopes", token.getGroups().stream().sorted().toList());
                    return ScopedTool.structured(json, profile);
                });
    }
}
