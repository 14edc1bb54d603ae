package dev.jwksguard.hello;

import dev.jwksguard.Roles;
import dev.jwksguard.mcp.McpCaller;
import dev.jwksguard.mcp.McpTool;
import dev.jwksguard.mcp.ToolArgumentException;
import dev.jwksguard.mcp.ToolArguments;
import dev.jwksguard.mcp.ToolDeclaration;
import dev.jwksguard.mcp.ToolResult;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;

/** {@code hello}: a greeting for a signed-in user who granted read:notes. */
@ApplicationScoped
public class HelloTool implements McpTool {

    @Override
    public ToolDeclaration declaration() {
        return new ToolDeclaration("hello", "Say hello", "Greets the signed-in user by the name given.",
                ToolDeclaration.object(Map.of("name", Map.of("type", "string", "maxLength", 100)), "name"),
                ToolDeclaration.object(Map.of("greeting", Map.of("type", "string"),
                        "subject", Map.of("type", "string")), "greeting", "subject"),
                Optional.of(Roles.READ_NOTES),          // the scope the user must have granted; empty for none
                ToolDeclaration.ToolHints.READ_ONLY);
    }

    @Override
    public ToolResult call(McpCaller caller, ToolArguments arguments) throws ToolArgumentException {
        String name = arguments.text("name", 100);
        return ToolResult.of(Map.of("greeting", "Hello, " + name, "subject", caller.token().getSubject()));
    }
}
