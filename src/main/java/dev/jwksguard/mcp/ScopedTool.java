package dev.jwksguard.mcp;

import dev.jwksguard.auth.BearerError;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A tool, declared the way ChatGPT reads it, and guarded: it names the OAuth scope it needs in
 * {@code securitySchemes} (and the same in {@code _meta}), refuses a caller without that scope with
 * a tool result holding the {@code mcp/www_authenticate} challenge, and turns bad arguments into a
 * tool error before the handler runs.
 */
public final class ScopedTool {

    /** What a tool does once its caller and arguments passed. */
    @FunctionalInterface
    public interface Handler {
        CallToolResult call(McpCaller caller, ToolArguments arguments) throws ToolArgumentException;
    }

    /**
     * @param scope     the scope the caller's token must carry; empty for any authenticated caller
     * @param arguments the names the input schema allows
     */
    public record Declaration(String name, String title, String description, Map<String, Object> inputSchema,
                              Set<String> arguments, Optional<String> scope, McpSchema.ToolAnnotations annotations) {
    }

    private ScopedTool() {
    }

    public static SyncToolSpecification of(Declaration declaration, Handler handler) {
        return SyncToolSpecification.builder()
                .tool(McpSchema.Tool.builder(declaration.name(), declaration.inputSchema())
                        .title(declaration.title())
                        .description(declaration.description())
                        .annotations(declaration.annotations())
                        .meta(Map.of(SecuritySchemesJsonMapper.META_KEY, securitySchemes(declaration.scope())))
                        .build())
                .callHandler((exchange, request) -> {
                    McpCaller caller = McpCaller.of(exchange);
                    if (declaration.scope().isPresent() && !caller.has(declaration.scope().get())) {
                        return insufficientScope(caller, declaration.scope().get());
                    }
                    try {
                        return handler.call(caller, ToolArguments.of(request.arguments(), declaration.arguments()));
                    } catch (ToolArgumentException e) {
                        return CallToolResult.builder().isError(true).addTextContent(e.getMessage()).build();
                    }
                })
                .build();
    }

    /** OpenAI's tool-level security scheme: {@code [{"type":"oauth2","scopes":[...]}]}. */
    static List<Map<String, Object>> securitySchemes(Optional<String> scope) {
        return List.of(scope.<Map<String, Object>>map(needed -> Map.of("type", "oauth2", "scopes", List.of(needed)))
                .orElse(Map.of("type", "oauth2")));
    }

    /**
     * The tool-level challenge ChatGPT turns into a sign-in with more scope: the same refusal as
     * the HTTP 403, rendered as {@code _meta["mcp/www_authenticate"]}.
     */
    static CallToolResult insufficientScope(McpCaller caller, String scope) {
        BearerError refusal = BearerError.insufficientScope(List.of(scope));
        return CallToolResult.builder()
                .isError(true)
                .addTextContent(refusal.description())
                .meta(Map.of("mcp/www_authenticate", List.of(refusal.challenge(caller.metadataUrl()).orElseThrow())))
                .build();
    }

    /** A successful result as structured content, with the same JSON as text for clients that read only text. */
    public static CallToolResult structured(McpJsonMapper json, Map<String, Object> content) {
        try {
            return CallToolResult.builder().structuredContent(content).addTextContent(json.writeValueAsString(content))
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A refusal the caller can act on, e.g. "No such note": a tool error, nothing changed. */
    public static CallToolResult error(String message) {
        return CallToolResult.builder().isError(true).addTextContent(message).build();
    }
}
