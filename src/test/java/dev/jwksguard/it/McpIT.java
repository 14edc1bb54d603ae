package dev.jwksguard.it;

import static dev.jwksguard.testsupport.HttpAsserts.assertProblem;
import static dev.jwksguard.testsupport.ItServer.JWKS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jwksguard.testsupport.ItServer;
import dev.jwksguard.testsupport.McpTestClient;
import dev.jwksguard.testsupport.TestTokens;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * /mcp driven by the official MCP Java SDK client and by raw JSON-RPC, with tokens signed by the
 * tests' keys: every tool, its declared scope and the tool-level challenge, the 401s, sessions
 * bound to their creator, Origin and CORS, and the metadata of the MCP resource.
 */
@ExtendWith(ArquillianExtension.class)
class McpIT {

    /** The URL an MCP client connects to here, byte for byte. */
    private static final String MCP_URL = "http://127.0.0.1:" + Integer.getInteger("it.http.port") + "/mcp";
    private static final String METADATA_URL = "http://127.0.0.1:" + Integer.getInteger("it.http.port")
            + "/.well-known/oauth-protected-resource/mcp";
    private static final String INSPECTOR = "http://localhost:6274";

    @Deployment(testable = false)
    static WebArchive deployment() {
        JWKS.reset();
        // As the README's ChatGPT setup has it: the API is known by the MCP URL (mcp.resource follows).
        return ItServer.war().addAsResource(new StringAsset("oauth.resource=" + MCP_URL + "\n"
                + "mcp.allowed-origins=" + INSPECTOR + "\n"), "META-INF/microprofile-config.properties");
    }

    private static String token(String subject, String scope) {
        return TestTokens.valid().subject(subject).scope(scope).sign();
    }

    private static CallToolResult call(McpSyncClient client, String tool, Map<String, Object> arguments) {
        return client.callTool(CallToolRequest.builder(tool).arguments(arguments).build());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> structured(CallToolResult result) {
        assertThat(result.isError()).as(result.toString()).isFalse();
        return (Map<String, Object>) result.structuredContent();
    }

    private static String text(CallToolResult result) {
        return ((McpSchema.TextContent) result.content().get(0)).text();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025-03-26", "2025-06-18", "2025-11-25"})
    void sdkClientWhenEachProtocolRevisionThenInitializeListsEveryToolWithItsScheme(String version) {
        try (McpSyncClient client = McpTestClient.sdk(token("lister", "read:notes write:notes"), version)) {
            McpSchema.InitializeResult initialized = client.initialize();

            assertThat(initialized.protocolVersion()).isEqualTo(version);
            assertThat(initialized.serverInfo().name()).isEqualTo("jwks-guard");
            Map<String, Object> schemes = new java.util.HashMap<>();
            client.listTools().tools().forEach(tool -> schemes.put(tool.name(), tool.meta().get("securitySchemes")));
            assertThat(schemes).containsOnlyKeys("whoami", "list_notes", "get_note", "create_note", "delete_note");
            assertThat(schemes.get("whoami")).isEqualTo(List.of(Map.of("type", "oauth2")));
            assertThat(schemes.get("list_notes")).isEqualTo(List.of(Map.of("type", "oauth2", "scopes", List.of("read:notes"))));
            assertThat(schemes.get("get_note")).isEqualTo(List.of(Map.of("type", "oauth2", "scopes", List.of("read:notes"))));
            assertThat(schemes.get("create_note")).isEqualTo(List.of(Map.of("type", "oauth2", "scopes", List.of("write:notes"))));
            assertThat(schemes.get("delete_note")).isEqualTo(List.of(Map.of("type", "oauth2", "scopes", List.of("write:notes"))));
        }
    }

    @Test
    void toolsListWhenReadRawThenEachToolCarriesSecuritySchemesAtTheTopLevelToo() {
        String token = token("raw-lister", "read:notes");
        String session = McpTestClient.session(token);

        HttpResponse<String> listed = McpTestClient.post(token, Optional.of(session),
                "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}", "MCP-Protocol-Version", "2025-11-25");

        assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> tools = (List<Map<String, Object>>) ((Map<String, Object>) McpTestClient.message(listed)
                .get("result")).get("tools");
        assertThat(tools).hasSize(5).allSatisfy(tool -> {
            assertThat(tool.get("securitySchemes")).as(tool.get("name").toString()).isNotNull()
                    .isEqualTo(((Map<?, ?>) tool.get("_meta")).get("securitySchemes"));
            assertThat(((Map<?, ?>) tool.get("inputSchema")).get("type")).isEqualTo("object");
        });
    }

    @Test
    void everyToolWhenCalledWithItsScopesThenWorksOnTheCallersOwnNotes() {
        try (McpSyncClient erin = McpTestClient.sdk(token("erin", "read:notes write:notes"), "2025-11-25");
             McpSyncClient frank = McpTestClient.sdk(token("frank", "read:notes write:notes"), "2025-11-25")) {
            erin.initialize();
            frank.initialize();

            assertThat(structured(call(erin, "whoami", Map.of()))).containsEntry("subject", "erin")
                    .containsEntry("issuer", TestTokens.ISSUER)
                    .containsEntry("scopes", List.of("read:notes", "write:notes"));
            Map<String, Object> created = structured(call(erin, "create_note", Map.of("text", "erin's via MCP")));
            Object id = created.get("id");
            assertThat(created).containsEntry("text", "erin's via MCP");
            assertThat(structured(call(erin, "list_notes", Map.of())).get("notes").toString()).contains("erin's via MCP");
            assertThat(structured(call(erin, "get_note", Map.of("id", id)))).containsEntry("text", "erin's via MCP");

            // Frank sees none of it, and cannot delete it.
            assertThat(structured(call(frank, "list_notes", Map.of())).get("notes")).isEqualTo(List.of());
            CallToolResult foreign = call(frank, "get_note", Map.of("id", id));
            assertThat(foreign.isError()).isTrue();
            assertThat(text(foreign)).isEqualTo("No such note");
            assertThat(call(frank, "delete_note", Map.of("id", id)).isError()).isTrue();

            assertThat(structured(call(erin, "delete_note", Map.of("id", id)))).containsEntry("deleted", id);
            assertThat(call(erin, "get_note", Map.of("id", id)).isError()).isTrue();
        }
        // The REST API shares the store: what MCP deleted is gone there too.
        assertThat(ItServer.getWithToken("/api/notes", token("erin", "read:notes")).body()).isEqualTo("[]");
    }

    @Test
    void toolWhenTheTokenLacksItsScopeThenAToolLevelChallengeAndNothingChanged() {
        try (McpSyncClient reader = McpTestClient.sdk(token("reader-only", "read:notes"), "2025-11-25")) {
            reader.initialize();

            CallToolResult refused = call(reader, "create_note", Map.of("text", "should not be saved"));

            assertThat(refused.isError()).isTrue();
            @SuppressWarnings("unchecked")
            List<String> challenges = (List<String>) refused.meta().get("mcp/www_authenticate");
            assertThat(challenges).singleElement().asString()
                    .startsWith("Bearer ")
                    .contains("resource_metadata=\"" + METADATA_URL + "\"")
                    .contains("error=\"insufficient_scope\"")
                    .contains("error_description=\"")
                    .contains("scope=\"write:notes\"");
            assertThat(structured(call(reader, "list_notes", Map.of())).get("notes")).isEqualTo(List.of());
        }
    }

    @Test
    void toolWhenArgumentsBreakItsSchemaThenAToolErrorAndNothingChanged() {
        try (McpSyncClient client = McpTestClient.sdk(token("careless", "read:notes write:notes"), "2025-11-25")) {
            client.initialize();

            List<Map<String, Object>> bad = List.of(Map.of(), Map.of("text", ""), Map.of("text", "   "),
                    Map.of("text", "x".repeat(1001)), Map.of("text", 42), Map.of("text", "ok", "owner", "someone-else"));
            for (Map<String, Object> arguments : bad) {
                assertThat(call(client, "create_note", arguments).isError()).as(arguments.toString()).isTrue();
            }
            for (Object id : List.of("1", -1, 0, 1.5, 1e19)) {
                assertThat(call(client, "get_note", Map.of("id", id)).isError()).as(String.valueOf(id)).isTrue();
            }
            assertThat(structured(call(client, "list_notes", Map.of())).get("notes")).isEqualTo(List.of());
        }
    }

    @Test
    void requestWhenNoTokenThen401PointingAtTheMcpMetadataWithTheScopes() {
        HttpResponse<String> response = McpTestClient.post(null, Optional.empty(), McpTestClient.initializeBody("2025-11-25"));

        assertProblem(response, 401);
        assertThat(response.headers().firstValue("WWW-Authenticate").orElseThrow())
                .isEqualTo("Bearer resource_metadata=\"" + METADATA_URL + "\", scope=\"read:notes write:notes\"");
    }

    @Test
    void requestWhenTokenForAnotherAudienceThen401InvalidToken() {
        String elsewhere = TestTokens.valid().audience("https://other-api.example/").sign();

        HttpResponse<String> response = McpTestClient.post(elsewhere, Optional.empty(),
                McpTestClient.initializeBody("2025-11-25"));

        assertProblem(response, 401);
        assertThat(response.headers().firstValue("WWW-Authenticate").orElseThrow())
                .contains("error=\"invalid_token\"").contains("resource_metadata=\"" + METADATA_URL + "\"")
                .contains("scope=\"read:notes write:notes\"");
    }

    @Test
    void sessionWhenUsedWithAnotherCallersTokenThenRefused() {
        String session = McpTestClient.session(token("session-owner", "read:notes"));

        HttpResponse<String> stolen = McpTestClient.post(token("session-thief", "read:notes"), Optional.of(session),
                "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}");
        HttpResponse<String> invented = McpTestClient.post(token("session-owner", "read:notes"),
                Optional.of("not-a-session-we-made"), "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}");
        HttpResponse<String> owner = McpTestClient.post(token("session-owner", "read:notes"), Optional.of(session),
                "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}");

        assertProblem(stolen, 403);
        assertProblem(invented, 404);
        assertThat(owner.statusCode()).isEqualTo(200);
        // The session id is never authentication.
        assertProblem(McpTestClient.post(null, Optional.of(session), "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/list\"}"),
                401);
    }

    @Test
    void originWhenForeignThen403AndWhenAllowedThenCorsHeaders() {
        String token = token("browser-user", "read:notes");

        HttpResponse<String> foreign = McpTestClient.post(token, Optional.empty(), McpTestClient.initializeBody("2025-11-25"),
                "Origin", "https://evil.example");
        HttpResponse<String> allowed = McpTestClient.post(token, Optional.empty(), McpTestClient.initializeBody("2025-11-25"),
                "Origin", INSPECTOR);
        HttpResponse<String> refusedButReadable = McpTestClient.post(null, Optional.empty(),
                McpTestClient.initializeBody("2025-11-25"), "Origin", INSPECTOR);

        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(foreign.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).contains(INSPECTOR);
        assertThat(allowed.headers().firstValue("Access-Control-Expose-Headers").orElseThrow()).contains("Mcp-Session-Id");
        // A browser client must be able to read the 401's challenge to find the metadata.
        assertThat(refusedButReadable.statusCode()).isEqualTo(401);
        assertThat(refusedButReadable.headers().firstValue("Access-Control-Allow-Origin")).contains(INSPECTOR);
        assertThat(refusedButReadable.headers().firstValue("Access-Control-Expose-Headers").orElseThrow())
                .contains("WWW-Authenticate");
    }

    @Test
    void preflightWhenNoTokenThenAnsweredForAllowedOriginsOnly() {
        HttpResponse<String> allowed = ItServer.send(ItServer.request("/mcp")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", INSPECTOR)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization, content-type, mcp-session-id"));
        HttpResponse<String> foreign = ItServer.send(ItServer.request("/mcp")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "POST"));

        assertThat(allowed.statusCode()).isEqualTo(204);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).contains(INSPECTOR);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Headers").orElseThrow())
                .contains("Authorization").contains("Mcp-Session-Id").contains("MCP-Protocol-Version");
        assertThat(foreign.statusCode()).isEqualTo(403);
    }

    @Test
    void metadataWhenAskedAtEitherUrlThenTheResourceIsTheConnectedUrlAndAnyOriginMayReadIt() {
        HttpResponse<String> pathForm = ItServer.get("/.well-known/oauth-protected-resource/mcp", "Origin", INSPECTOR);
        HttpResponse<String> root = ItServer.get("/.well-known/oauth-protected-resource");

        assertThat(pathForm.statusCode()).isEqualTo(200);
        assertThat(ItServer.json(pathForm)).containsEntry("resource", MCP_URL)
                .containsEntry("authorization_servers", List.of(TestTokens.ISSUER))
                .containsEntry("scopes_supported", List.of("read:notes", "write:notes"))
                .containsEntry("bearer_methods_supported", List.of("header"));
        assertThat(pathForm.headers().firstValue("Access-Control-Allow-Origin")).contains("*");
        // MCP clients probe the root after the path form: the same resource there.
        assertThat(root.statusCode()).isEqualTo(200);
        assertThat(ItServer.json(root)).containsEntry("resource", MCP_URL);
    }

    @Test
    void bodyWhenLargerThanTheLimitThen413() {
        HttpResponse<String> response = McpTestClient.post(token("big", "write:notes"), Optional.empty(),
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\"pad\":\"" + "a".repeat(70_000) + "\"}}");

        assertThat(response.statusCode()).isEqualTo(413);
    }
}
