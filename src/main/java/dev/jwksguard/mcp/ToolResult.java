package dev.jwksguard.mcp;

import java.util.Map;

/** What a tool answers: structured content matching its output schema, or an error the caller can act on. */
public sealed interface ToolResult {

    /** A success; the same JSON goes out as text too, for clients that read only text. */
    record Structured(Map<String, Object> content) implements ToolResult {
    }

    /**
     * A refusal such as "No such note": a tool error, nothing changed.
     *
     * @param outcome what the audit trail says of it: {@code failed}, or {@code not_found}
     */
    record Failure(String message, String outcome) implements ToolResult {

        public Failure(String message) {
            this(message, "failed");
        }
    }

    static ToolResult of(Map<String, Object> content) {
        return new Structured(content);
    }

    static ToolResult error(String message) {
        return new Failure(message);
    }

    /** The object the arguments name is none of the caller's: a tool error, audited as {@code not_found}. */
    static ToolResult notFound(String message) {
        return new Failure(message, "not_found");
    }
}
