package dev.jwksguard.mcp;

import java.util.Map;

/** What a tool answers: structured content matching its output schema, or an error the caller can act on. */
public sealed interface ToolResult {

    /** A success; the same JSON goes out as text too, for clients that read only text. */
    record Structured(Map<String, Object> content) implements ToolResult {
    }

    /** A refusal such as "No such note": a tool error, nothing changed. */
    record Failure(String message) implements ToolResult {
    }

    static ToolResult of(Map<String, Object> content) {
        return new Structured(content);
    }

    static ToolResult error(String message) {
        return new Failure(message);
    }
}
