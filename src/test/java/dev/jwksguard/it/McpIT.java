package dev.jwksguard.it;

import static dev.jwksguard.testsupport.HttpAsserts.assertProblem;
import static dev.jwksguard.testsupport.ItServer.JWKS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jwksguard.testsupport.ItServer;
import dev.jwksguard.testsupport.McpTestClient;
import dev.jwksguard.testsupport.TestTokens;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
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
 * tests' keys: every tool, its declared scope and hints, the scopes the user granted and the step-up
 * challenge, requests without a session, tokens for this resource only, the transport's rules
 * (protocol version, Origin, problem answers), CORS, and the metadata of the MCP resource.
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

    /** A token for the MCP resource, as ChatGPT gets one with resource=MCP_URL (RFC 8707). */
    private static String token(String subject, String scope) {
        return TestTokens.valid().subject(subject).scope(scope).audience(MCP_URL).sign();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object json) {
        return (Map<String, Object>) json;
    }

    private static List<String> challenges(CallToolResult result) {
        @SuppressWarnings("unchecked")
        List<String> challenges = (List<String>) result.meta().get("mcp/www_authenticate");
        return challenges;
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
            assertThat(client.listTools().tools()).allSatisfy(tool -> {
                assertThat(tool.annotations().readOnlyHint()).as(tool.name()).isNotNull();
                assertThat(tool.annotations().destructiveHint()).as(tool.name()).isNotNull();
                assertThat(tool.annotations().openWorldHint()).as(tool.name()).isNotNull();
                assertThat(tool.outputSchema()).as(tool.name()).isNotNull();
            });
        }
    }

    /** The result's structured content, checked against the output schema its tool declares. */
    private static Map<String, Object> conforming(McpSyncClient client, String tool, CallToolResult result) {
        Map<String, Object> schema = client.listTools().tools().stream().filter(t -> t.name().equals(tool)).findFirst()
                .orElseThrow().outputSchema();
        JsonSchemaValidator.ValidationResponse validation = McpJsonDefaults.getSchemaValidator()
                .validate(schema, result.structuredContent());
        assertThat(validation.valid()).as(tool + ": " + validation.errorMessage()).isTrue();
        return structured(result);
    }

    @Test
    void toolsListWhenReadRawThenEachToolCarriesSecuritySchemesAtTheTopLevelToo() {
        String token = token("raw-lister", "read:notes");
        McpTestClient.initialize(token);

        HttpResponse<String> listed = McpTestClient.post(token, Optional.empty(), McpTestClient.toolsList(),
                "MCP-Protocol-Version", "2025-11-25");

        assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> tools = (List<Map<String, Object>>) ((Map<String, Object>) McpTestClient.message(listed)
                .get("result")).get("tools");
        assertThat(tools).hasSize(5).allSatisfy(tool -> {
            assertThat(tool.get("securitySchemes")).as(tool.get("name").toString()).isNotNull()
                    .isEqualTo(((Map<?, ?>) tool.get("_meta")).get("securitySchemes"));
            assertThat(((Map<?, ?>) tool.get("inputSchema")).get("type")).isEqualTo("object");
            // OpenAI's review: every hint stated, and an output schema for structured results.
            assertThat(map(tool.get("annotations"))).as(tool.get("name").toString())
                    .containsKeys("readOnlyHint", "destructiveHint", "openWorldHint");
            assertThat(((Map<?, ?>) tool.get("outputSchema")).get("type")).as(tool.get("name").toString())
                    .isEqualTo("object");
        });
    }

    @Test
    void everyToolWhenCalledWithItsScopesThenWorksOnTheCallersOwnNotes() {
        try (McpSyncClient erin = McpTestClient.sdk(token("erin", "read:notes write:notes"), "2025-11-25");
             McpSyncClient frank = McpTestClient.sdk(token("frank", "read:notes write:notes"), "2025-11-25")) {
            erin.initialize();
            frank.initialize();

            assertThat(conforming(erin, "whoami", call(erin, "whoami", Map.of()))).containsEntry("subject", "erin")
                    .containsEntry("issuer", TestTokens.ISSUER)
                    .containsEntry("scopes", List.of("read:notes", "write:notes"));
            Map<String, Object> created = conforming(erin, "create_note",
                    call(erin, "create_note", Map.of("text", "erin's via MCP")));
            Object id = created.get("id");
            assertThat(created).containsEntry("text", "erin's via MCP");
            assertThat(conforming(erin, "list_notes", call(erin, "list_notes", Map.of())).get("notes").toString())
                    .contains("erin's via MCP");
            assertThat(conforming(erin, "get_note", call(erin, "get_note", Map.of("id", id))))
                    .containsEntry("text", "erin's via MCP");

            // Frank sees none of it, and cannot delete it.
            assertThat(structured(call(frank, "list_notes", Map.of())).get("notes")).isEqualTo(List.of());
            CallToolResult foreign = call(frank, "get_note", Map.of("id", id));
            assertThat(foreign.isError()).isTrue();
            assertThat(text(foreign)).isEqualTo("No such note");
            assertThat(call(frank, "delete_note", Map.of("id", id)).isError()).isTrue();

            assertThat(conforming(erin, "delete_note", call(erin, "delete_note", Map.of("id", id))))
                    .containsEntry("deleted", id);
            assertThat(call(erin, "get_note", Map.of("id", id)).isError()).isTrue();
        }
        // The REST API shares the store: what MCP deleted is gone there too.
        assertThat(ItServer.getWithToken("/api/notes", TestTokens.valid().subject("erin").scope("read:notes").sign())
                .body()).isEqualTo("[]");
    }

    @Test
    void toolWhenTheTokenLacksItsScopeThenAToolLevelChallengeAndNothingChanged() {
        try (McpSyncClient reader = McpTestClient.sdk(token("reader-only", "read:notes"), "2025-11-25")) {
            reader.initialize();

            CallToolResult refused = call(reader, "create_note", Map.of("text", "should not be saved"));

            assertThat(refused.isError()).isTrue();
            // The step-up names what the user granted and the tools use, plus the missing scope: a
            // client that asks for exactly that keeps read:notes (MCP 2025-11-25, Scope Selection Strategy).
            assertThat(challenges(refused)).singleElement().asString()
                    .startsWith("Bearer ")
                    .contains("resource_metadata=\"" + METADATA_URL + "\"")
                    .contains("error=\"insufficient_scope\"")
                    .contains("error_description=\"")
                    .contains("scope=\"read:notes write:notes\"");
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
    void toolsListAndCallWhenNoSessionIdAfterInitializeThenEachAnswered() {
        String token = token("sessionless", "read:notes");
        HttpResponse<String> initialized = McpTestClient.initialize(token);

        HttpResponse<String> listed = McpTestClient.post(token, Optional.empty(), McpTestClient.toolsList(),
                "MCP-Protocol-Version", "2025-11-25");
        HttpResponse<String> called = McpTestClient.post(token, Optional.empty(), McpTestClient.toolsCall("whoami", "{}"),
                "MCP-Protocol-Version", "2025-11-25");

        assertThat(initialized.headers().firstValue("Mcp-Session-Id")).isEmpty();
        assertThat((List<?>) McpTestClient.result(listed).get("tools")).hasSize(5);
        assertThat(map(McpTestClient.result(called).get("structuredContent"))).containsEntry("subject", "sessionless");
    }

    @Test
    void toolsCallWhenNoInitializeEverThenAnswered() {
        String token = token("first-call", "read:notes write:notes");

        HttpResponse<String> created = McpTestClient.post(token, Optional.empty(),
                McpTestClient.toolsCall("create_note", "{\"text\":\"straight in\"}"), "MCP-Protocol-Version", "2025-11-25");

        Map<String, Object> result = McpTestClient.result(created);
        assertThat(result.get("isError")).isNotEqualTo(true);
        assertThat(map(result.get("structuredContent"))).containsEntry("text", "straight in");
    }

    @Test
    void sessionIdWhenSentThenNeverAuthenticationAndNeverAnotherCallersIdentity() {
        String owner = token("session-owner", "read:notes");
        McpTestClient.initialize(owner);

        HttpResponse<String> withoutToken = McpTestClient.post(null, Optional.of("a-session-id"), McpTestClient.toolsList());
        HttpResponse<String> otherCaller = McpTestClient.post(token("someone-else", "read:notes"),
                Optional.of("a-session-id"), McpTestClient.toolsCall("whoami", "{}"));

        assertProblem(withoutToken, 401);
        // Whatever id comes with it, a request is its own token's caller.
        assertThat(map(McpTestClient.result(otherCaller).get("structuredContent")))
                .containsEntry("subject", "someone-else");
    }

    @Test
    void toolWhenOnlyTheAccountsRolesHoldItsScopeThenRefusedWithTheToolChallengeAndNothingCreated() {
        // Auth0 RBAC puts every permission of the user in "permissions", whatever the user consented
        // to; the scope claim holds what this authorization granted.
        String token = TestTokens.valid().subject("consented-to-read").audience(MCP_URL).scope("read:notes")
                .claim("permissions", List.of("read:notes", "write:notes"))
                .claim("groups", List.of("write:notes")).claim("roles", List.of("write:notes")).sign();

        Map<String, Object> refused = McpTestClient.result(McpTestClient.post(token, Optional.empty(),
                McpTestClient.toolsCall("create_note", "{\"text\":\"not consented\"}")));
        Map<String, Object> listed = McpTestClient.result(McpTestClient.post(token, Optional.empty(),
                McpTestClient.toolsCall("list_notes", "{}")));

        assertThat(refused.get("isError")).isEqualTo(true);
        assertThat(((Map<?, ?>) refused.get("_meta")).get("mcp/www_authenticate").toString())
                .contains("error=\"insufficient_scope\"").contains("scope=\"read:notes write:notes\"");
        assertThat(map(listed.get("structuredContent"))).containsEntry("notes", List.of());
        // The REST API keeps its role claims: there the account's roles count.
        assertThat(ItServer.getWithToken("/api/notes", TestTokens.valid().subject("consented-to-read")
                .scope("read:notes").claim("permissions", List.of("write:notes")).sign()).statusCode()).isEqualTo(200);
    }

    @Test
    void toolWhenScopesComeAsAnScpArrayThenGranted() {
        String token = TestTokens.valid().subject("entra-style").audience(MCP_URL).without("scope")
                .claim("scp", List.of("read:notes", "write:notes")).sign();

        Map<String, Object> created = McpTestClient.result(McpTestClient.post(token, Optional.empty(),
                McpTestClient.toolsCall("create_note", "{\"text\":\"by scp\"}")));

        assertThat(created.get("isError")).isNotEqualTo(true);
        assertThat(map(created.get("structuredContent"))).containsEntry("text", "by scp");
    }

    @Test
    void tokenWhenForTheRestApiOnlyThen401AtMcpAnd200AtTheApiAndTheOtherWayRound() {
        String forApi = TestTokens.valid().subject("api-client").scope("read:notes").sign();
        String forMcp = token("mcp-client", "read:notes");

        HttpResponse<String> apiTokenAtMcp = McpTestClient.post(forApi, Optional.empty(), McpTestClient.toolsList());
        HttpResponse<String> mcpTokenAtApi = ItServer.getWithToken("/api/me", forMcp);

        assertProblem(apiTokenAtMcp, 401);
        assertThat(ItServer.challenge(apiTokenAtMcp)).contains("error=\"invalid_token\"")
                .contains("resource_metadata=\"" + METADATA_URL + "\"");
        assertThat(ItServer.getWithToken("/api/me", forApi).statusCode()).isEqualTo(200);
        assertThat(McpTestClient.post(forMcp, Optional.empty(), McpTestClient.toolsList()).statusCode()).isEqualTo(200);
        assertProblem(mcpTokenAtApi, 401);
        assertThat(ItServer.challenge(mcpTokenAtApi)).contains("error=\"invalid_token\"");
    }

    @Test
    void protocolVersionWhenUnsupportedThen400AfterTheToken() {
        HttpResponse<String> future = McpTestClient.post(token("from-the-future", "read:notes"), Optional.empty(),
                McpTestClient.toolsList(), "MCP-Protocol-Version", "2099-01-01");
        HttpResponse<String> futureWithoutToken = McpTestClient.post(null, Optional.empty(), McpTestClient.toolsList(),
                "MCP-Protocol-Version", "2099-01-01");

        // The 2026-07-28 answer to a version it does not speak, whatever the request's revision, so
        // that a client can always fall back to one of data.supported (McpModernIT has the details).
        assertThat(future.statusCode()).isEqualTo(400);
        assertThat(map(McpTestClient.message(future).get("error"))).containsEntry("code", -32022L);
        // A client of a newer revision still learns first that it must sign in.
        assertProblem(futureWithoutToken, 401);
    }

    @Test
    void errorAnswersWhenTheTransportRefusesThenProblemDocumentsWithoutInternals() {
        String token = token("sloppy-client", "read:notes");

        HttpResponse<String> noAccept = ItServer.send(ItServer.request("/mcp").header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(McpTestClient.toolsList())));
        HttpResponse<String> notJson = McpTestClient.post(token, Optional.empty(), "{not json");
        HttpResponse<String> aResponse = McpTestClient.post(token, Optional.empty(),
                "{\"jsonrpc\":\"2.0\",\"id\":9,\"result\":{}}");
        HttpResponse<String> get = ItServer.send(ItServer.request("/mcp").header("Authorization", "Bearer " + token)
                .header("Accept", "text/event-stream").GET());

        assertProblem(noAccept, 406);
        assertProblem(notJson, 400);
        assertProblem(aResponse, 400);
        assertProblem(get, 405);
        for (HttpResponse<String> answer : List.of(noAccept, notJson, aResponse, get)) {
            assertThat(answer.body()).as(answer.body()).doesNotContain("Exception", "McpError", "stackTrace",
                    "io.modelcontextprotocol", "java.", "\tat ");
            assertThat(answer.body().length()).isLessThan(400);
        }
    }

    @Test
    void methodOrToolWhenUnknownThenAJsonRpcErrorInA200() {
        String token = token("legacy-guesser", "read:notes");

        HttpResponse<String> method = McpTestClient.post(token, Optional.empty(),
                "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"resources/list\"}", "MCP-Protocol-Version", "2025-11-25");
        HttpResponse<String> tool = McpTestClient.post(token, Optional.empty(), McpTestClient.toolsCall("no_such_tool", "{}"),
                "MCP-Protocol-Version", "2025-11-25");

        for (HttpResponse<String> response : List.of(method, tool)) {
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(map(McpTestClient.message(response).get("error"))).containsKey("code");
            assertThat(response.body()).doesNotContain("Exception", "\tat ");
        }
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
        HttpResponse<String> foreignWithoutToken = McpTestClient.post(null, Optional.empty(),
                McpTestClient.initializeBody("2025-11-25"), "Origin", "https://evil.example");

        assertProblem(foreign, 403);
        assertThat(foreign.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        // Not a 401: a hostile page must not be invited into an OAuth flow.
        assertProblem(foreignWithoutToken, 403);
        assertThat(foreignWithoutToken.headers().firstValue("WWW-Authenticate")).isEmpty();
        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).contains(INSPECTOR);
        assertThat(allowed.headers().firstValue("Access-Control-Expose-Headers").orElseThrow()).contains("WWW-Authenticate");
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
        assertProblem(foreign, 403);
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
