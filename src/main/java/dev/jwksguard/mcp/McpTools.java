package dev.jwksguard.mcp;

import dev.jwksguard.auth.BearerError;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The tools found by CDI and what every revision serves them by, whatever the SDK that renders
 * them ({@link LegacyTools} for 2025, {@link ModernTools} for 2026-07-28): each tool's scope, checked
 * against what the user granted, and its call guarded, so that a tool's code runs only for a caller
 * holding its scope, with arguments its input schema names.
 */
final class McpTools {

    /** By name, sorted, so that every listing reads the same. */
    private final Map<String, McpTool> byName = new LinkedHashMap<>();
    /** Every scope some tool needs, sorted so that a challenge reads the same every time: what a step-up keeps. */
    private final Set<String> toolScopes = new TreeSet<>();

    McpTools(List<McpTool> tools) {
        tools.stream().sorted(Comparator.comparing(tool -> tool.declaration().name()))
                .forEach(tool -> byName.put(tool.declaration().name(), tool));
        tools.forEach(tool -> tool.declaration().scope().ifPresent(toolScopes::add));
    }

    List<McpTool> all() {
        return List.copyOf(byName.values());
    }

    Optional<McpTool> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /**
     * The refusal of a caller whose user did not grant the tool's scope. Its scope is the complete
     * set to ask the issuer for: what the user granted that the tools use, and the missing scope
     * (MCP 2025-11-25, "Scope Selection Strategy"), so a client that asks for exactly that list keeps
     * what it had; a 2026-07-28 client makes that union itself, and loses nothing by it.
     */
    Optional<BearerError> refusal(McpCaller caller, McpTool tool) {
        Optional<String> scope = tool.declaration().scope();
        if (scope.isEmpty() || caller.granted(scope.get())) {
            return Optional.empty();
        }
        List<String> needed = new ArrayList<>();
        toolScopes.stream().filter(known -> caller.granted(known) || known.equals(scope.get())).forEach(needed::add);
        return Optional.of(BearerError.insufficientScope(List.of(scope.get())).withScopes(needed));
    }

    /** Runs the tool once its scope and arguments pass. */
    Outcome call(McpTool tool, McpCaller caller, Map<String, Object> arguments) {
        Optional<BearerError> refused = refusal(caller, tool);
        if (refused.isPresent()) {
            return new Outcome.Refused(refused.get());
        }
        try {
            return new Outcome.Ran(tool.call(caller, ToolArguments.of(arguments, tool.declaration().arguments())));
        } catch (ToolArgumentException e) {
            return new Outcome.Ran(ToolResult.error(e.getMessage()));
        }
    }

    /**
     * The tool result's {@code _meta} for a refusal: {@code mcp/www_authenticate} holding the same
     * challenge as the HTTP 403's, which ChatGPT's interface turns into a sign-in with more scope.
     */
    static Map<String, Object> toolChallenge(BearerError refusal, McpCaller caller) {
        return Map.of("mcp/www_authenticate", List.of(refusal.challenge(caller.metadataUrl()).orElseThrow()));
    }

    /** OpenAI's tool-level security scheme: {@code [{"type":"oauth2","scopes":[...]}]}. */
    static List<Map<String, Object>> securitySchemes(Optional<String> scope) {
        return List.of(scope.<Map<String, Object>>map(needed -> Map.of("type", "oauth2", "scopes", List.of(needed)))
                .orElse(Map.of("type", "oauth2")));
    }

    /** What a call came to: the tool's own answer, or the scope refusal it never got past. */
    sealed interface Outcome {

        record Ran(ToolResult result) implements Outcome {
        }

        /** Rendered as the tool-level challenge ChatGPT turns into a sign-in with more scope. */
        record Refused(BearerError refusal) implements Outcome {
        }
    }
}
