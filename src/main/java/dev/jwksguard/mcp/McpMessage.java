package dev.jwksguard.mcp;

import io.modelcontextprotocol.json.McpJsonMapper;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * What a POST body says before either SDK reads it: the JSON-RPC id, method and tool name, and the
 * protocol version in its {@code _meta}, which decide the revision that serves it and whether the
 * caller may run the tool. Read once, from the bytes the SDK gets afterwards.
 */
sealed interface McpMessage {

    String META_VERSION = "io.modelcontextprotocol/protocolVersion";

    /** Not JSON (JSON-RPC -32700), or JSON that is no JSON-RPC message (-32600). */
    record Unreadable(int code, String message) implements McpMessage {
    }

    /** A JSON object; what else it must hold is each SDK's to check. */
    record Readable(Map<?, ?> json) implements McpMessage {

        /** The id to answer with: a string or a whole number, as JSON-RPC allows; else none. */
        Object id() {
            Object id = json.get("id");
            return id instanceof String || id instanceof Integer || id instanceof Long ? id : null;
        }

        /** A JSON-RPC request or notification: a method, and an id of a type JSON-RPC allows, if any. */
        boolean isRequestOrNotification() {
            return method().isPresent() && (!json.containsKey("id") || id() != null);
        }

        Optional<String> method() {
            return json.get("method") instanceof String method ? Optional.of(method) : Optional.empty();
        }

        /** {@code params.name}: the tool of a {@code tools/call}. */
        Optional<String> name() {
            return json.get("params") instanceof Map<?, ?> params && params.get("name") instanceof String name
                    ? Optional.of(name) : Optional.empty();
        }

        /** {@code params.arguments}: a tool call's, or none. */
        @SuppressWarnings("unchecked")
        Map<String, Object> arguments() {
            return json.get("params") instanceof Map<?, ?> params && params.get("arguments") instanceof Map<?, ?> arguments
                    ? (Map<String, Object>) arguments : Map.of();
        }

        /** {@code params._meta["io.modelcontextprotocol/protocolVersion"]}: only 2026-07-28 and later carry it. */
        Optional<String> metaVersion() {
            return json.get("params") instanceof Map<?, ?> params && params.get("_meta") instanceof Map<?, ?> meta
                    && meta.get(META_VERSION) instanceof String version ? Optional.of(version) : Optional.empty();
        }
    }

    static McpMessage read(byte[] body, McpJsonMapper json) {
        Object parsed;
        try {
            parsed = json.readValue(body, Object.class);
        } catch (IOException | RuntimeException notJson) {
            return new Unreadable(-32700, "Parse error");
        }
        return parsed instanceof Map<?, ?> object ? new Readable(object)
                : new Unreadable(-32600, "Invalid Request: a JSON-RPC message is a JSON object");
    }
}
