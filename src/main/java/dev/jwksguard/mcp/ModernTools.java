package dev.jwksguard.mcp;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.modern.McpException;
import io.modelcontextprotocol.modern.McpSchema;
import io.modelcontextprotocol.modern.server.McpRequestContext;
import io.modelcontextprotocol.modern.server.McpSyncResponse;
import io.modelcontextprotocol.modern.server.feature.McpSyncTool;
import io.modelcontextprotocol.modern.server.feature.McpSyncToolRepository;
import io.modelcontextprotocol.modern.server.feature.ToolsPage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tools as the SDK's 2026-07-28 server serves them: the same declarations as under 2025
 * ({@link LegacyTools}), one page, the same for every caller, so {@code cacheScope} is
 * {@code public} (MCP 2026-07-28, "Caching"). A call's scope was checked by {@link McpRouter} before
 * it got here (an HTTP 403); the check is made again, as under 2025, so that no path runs a tool
 * for a caller without its scope.
 */
final class ModernTools implements McpSyncToolRepository {

    /** How long a client may keep the list: tools change only with a redeployment. */
    static final Duration LIST_TTL = Duration.ofMinutes(5);

    private final McpJsonMapper json;
    private final McpTools tools;
    /** Built once: a request only looks them up. */
    private final Map<String, McpSyncTool> byName = new LinkedHashMap<>();
    private final List<McpSchema.Tool> definitions;

    ModernTools(McpJsonMapper json, McpTools tools) {
        this.json = json;
        this.tools = tools;
        tools.all().forEach(tool -> byName.put(tool.declaration().name(), McpSyncTool.of(definition(tool),
                (request, call) -> McpSyncResponse.result(call(tool, request, call.arguments())))));
        this.definitions = byName.values().stream().map(McpSyncTool::definition).toList();
    }

    @Override
    public ToolsPage list(McpRequestContext context, String cursor) {
        if (cursor != null) {
            throw McpException.invalidParams("Unknown cursor: the tool list has one page");
        }
        return new ToolsPage(definitions, null, LIST_TTL.toMillis(), McpSchema.CacheScope.PUBLIC);
    }

    /** @return null for a name no tool has: the SDK's contract, answered with -32602 "Unknown tool" */
    @Override
    public McpSyncTool find(McpRequestContext context, String name) {
        return byName.get(name);
    }

    private McpSchema.CallToolResult call(McpTool tool, McpRequestContext request, Map<String, Object> arguments) {
        McpCaller caller = McpCaller.of(request.transportContext());
        McpTools.Outcome outcome = tools.call(tool, caller, arguments);
        if (outcome instanceof McpTools.Outcome.Refused refused) {
            return McpSchema.CallToolResult.builder().isError(true)
                    .addContent(McpSchema.TextContent.builder(refused.refusal().description()).build())
                    .meta(McpTools.toolChallenge(refused.refusal(), caller)).build();
        }
        ToolResult result = ((McpTools.Outcome.Ran) outcome).result();
        if (result instanceof ToolResult.Structured structured) {
            return McpSchema.CallToolResult.builder().structuredContent(structured.content())
                    .addContent(McpSchema.TextContent.builder(text(structured.content())).build()).build();
        }
        return McpSchema.CallToolResult.builder().isError(true)
                .addContent(McpSchema.TextContent.builder(((ToolResult.Failure) result).message()).build()).build();
    }

    private String text(Map<String, Object> content) {
        try {
            return json.writeValueAsString(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static McpSchema.Tool definition(McpTool tool) {
        ToolDeclaration declaration = tool.declaration();
        ToolDeclaration.ToolHints hints = declaration.hints();
        return McpSchema.Tool.builder(declaration.name(), declaration.inputSchema())
                .title(declaration.title())
                .description(declaration.description())
                .outputSchema(declaration.outputSchema())
                .annotations(McpSchema.ToolAnnotations.builder()
                        .readOnlyHint(hints.readOnly())
                        .destructiveHint(hints.destructive())
                        .idempotentHint(hints.idempotent())
                        .openWorldHint(hints.openWorld())
                        .build())
                .meta(Map.of(SecuritySchemesJsonMapper.META_KEY, McpTools.securitySchemes(declaration.scope())))
                .build();
    }
}
