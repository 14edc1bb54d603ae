package dev.jwksguard.mcp;

import dev.jwksguard.audit.AuditEvent;
import dev.jwksguard.auth.BearerError;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;

/**
 * The tools found by CDI and what every revision serves them by, whatever the SDK that renders
 * them ({@link LegacyTools} for 2025, {@link ModernTools} for 2026-07-28): each tool's scope, checked
 * against what the user granted, and its call guarded, so that a tool's code runs only for a caller
 * holding its scope, with arguments its input schema names; and every call of a tool that is not
 * read-only audited, however it ended.
 */
final class McpTools {

    /** By name, sorted, so that every listing reads the same. */
    private final Map<String, McpTool> byName = new LinkedHashMap<>();
    /** Every scope some tool needs, sorted so that a challenge reads the same every time: what a step-up keeps. */
    private final Set<String> toolScopes = new TreeSet<>();
    private final BiConsumer<McpCaller, AuditEvent> audit;

    /** @param audit where the audit lines of the writes go (the audit trail) */
    McpTools(List<McpTool> tools, BiConsumer<McpCaller, AuditEvent> audit) {
        this.audit = audit;
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
            audit(caller, tool, arguments, Optional.empty(), "insufficient_scope");
            return new Outcome.Refused(refused.get());
        }
        ToolResult result;
        String outcome;
        try {
            result = tool.call(caller, ToolArguments.of(arguments, tool.declaration().arguments()));
            outcome = result instanceof ToolResult.Failure failure ? failure.outcome() : "success";
        } catch (ToolArgumentException e) {
            result = ToolResult.error(e.getMessage());
            outcome = "invalid";
        }
        audit(caller, tool, arguments, Optional.of(result), outcome);
        return new Outcome.Ran(result);
    }

    /** A call refused before it reached the SDK (the 2026-07-28 HTTP 403): audited as any other. */
    void refusedBeforeRunning(McpCaller caller, McpTool tool, Map<String, Object> arguments) {
        audit(caller, tool, arguments, Optional.empty(), "insufficient_scope");
    }

    /** The audit line of a tool that is not read-only; the object is the {@code id} of its arguments or of its result. */
    private void audit(McpCaller caller, McpTool tool, Map<String, Object> arguments, Optional<ToolResult> result,
                       String outcome) {
        if (tool.declaration().hints().readOnly()) {
            return;
        }
        Optional<String> object = Optional.ofNullable(arguments == null ? null : arguments.get("id"))
                .or(() -> result.filter(ToolResult.Structured.class::isInstance)
                        .map(done -> ((ToolResult.Structured) done).content().get("id")))
                .map(String::valueOf);
        audit.accept(caller, new AuditEvent(AuditEvent.MCP, tool.declaration().name(), object, outcome));
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
