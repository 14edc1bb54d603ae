package dev.jwksguard.mcp;

import dev.jwksguard.auth.BearerError;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpStatelessServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The tools found by CDI, as the SDK serves them: declared the way ChatGPT reads them (the scope in
 * {@code securitySchemes}, mirrored in {@code _meta}), and guarded: a caller whose user did not grant
 * the tool's scope gets a tool result holding the {@code mcp/www_authenticate} step-up challenge, and
 * bad arguments are a tool error before the tool runs.
 */
final class McpTools {

    private final McpJsonMapper json;
    /** Every scope some tool needs, sorted so that a challenge reads the same every time: what a step-up keeps. */
    private final Set<String> toolScopes = new TreeSet<>();
    private final List<SyncToolSpecification> specifications = new ArrayList<>();

    McpTools(McpJsonMapper json, List<McpTool> tools) {
        this.json = json;
        tools.forEach(tool -> tool.declaration().scope().ifPresent(toolScopes::add));
        tools.forEach(tool -> specifications.add(specification(tool)));
    }

    List<SyncToolSpecification> specifications() {
        return List.copyOf(specifications);
    }

    private SyncToolSpecification specification(McpTool tool) {
        ToolDeclaration declaration = tool.declaration();
        ToolDeclaration.ToolHints hints = declaration.hints();
        return SyncToolSpecification.builder()
                .tool(McpSchema.Tool.builder()
                        .name(declaration.name())
                        .title(declaration.title())
                        .description(declaration.description())
                        .inputSchema(declaration.inputSchema())
                        .outputSchema(declaration.outputSchema())
                        .annotations(McpSchema.ToolAnnotations.builder()
                                .readOnlyHint(hints.readOnly())
                                .destructiveHint(hints.destructive())
                                .idempotentHint(hints.idempotent())
                                .openWorldHint(hints.openWorld())
                                .build())
                        .meta(Map.of(SecuritySchemesJsonMapper.META_KEY, securitySchemes(declaration.scope())))
                        .build())
                .callHandler((context, request) -> {
                    McpCaller caller = McpCaller.of(context);
                    Optional<String> scope = declaration.scope();
                    if (scope.isPresent() && !caller.granted(scope.get())) {
                        return insufficientScope(caller, scope.get());
                    }
                    try {
                        return render(tool.call(caller, ToolArguments.of(request.arguments(), declaration.arguments())));
                    } catch (ToolArgumentException e) {
                        return error(e.getMessage());
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
     * The tool-level challenge ChatGPT turns into a sign-in with more scope: the same refusal as the
     * HTTP 403, rendered as {@code _meta["mcp/www_authenticate"]}. Its scope names what the user
     * granted that the tools use, plus the missing one (MCP 2025-11-25, "Scope Selection Strategy"),
     * so a client that asks for exactly that list keeps what it had.
     */
    CallToolResult insufficientScope(McpCaller caller, String missing) {
        List<String> needed = new ArrayList<>();
        toolScopes.stream().filter(scope -> caller.granted(scope) || scope.equals(missing)).forEach(needed::add);
        BearerError refusal = BearerError.insufficientScope(List.of(missing)).withScopes(needed);
        return CallToolResult.builder()
                .isError(true)
                .addTextContent(refusal.description())
                .meta(Map.of("mcp/www_authenticate", List.of(refusal.challenge(caller.metadataUrl()).orElseThrow())))
                .build();
    }

    private CallToolResult render(ToolResult result) {
        if (result instanceof ToolResult.Structured structured) {
            try {
                return CallToolResult.builder().structuredContent(structured.content())
                        .addTextContent(json.writeValueAsString(structured.content())).build();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return error(((ToolResult.Failure) result).message());
    }

    private static CallToolResult error(String message) {
        return CallToolResult.builder().isError(true).addTextContent(message).build();
    }
}
