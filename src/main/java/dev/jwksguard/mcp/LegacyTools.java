package dev.jwksguard.mcp;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpStatelessServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * The tools as the SDK's 2025 server serves them: declared the way ChatGPT reads them (the scope
 * in {@code securitySchemes}, mirrored in {@code _meta}), and a caller whose user did not grant the
 * tool's scope answered with a tool result holding the {@code mcp/www_authenticate} step-up
 * challenge, which ChatGPT's interface turns into a new sign-in.
 */
final class LegacyTools {

    private final McpJsonMapper json;
    private final McpTools tools;

    LegacyTools(McpJsonMapper json, McpTools tools) {
        this.json = json;
        this.tools = tools;
    }

    List<SyncToolSpecification> specifications() {
        return tools.all().stream().map(this::specification).toList();
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
                        .meta(Map.of(SecuritySchemesJsonMapper.META_KEY, McpTools.securitySchemes(declaration.scope())))
                        .build())
                .callHandler((context, request) -> {
                    McpCaller caller = McpCaller.of(context);
                    McpTools.Outcome outcome = tools.call(tool, caller, request.arguments());
                    if (outcome instanceof McpTools.Outcome.Refused refused) {
                        return CallToolResult.builder().isError(true).addTextContent(refused.refusal().description())
                                .meta(McpTools.toolChallenge(refused.refusal(), caller))
                                .build();
                    }
                    return render(((McpTools.Outcome.Ran) outcome).result());
                })
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
        return CallToolResult.builder().isError(true).addTextContent(((ToolResult.Failure) result).message()).build();
    }
}
