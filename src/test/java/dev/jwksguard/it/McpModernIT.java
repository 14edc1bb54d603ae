package dev.jwksguard.it;

import static dev.jwksguard.testsupport.HttpAsserts.assertProblem;
import static dev.jwksguard.testsupport.ItServer.JWKS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.jwksguard.testsupport.ItServer;
import dev.jwksguard.testsupport.McpTestClient;
import dev.jwksguard.testsupport.TestTokens;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.modern.McpSchema;
import io.modelcontextprotocol.modern.client.McpSyncClient;
import io.modelcontextprotocol.modern.client.transport.McpHttpStatusException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * /mcp under the MCP 2026-07-28 revision, beside the 2025 ones on the same endpoint (McpIT): the
 * SDK's own 2026 client lists and calls every tool; {@code server/discover}; the transport's MUSTs
 * (the {@code Mcp-Method}, {@code Mcp-Name} and {@code MCP-Protocol-Version} headers checked against
 * the body, unsupported versions, a missing {@code _meta}, unknown methods, GET and DELETE); and the
 * tool's scope checked before the tool runs, as an HTTP 403 with the complete scope set.
 */
@ExtendWith(ArquillianExtension.class)
class McpModernIT {

    private static final String MCP_URL = "http://127.0.0.1:" + Integer.getInteger("it.http.port") + "/mcp";
    private static final String METADATA_URL = "http://127.0.0.1:" + Integer.getInteger("it.http.port")
            + "/.well-known/oauth-protected-resource/mcp";
    private static final List<String> EVERY_REVISION = List.of("2026-07-28", "2025-11-25", "2025-06-18", "2025-03-26");

    @Deployment(testable = false)
    static WebArchive deployment() {
        JWKS.reset();
        // A broader scope the issuer may grant: "notes" implies both notes scopes (MCP 2026-07-28:
        // servers MUST account for scope hierarchies).
        return ItServer.war().addAsResource(new StringAsset("oauth.resource=" + MCP_URL + "\n"
                + "oauth.scope-hierarchy=notes>read:notes,notes>write:notes\n"), "META-INF/microprofile-config.properties");
    }

    private static String token(String subject, String scope) {
        return TestTokens.valid().subject(subject).scope(scope).audience(MCP_URL).sign();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object json) {
        return (Map<String, Object>) json;
    }

    /** A JSON-RPC error answer: this status and code, JSON, and nothing of the server's internals. */
    private static Map<String, Object> rpcError(HttpResponse<String> response, int status, long code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        assertThat(response.body()).doesNotContain("Exception", "\tat ", "java.");
        Map<String, Object> error = map(McpTestClient.message(response).get("error"));
        assertThat(error).as(response.body()).containsEntry("code", code).containsKey("message");
        return error;
    }

    private static String toolsCallParams(String tool, String arguments) {
        return "\"name\":\"" + tool + "\",\"arguments\":" + arguments;
    }

    private static HttpResponse<String> callRaw(String token, String tool, String arguments) {
        return McpTestClient.postModern(token, "tools/call", Optional.of(tool),
                McpTestClient.modernBody("tools/call", "2026-07-28", toolsCallParams(tool, arguments)));
    }

    private static List<?> notesOf(String subject) {
        Map<String, Object> listed = McpTestClient.result(callRaw(token(subject, "read:notes"), "list_notes", "{}"));
        return (List<?>) map(listed.get("structuredContent")).get("notes");
    }

    @Test
    void discoverWhenAskedThenBothRevisionsTheToolsCapabilityAndPublicCacheHints() {
        HttpResponse<String> response = McpTestClient.postModern(token("discoverer", "read:notes"), "server/discover",
                Optional.empty(), McpTestClient.modernBody("server/discover", "2026-07-28", ""));

        Map<String, Object> result = McpTestClient.result(response);
        assertThat(result).containsEntry("resultType", "complete")
                .containsEntry("supportedVersions", EVERY_REVISION)
                .containsEntry("cacheScope", "public")
                .containsKey("instructions");
        assertThat(map(result.get("capabilities"))).containsKey("tools");
        assertThat((Long) result.get("ttlMs")).isPositive();
        assertThat(map(map(result.get("_meta")).get("io.modelcontextprotocol/serverInfo")))
                .containsEntry("name", "jwks-guard");
        assertThat(response.headers().firstValue("Mcp-Session-Id")).isEmpty();
    }

    @Test
    void sdkClientWhenModernThenDiscoversListsAndCallsEveryTool() {
        McpSyncClient erin = McpTestClient.modern(token("modern-erin", "read:notes write:notes"));
        McpSyncClient frank = McpTestClient.modern(token("modern-frank", "read:notes write:notes"));

        assertThat(erin.discover().supportedVersions()).isEqualTo(EVERY_REVISION);
        List<McpSchema.Tool> tools = erin.tools().list().tools();
        Map<String, Object> schemes = new HashMap<>();
        tools.forEach(tool -> schemes.put(tool.name(), tool.meta().get("securitySchemes")));
        // The same tools as under 2025-11-25, declared the same way (McpIT).
        assertThat(schemes).containsOnlyKeys("whoami", "list_notes", "get_note", "create_note", "delete_note");
        assertThat(schemes.get("whoami")).isEqualTo(List.of(Map.of("type", "oauth2")));
        assertThat(schemes.get("create_note")).isEqualTo(List.of(Map.of("type", "oauth2", "scopes", List.of("write:notes"))));
        assertThat(schemes.get("list_notes")).isEqualTo(List.of(Map.of("type", "oauth2", "scopes", List.of("read:notes"))));
        assertThat(tools).allSatisfy(tool -> {
            assertThat(tool.annotations().readOnlyHint()).as(tool.name()).isNotNull();
            assertThat(tool.annotations().destructiveHint()).as(tool.name()).isNotNull();
            assertThat(tool.annotations().openWorldHint()).as(tool.name()).isNotNull();
            assertThat(tool.outputSchema()).as(tool.name()).isNotNull();
        });

        assertThat(conforming(tools, "whoami", erin.tool("whoami").call())).containsEntry("subject", "modern-erin")
                .containsEntry("scopes", List.of("read:notes", "write:notes"));
        Map<String, Object> created = conforming(tools, "create_note",
                erin.tool("create_note").arguments(Map.of("text", "erin's, 2026-07-28")).call());
        Object id = created.get("id");
        assertThat(conforming(tools, "list_notes", erin.tool("list_notes").call()).get("notes").toString())
                .contains("erin's, 2026-07-28");
        assertThat(conforming(tools, "get_note", erin.tool("get_note").arguments(Map.of("id", id)).call()))
                .containsEntry("text", "erin's, 2026-07-28");
        McpSchema.CallToolResult foreign = frank.tool("get_note").arguments(Map.of("id", id)).call();
        assertThat(foreign.isError()).isTrue();
        assertThat(conforming(tools, "delete_note", erin.tool("delete_note").arguments(Map.of("id", id)).call()))
                .containsEntry("deleted", id);
        assertThat(erin.tool("get_note").arguments(Map.of("id", id)).call().isError()).isTrue();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> conforming(List<McpSchema.Tool> tools, String tool, McpSchema.CallToolResult result) {
        assertThat(result.isError()).as(result.toString()).isNotEqualTo(Boolean.TRUE);
        Map<String, Object> schema = tools.stream().filter(t -> t.name().equals(tool)).findFirst().orElseThrow()
                .outputSchema();
        JsonSchemaValidator.ValidationResponse validation = McpJsonDefaults.getSchemaValidator()
                .validate(schema, result.structuredContent());
        assertThat(validation.valid()).as(tool + ": " + validation.errorMessage()).isTrue();
        return (Map<String, Object>) result.structuredContent();
    }

    @Test
    void toolsListWhenReadRawThenSecuritySchemesAtTheTopLevelAndTheCacheHintsOfAListTheSameForEveryCaller() {
        HttpResponse<String> listed = McpTestClient.postModern(token("raw-modern-lister", "read:notes"), "tools/list",
                Optional.empty(), McpTestClient.modernBody("tools/list", "2026-07-28", ""));

        Map<String, Object> result = McpTestClient.result(listed);
        assertThat(result).containsEntry("resultType", "complete").containsEntry("cacheScope", "public");
        assertThat((Long) result.get("ttlMs")).isPositive();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> tools = (List<Map<String, Object>>) result.get("tools");
        assertThat(tools).hasSize(5).allSatisfy(tool -> assertThat(tool.get("securitySchemes"))
                .as(tool.get("name").toString()).isNotNull().isEqualTo(map(tool.get("_meta")).get("securitySchemes")));
    }

    @Test
    void toolsCallWhenTheTokenLacksTheToolsScopeThen403WithTheCompleteScopeSetBeforeTheToolRuns() {
        String reader = token("modern-reader", "read:notes");

        HttpResponse<String> refused = callRaw(reader, "create_note", "{\"text\":\"must not be saved\"}");

        assertProblem(refused, 403);
        // Granted and required together: a client asking for exactly this keeps read:notes.
        assertThat(ItServer.challenge(refused)).startsWith("Bearer ")
                .contains("error=\"insufficient_scope\"")
                .contains("scope=\"read:notes write:notes\"")
                .contains("resource_metadata=\"" + METADATA_URL + "\"");
        assertThat(notesOf("modern-reader")).isEmpty();
    }

    @Test
    void toolsCallWhenTheScopeIsMissingForADeleteThenNothingIsDeleted() {
        Map<String, Object> created = map(McpTestClient.result(callRaw(token("keeper", "write:notes"), "create_note",
                "{\"text\":\"keep me\"}")).get("structuredContent"));

        HttpResponse<String> refused = callRaw(token("keeper", "read:notes"), "delete_note",
                "{\"id\":" + created.get("id") + "}");

        assertProblem(refused, 403);
        assertThat(ItServer.challenge(refused)).contains("scope=\"read:notes write:notes\"");
        assertThat(notesOf("keeper").toString()).contains("keep me");
    }

    @Test
    void scopeWhenBroaderThanTheToolsThenGrantedUnderBothRevisionsAndOnTheRestApi() {
        String broad = token("broad", "notes");

        HttpResponse<String> modern = callRaw(broad, "create_note", "{\"text\":\"by the broader scope\"}");
        HttpResponse<String> legacy = McpTestClient.post(broad, Optional.empty(),
                McpTestClient.toolsCall("list_notes", "{}"), "MCP-Protocol-Version", "2025-11-25");

        assertThat(map(McpTestClient.result(modern).get("structuredContent"))).containsEntry("text", "by the broader scope");
        assertThat(map(McpTestClient.result(legacy).get("structuredContent")).get("notes").toString())
                .contains("by the broader scope");
        assertThat(ItServer.getWithToken("/api/notes", TestTokens.valid().subject("broad").scope("notes").sign())
                .body()).contains("by the broader scope");
    }

    @Test
    void sdkClientWhenTheScopeIsMissingThenTheHttp403ReachesItWithTheChallenge() {
        McpSyncClient reader = McpTestClient.modern(token("sdk-reader", "read:notes"));

        Throwable thrown = catchThrowable(() -> reader.tool("create_note").arguments(Map.of("text", "no")).call());

        McpHttpStatusException status = statusException(thrown);
        assertThat(status.statusCode()).isEqualTo(403);
        assertThat(status.headers().firstValue("WWW-Authenticate").orElse("")).contains("error=\"insufficient_scope\"");
        assertThat(notesOf("sdk-reader")).isEmpty();
    }

    /** The HTTP status the SDK client met, however deep it wrapped it. */
    private static McpHttpStatusException statusException(Throwable thrown) {
        for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
            if (cause instanceof McpHttpStatusException status) {
                return status;
            }
        }
        throw new AssertionError("no HTTP status in " + thrown, thrown);
    }

    @Test
    void mcpNameWhenBase64EncodedThenDecodedBeforeTheScopeCheck() {
        String encoded = "=?base64?" + Base64.getEncoder().encodeToString("create_note".getBytes(StandardCharsets.UTF_8))
                + "?=";
        String body = McpTestClient.modernBody("tools/call", "2026-07-28",
                toolsCallParams("create_note", "{\"text\":\"named in base64\"}"));

        HttpResponse<String> refused = McpTestClient.postModern(token("b64-reader", "read:notes"), "tools/call",
                Optional.of(encoded), body);
        HttpResponse<String> created = McpTestClient.postModern(token("b64-writer", "write:notes"), "tools/call",
                Optional.of(encoded), body);

        assertProblem(refused, 403);
        assertThat(map(McpTestClient.result(created).get("structuredContent"))).containsEntry("text", "named in base64");
    }

    @Test
    void mcpNameWhenItNamesAnotherToolThanTheBodyThen32020AndNothingRuns() {
        HttpResponse<String> response = McpTestClient.postModern(token("smuggler", "read:notes write:notes"),
                "tools/call", Optional.of("list_notes"), McpTestClient.modernBody("tools/call", "2026-07-28",
                        toolsCallParams("create_note", "{\"text\":\"smuggled\"}")));

        rpcError(response, 400, -32020);
        assertThat(notesOf("smuggler")).isEmpty();
    }

    @Test
    void headersWhenMissingOrNotMatchingTheBodyThen400HeaderMismatch() {
        String token = token("header-checker", "read:notes");
        String list = McpTestClient.modernBody("tools/list", "2026-07-28", "");
        String whoami = McpTestClient.modernBody("tools/call", "2026-07-28", toolsCallParams("whoami", "{}"));

        rpcError(McpTestClient.post(token, Optional.empty(), list, "MCP-Protocol-Version", "2026-07-28"), 400, -32020);
        rpcError(McpTestClient.post(token, Optional.empty(), list, "MCP-Protocol-Version", "2026-07-28",
                "Mcp-Method", "tools/call"), 400, -32020);
        rpcError(McpTestClient.post(token, Optional.empty(), list, "Mcp-Method", "tools/list"), 400, -32020);
        rpcError(McpTestClient.postModern(token, "tools/call", Optional.empty(), whoami), 400, -32020);
        rpcError(McpTestClient.postModern(token, "tools/call", Optional.of("=?base64?not base64?="), whoami), 400,
                -32020);
    }

    @Test
    void protocolVersionHeaderWhenItSays20251125WhileTheMetaSays20260728Then400HeaderMismatch() {
        HttpResponse<String> response = McpTestClient.post(token("two-minds", "read:notes"), Optional.empty(),
                McpTestClient.modernBody("tools/list", "2026-07-28", ""),
                "MCP-Protocol-Version", "2025-11-25", "Mcp-Method", "tools/list");

        rpcError(response, 400, -32020);
    }

    @Test
    void protocolVersionWhenUnsupportedThen400WithEverySupportedVersionWhateverTheRevision() {
        String token = token("from-the-future", "read:notes");

        HttpResponse<String> modern = McpTestClient.post(token, Optional.empty(),
                McpTestClient.modernBody("tools/list", "2099-01-01", ""),
                "MCP-Protocol-Version", "2099-01-01", "Mcp-Method", "tools/list");
        HttpResponse<String> legacy = McpTestClient.post(token, Optional.empty(), McpTestClient.toolsList(),
                "MCP-Protocol-Version", "2099-01-01");

        for (HttpResponse<String> response : List.of(modern, legacy)) {
            Map<String, Object> error = rpcError(response, 400, -32022);
            assertThat(map(error.get("data"))).containsEntry("supported", EVERY_REVISION)
                    .containsEntry("requested", "2099-01-01");
        }
    }

    @Test
    void metaWhenMissingThen400InvalidParams() {
        HttpResponse<String> response = McpTestClient.postModern(token("no-meta", "read:notes"), "tools/list",
                Optional.empty(), "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\",\"params\":{}}");

        rpcError(response, 400, -32602);
    }

    @Test
    void methodWhenUnknownThen404MethodNotFound() {
        for (String method : List.of("resources/list", "ping", "no/such")) {
            HttpResponse<String> response = McpTestClient.postModern(token("explorer", "read:notes"), method,
                    Optional.empty(), McpTestClient.modernBody(method, "2026-07-28", ""));

            rpcError(response, 404, -32601);
        }
    }

    @Test
    void toolWhenUnknownThen400InvalidParams() {
        rpcError(callRaw(token("guesser", "read:notes"), "no_such_tool", "{}"), 400, -32602);
    }

    @Test
    void initializeWhenSentUnderThe2026RevisionThen400NamingTheSupportedVersions() {
        HttpResponse<String> response = McpTestClient.post(token("handshaker", "read:notes"), Optional.empty(),
                McpTestClient.initializeBody("2026-07-28"), "MCP-Protocol-Version", "2026-07-28",
                "Mcp-Method", "initialize");

        assertThat(map(rpcError(response, 400, -32022).get("data")).get("supported")).isEqualTo(EVERY_REVISION);
    }

    @Test
    void bodyWhenNotJsonUnderThe2026RevisionThen400ParseError() {
        HttpResponse<String> response = McpTestClient.postModern(token("garbled", "read:notes"), "tools/list",
                Optional.empty(), "{not json");

        rpcError(response, 400, -32700);
    }

    @Test
    void getAndDeleteWhenSentThen405AndASessionIdIsIgnoredAndNeverSent() {
        String token = token("old-habits", "read:notes");

        HttpResponse<String> get = ItServer.send(ItServer.request("/mcp").header("Authorization", "Bearer " + token)
                .header("Accept", "text/event-stream").header("MCP-Protocol-Version", "2026-07-28").GET());
        HttpResponse<String> delete = ItServer.send(ItServer.request("/mcp").header("Authorization", "Bearer " + token)
                .header("MCP-Protocol-Version", "2026-07-28").header("Mcp-Session-Id", "s-1").DELETE());
        HttpResponse<String> withSession = McpTestClient.postModern(token, "tools/list", Optional.empty(),
                McpTestClient.modernBody("tools/list", "2026-07-28", ""), "Mcp-Session-Id", "s-1");

        assertProblem(get, 405);
        assertProblem(delete, 405);
        assertThat(get.headers().firstValue("Allow").orElse("")).contains("POST");
        assertThat((List<?>) McpTestClient.result(withSession).get("tools")).hasSize(5);
        assertThat(withSession.headers().firstValue("Mcp-Session-Id")).isEmpty();
    }

    @Test
    void bodyWhenNotDeclaredJsonThen415Problem() {
        HttpResponse<String> response = ItServer.send(ItServer.request("/mcp")
                .header("Authorization", "Bearer " + token("form-poster", "read:notes"))
                .header("Content-Type", "text/plain").header("Accept", "application/json, text/event-stream")
                .header("MCP-Protocol-Version", "2026-07-28").header("Mcp-Method", "tools/list")
                .POST(HttpRequest.BodyPublishers.ofString(McpTestClient.modernBody("tools/list", "2026-07-28", ""))));

        assertProblem(response, 415);
    }

    @Test
    void notificationWhenSentUnderThe2026RevisionThen202() {
        HttpResponse<String> response = ItServer.send(ItServer.request("/mcp")
                .header("Authorization", "Bearer " + token("notifier", "read:notes"))
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .header("MCP-Protocol-Version", "2026-07-28").header("Mcp-Method", "notifications/cancelled")
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\","
                        + "\"params\":{\"requestId\":1," + McpTestClient.modernMeta("2026-07-28") + "}}")));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    }

    @Test
    void noTokenWhenUnderThe2026RevisionThen401PointingAtTheMcpMetadata() {
        HttpResponse<String> response = McpTestClient.postModern(null, "server/discover", Optional.empty(),
                McpTestClient.modernBody("server/discover", "2026-07-28", ""));

        assertProblem(response, 401);
        assertThat(ItServer.challenge(response)).contains("resource_metadata=\"" + METADATA_URL + "\"");
    }
}
