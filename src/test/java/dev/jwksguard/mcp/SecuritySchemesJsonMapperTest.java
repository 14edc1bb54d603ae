package dev.jwksguard.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SecuritySchemesJsonMapperTest {

    private final SecuritySchemesJsonMapper json = new SecuritySchemesJsonMapper(McpJsonDefaults.getMapper());

    private static McpSchema.Tool tool(String name, Optional<String> scope) {
        return McpSchema.Tool.builder(name, Map.of("type", "object"))
                .meta(Map.of("securitySchemes", McpTools.securitySchemes(scope))).build();
    }

    @Test
    void toolsListWhenWrittenThenEachToolsSchemesAlsoAtItsTopLevel() throws Exception {
        McpSchema.JSONRPCResponse answer = McpSchema.JSONRPCResponse.result(2, McpSchema.ListToolsResult.builder(
                List.of(tool("whoami", Optional.empty()), tool("create_note", Optional.of("write:notes")))).build());

        Map<String, Object> written = json.readValue(json.writeValueAsString(answer),
                new io.modelcontextprotocol.json.TypeRef<Map<String, Object>>() {
                });

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> tools = (List<Map<String, Object>>) ((Map<String, Object>) written.get("result"))
                .get("tools");
        assertThat(tools.get(0)).containsEntry("securitySchemes", List.of(Map.of("type", "oauth2")));
        assertThat(tools.get(1)).containsEntry("securitySchemes",
                List.of(Map.of("type", "oauth2", "scopes", List.of("write:notes"))));
        assertThat(((Map<?, ?>) tools.get(1).get("_meta")).get("securitySchemes"))
                .isEqualTo(tools.get(1).get("securitySchemes"));
        assertThat(written).containsEntry("id", 2).containsEntry("jsonrpc", "2.0");
    }

    @Test
    void modernToolsListWhenConvertedAsThe2026ServerDoesThenEachToolsSchemesAlsoAtItsTopLevel() {
        io.modelcontextprotocol.modern.McpSchema.ListToolsResult listed = io.modelcontextprotocol.modern.McpSchema
                .ListToolsResult.builder(List.of(io.modelcontextprotocol.modern.McpSchema.Tool
                        .builder("create_note", Map.of("type", "object"))
                        .meta(Map.of("securitySchemes", McpTools.securitySchemes(Optional.of("write:notes")))).build()))
                .build();

        // The 2026-07-28 server turns each result into a map before it writes the response.
        Map<String, Object> converted = json.convertValue(listed,
                new io.modelcontextprotocol.json.TypeRef<Map<String, Object>>() {
                });

        @SuppressWarnings("unchecked")
        Map<String, Object> tool = ((List<Map<String, Object>>) converted.get("tools")).get(0);
        assertThat(tool).containsEntry("securitySchemes", List.of(Map.of("type", "oauth2", "scopes", List.of("write:notes"))));
        assertThat(converted).containsEntry("resultType", "complete");
    }

    @Test
    void otherMessagesWhenWrittenThenExactlyAsTheSdkWritesThem() throws Exception {
        McpSchema.JSONRPCResponse answer = McpSchema.JSONRPCResponse.result(3, McpSchema.CallToolResult.builder()
                .addTextContent("hi").build());

        assertThat(json.writeValueAsString(answer)).isEqualTo(McpJsonDefaults.getMapper().writeValueAsString(answer));
    }
}
