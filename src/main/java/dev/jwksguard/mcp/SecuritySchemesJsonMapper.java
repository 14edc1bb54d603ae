package dev.jwksguard.mcp;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The SDK's JSON mapper, plus one thing its {@code Tool} has no field for: OpenAI's top-level
 * {@code securitySchemes} on each tool of a {@code tools/list} answer. ChatGPT reads it there, and
 * the MCP Apps guidance mirrors it in {@code _meta["securitySchemes"]}; the tools declare it in
 * {@code _meta} and this mapper copies it up on the way out, for both revisions: the 2025 server
 * writes its {@code tools/list} response whole, the 2026-07-28 one converts the result to a map
 * first. Everything else is the SDK's own.
 */
final class SecuritySchemesJsonMapper implements McpJsonMapper {

    static final String META_KEY = "securitySchemes";

    private final McpJsonMapper sdk;

    SecuritySchemesJsonMapper(McpJsonMapper sdk) {
        this.sdk = sdk;
    }

    @Override
    public String writeValueAsString(Object value) throws IOException {
        return sdk.writeValueAsString(withTopLevelSchemes(value));
    }

    @Override
    public byte[] writeValueAsBytes(Object value) throws IOException {
        return sdk.writeValueAsBytes(withTopLevelSchemes(value));
    }

    private Object withTopLevelSchemes(Object value) {
        if (!(value instanceof McpSchema.JSONRPCResponse response) || !(response.result() instanceof McpSchema.ListToolsResult)) {
            return value;
        }
        Map<String, Object> tree = sdk.convertValue(value, new TypeRef<Map<String, Object>>() {
        });
        tree.put("result", withTopLevelSchemes(asMap(tree.get("result"))));
        return tree;
    }

    private static Map<String, Object> withTopLevelSchemes(Map<String, Object> result) {
        List<Object> tools = new ArrayList<>();
        for (Object item : (List<?>) result.get("tools")) {
            Map<String, Object> tool = asMap(item);
            Object schemes = asMap(tool.getOrDefault("_meta", Map.of())).get(META_KEY);
            if (schemes != null) {
                tool.put(META_KEY, schemes);
            }
            tools.add(tool);
        }
        result.put("tools", tools);
        return result;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value) {
        return new LinkedHashMap<>((Map<String, Object>) value);
    }

    @Override
    public <T> T readValue(String content, Class<T> type) throws IOException {
        return sdk.readValue(content, type);
    }

    @Override
    public <T> T readValue(byte[] content, Class<T> type) throws IOException {
        return sdk.readValue(content, type);
    }

    @Override
    public <T> T readValue(String content, TypeRef<T> type) throws IOException {
        return sdk.readValue(content, type);
    }

    @Override
    public <T> T readValue(byte[] content, TypeRef<T> type) throws IOException {
        return sdk.readValue(content, type);
    }

    @Override
    public <T> T convertValue(Object fromValue, Class<T> type) {
        return sdk.convertValue(fromValue, type);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T convertValue(Object fromValue, TypeRef<T> type) {
        T converted = sdk.convertValue(fromValue, type);
        if (fromValue instanceof io.modelcontextprotocol.modern.McpSchema.ListToolsResult && converted instanceof Map<?, ?>) {
            return (T) withTopLevelSchemes(asMap(converted));
        }
        return converted;
    }
}
