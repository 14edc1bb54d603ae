package dev.jwksguard.mcp;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What {@code tools/list} says of a tool, the way OpenAI's review reads it: the three hints set
 * explicitly, the output schema its structured results validate against, and the scope it needs
 * (in {@code securitySchemes}).
 *
 * @param inputSchema  a JSON Schema object; its properties are the only arguments accepted
 * @param outputSchema the JSON Schema of the tool's {@code structuredContent}
 * @param scope        the OAuth scope the user must have granted; empty for any authenticated caller
 */
public record ToolDeclaration(String name, String title, String description, Map<String, Object> inputSchema,
                              Map<String, Object> outputSchema, Optional<String> scope, ToolHints hints) {

    public ToolDeclaration {
        inputSchema = Map.copyOf(inputSchema);
        outputSchema = Map.copyOf(outputSchema);
    }

    /** The argument names the input schema allows. */
    Set<String> arguments() {
        return inputSchema.get("properties") instanceof Map<?, ?> properties
                ? properties.keySet().stream().map(String::valueOf).collect(java.util.stream.Collectors.toSet())
                : Set.of();
    }

    /** A JSON Schema object with these properties, nothing else allowed, the named ones required. */
    public static Map<String, Object> object(Map<String, Object> properties, String... required) {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", properties);
        if (required.length > 0) {
            schema.put("required", List.of(required));
        }
        schema.put("additionalProperties", false);
        return schema;
    }

    /**
     * MCP tool annotations, every one stated: a client must not guess from a missing hint.
     *
     * @param openWorld whether the tool reaches beyond this server's own data
     */
    public record ToolHints(boolean readOnly, boolean destructive, boolean idempotent, boolean openWorld) {

        /** Reads this server's data, changes nothing. */
        public static final ToolHints READ_ONLY = new ToolHints(true, false, true, false);
        /** Adds to this server's data; calling twice adds twice. */
        public static final ToolHints ADDS = new ToolHints(false, false, false, false);
        /** Removes from this server's data; calling twice removes once. */
        public static final ToolHints REMOVES = new ToolHints(false, true, true, false);
    }
}
