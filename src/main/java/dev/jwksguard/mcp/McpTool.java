package dev.jwksguard.mcp;

/**
 * One MCP tool: an {@code @ApplicationScoped} bean implementing this is found by CDI and served at
 * {@code /mcp}, so a feature adds a tool in one class without touching this package. Before
 * {@link #call} runs, the caller holds the declared scope and the arguments name only properties of
 * the input schema; a missing scope is answered with the tool-level challenge.
 */
public interface McpTool {

    ToolDeclaration declaration();

    /**
     * @throws ToolArgumentException an argument the handler cannot use: a tool error, nothing changed
     */
    ToolResult call(McpCaller caller, ToolArguments arguments) throws ToolArgumentException;
}
