package dev.jwksguard.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwksguard.testsupport.AuditLines;
import dev.jwksguard.testsupport.DocBlock;
import dev.jwksguard.testsupport.McpTestClient;
import dev.jwksguard.testsupport.RestartableServer;
import dev.jwksguard.testsupport.TestTokens;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The audit trail, on a Payara Micro of its own whose audit logger goes to a file of its own exactly
 * as docs/operations.md tells an operator to route it: one JSON line per write and per admin action,
 * by REST and by MCP tool in both revisions, allowed or refused, with who, through which client, what,
 * to which object and how it ended; never a token, a claim set or a note's text.
 */
class AuditTrailIT {

    private static final Set<String> FIELDS = Set.of("time", "requestId", "subject", "issuer", "client", "surface",
            "action", "object", "outcome");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** Every token this class sends: none may be in the audit file. */
    private static final List<String> TOKENS = new ArrayList<>();

    private static RestartableServer payara;
    private static Path auditFile;
    private static Path serverLog;

    @BeforeAll
    static void start() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "payara-logs")).toAbsolutePath();
        auditFile = dir.resolve("audit-trail-it.0.log");
        serverLog = dir.resolve("audit-trail-it-server.log");
        Files.deleteIfExists(auditFile);
        Files.deleteIfExists(serverLog);
        // Payara's logging.properties as the run command passes it, plus the recipe of the docs.
        String recipe = DocBlock.containing(Path.of("docs/operations.md"), "dev.jwksguard.audit.handlers")
                .replace("/var/log/jwks-guard/audit.%g.log", dir.resolve("audit-trail-it.%g.log").toString());
        Path logging = dir.resolve("audit-trail-it-logging.properties");
        Files.writeString(logging, Files.readString(Path.of("server-config/payara-micro/logging.properties"))
                + "\n" + recipe);
        payara = RestartableServer.start(Files.createTempDirectory("audit-trail"), serverLog, Map.of(),
                List.of("--logproperties", logging.toString()));
    }

    @AfterAll
    static void stop() {
        if (payara != null) {
            payara.close();
        }
    }

    @Test
    void restWritesWhenAllowedOrRefusedThenEachWritesOneLineWithWhoWhatWhichObjectAndHow() throws Exception {
        String writer = token(TestTokens.valid().subject("audit-rest-writer").scope("read:notes write:notes")
                .claim("client_id", "rest-client-1"));
        String secretText = "secret note text " + UUID.randomUUID();
        HttpResponse<String> created = send(writer, "POST", "/api/notes", "{\"text\":\"" + secretText + "\"}",
                "X-Request-Id", "audit-rest-create");
        assertThat(created.statusCode()).isEqualTo(201);
        String id = created.headers().firstValue("Location").orElseThrow().replaceAll(".*/", "");
        assertThat(send(writer, "DELETE", "/api/notes/" + id, null).statusCode()).isEqualTo(204);
        assertThat(send(writer, "DELETE", "/api/notes/" + id, null).statusCode()).isEqualTo(404);
        assertThat(send(writer, "POST", "/api/notes", "{\"text\":\"\"}").statusCode()).isEqualTo(400);
        String reader = token(TestTokens.valid().subject("audit-rest-reader").scope("read:notes").claim("azp", "spa-2"));
        assertThat(send(reader, "POST", "/api/notes", "{\"text\":\"" + secretText + "\"}").statusCode()).isEqualTo(403);

        List<JsonObject> writes = AuditLines.await(auditFile, "audit-rest-writer", 4);
        assertThat(writes).extracting(line -> line.getString("action") + " " + line.getString("outcome"))
                .containsExactly("create_note success", "delete_note success", "delete_note not_found",
                        "create_note invalid");
        JsonObject create = writes.get(0);
        assertThat(create.getString("requestId")).isEqualTo("audit-rest-create");
        assertThat(create.getString("object")).isEqualTo(id);
        assertThat(create.getString("surface")).isEqualTo("rest");
        assertThat(create.getString("issuer")).isEqualTo(TestTokens.ISSUER);
        assertThat(create.getString("client")).isEqualTo("rest-client-1");
        assertThat(Instant.parse(create.getString("time"))).isBetween(Instant.now().minusSeconds(120), Instant.now());
        assertThat(writes.get(1).getString("object")).isEqualTo(id);
        assertThat(writes.get(1).getString("requestId")).as("an id of our own when none was sent").isNotBlank()
                .isNotEqualTo("audit-rest-create");
        assertThat(writes.get(3).containsKey("object")).as("an invalid create has no object").isFalse();

        List<JsonObject> refused = AuditLines.await(auditFile, "audit-rest-reader", 1);
        assertThat(refused.get(0).getString("action")).isEqualTo("create_note");
        assertThat(refused.get(0).getString("outcome")).isEqualTo("insufficient_scope");
        assertThat(refused.get(0).getString("client")).as("azp when there is no client_id").isEqualTo("spa-2");
        assertNothingSecret(secretText);
    }

    @Test
    void mcpToolCallsWhenEitherRevisionThenEachWriteWritesOneLineAndReadsNone() throws Exception {
        String writer = token(TestTokens.valid().forMcp().subject("audit-mcp-writer").scope("read:notes write:notes")
                .claim("client_id", "chatgpt-test"));
        String secretText = "mcp secret " + UUID.randomUUID();
        // 2025-11-25: create and delete, then a read, which is not audited.
        HttpResponse<String> created = mcp(writer, McpTestClient.toolsCall("create_note",
                "{\"text\":\"" + secretText + "\"}"), "MCP-Protocol-Version", "2025-11-25");
        String id = String.valueOf(structured(created).get("id"));
        mcp(writer, McpTestClient.toolsCall("delete_note", "{\"id\":" + id + "}"), "MCP-Protocol-Version", "2025-11-25");
        mcp(writer, McpTestClient.toolsCall("list_notes", "{}"), "MCP-Protocol-Version", "2025-11-25");
        // 2026-07-28: a create, and a delete of what is not there.
        HttpResponse<String> modern = mcp(writer, McpTestClient.modernBody("tools/call", "2026-07-28",
                "\"name\":\"create_note\",\"arguments\":{\"text\":\"" + secretText + "\"}"),
                "MCP-Protocol-Version", "2026-07-28", "Mcp-Method", "tools/call", "Mcp-Name", "create_note",
                "X-Request-Id", "audit-mcp-modern");
        String modernId = String.valueOf(structured(modern).get("id"));
        mcp(writer, McpTestClient.modernBody("tools/call", "2026-07-28",
                "\"name\":\"delete_note\",\"arguments\":{\"id\":999999999}"),
                "MCP-Protocol-Version", "2026-07-28", "Mcp-Method", "tools/call", "Mcp-Name", "delete_note");
        // A 2026-07-28 call without the scope: refused with HTTP 403 before the tool runs, audited all the same.
        String reader = token(TestTokens.valid().forMcp().subject("audit-mcp-reader").scope("read:notes"));
        assertThat(post(reader, "/mcp", McpTestClient.modernBody("tools/call", "2026-07-28",
                "\"name\":\"create_note\",\"arguments\":{\"text\":\"" + secretText + "\"}"),
                "MCP-Protocol-Version", "2026-07-28", "Mcp-Method", "tools/call", "Mcp-Name", "create_note")
                .statusCode()).isEqualTo(403);

        List<JsonObject> writes = AuditLines.await(auditFile, "audit-mcp-writer", 4);
        assertThat(writes).extracting(line -> line.getString("action") + " " + line.getString("outcome") + " "
                + line.getString("object", "-"))
                .containsExactly("create_note success " + id, "delete_note success " + id,
                        "create_note success " + modernId, "delete_note not_found 999999999");
        assertThat(writes).allSatisfy(line -> {
            assertThat(line.getString("surface")).isEqualTo("mcp");
            assertThat(line.getString("client")).isEqualTo("chatgpt-test");
        });
        assertThat(writes.get(2).getString("requestId")).isEqualTo("audit-mcp-modern");
        List<JsonObject> refused = AuditLines.await(auditFile, "audit-mcp-reader", 1);
        assertThat(refused.get(0).getString("action")).isEqualTo("create_note");
        assertThat(refused.get(0).getString("outcome")).isEqualTo("insufficient_scope");
        assertThat(refused.get(0).getString("client")).isEqualTo("-");
        assertNothingSecret(secretText);
    }

    @Test
    void adminActionsWhenAnOperatorRefetchesOrChecksATokenThenEachWritesOneLine() throws Exception {
        String admin = token(TestTokens.valid().subject("audit-operator").scope("admin:jwks"));
        String checked = token(TestTokens.valid().subject("someone-else"));
        assertThat(send(admin, "POST", "/api/admin/jwks/refresh", "").statusCode()).isEqualTo(200);
        HttpResponse<String> check = HTTP.send(HttpRequest.newBuilder(URI.create(payara.base() + "/api/admin/token-check"))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "text/plain")
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(checked)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(check.statusCode()).isEqualTo(200);

        List<JsonObject> actions = AuditLines.await(auditFile, "audit-operator", 2);
        assertThat(actions).extracting(line -> line.getString("surface") + " " + line.getString("action") + " "
                + line.getString("outcome")).containsExactly("rest jwks_refetch success", "rest token_check success");
        assertThat(Files.readString(auditFile)).as("the checked token's subject").doesNotContain("someone-else");
        assertNothingSecret(null);
    }

    @Test
    void theServerLogWhenTheAuditLoggerIsRoutedThenHasNoAuditLine() throws Exception {
        String writer = token(TestTokens.valid().subject("audit-routed").scope("write:notes"));
        assertThat(send(writer, "POST", "/api/notes", "{\"text\":\"routed\"}").statusCode()).isEqualTo(201);
        AuditLines.await(auditFile, "audit-routed", 1);
        assertThat(Files.readString(serverLog)).doesNotContain("audit-routed").doesNotContain("\"surface\"");
    }

    /** Every line is one JSON object with the audit fields only; no token sent, no note's text. */
    private static void assertNothingSecret(String noteText) throws Exception {
        String file = Files.readString(auditFile);
        for (String line : file.lines().toList()) {
            assertThat(FIELDS).as(line).containsAll(AuditLines.parse(line).keySet());
        }
        synchronized (TOKENS) {
            for (String token : TOKENS) {
                assertThat(file).doesNotContain(token).doesNotContain(token.substring(token.lastIndexOf('.') + 1));
            }
        }
        if (noteText != null) {
            assertThat(file).doesNotContain(noteText);
        }
    }

    private static String token(TestTokens token) {
        String signed = token.sign();
        synchronized (TOKENS) {
            TOKENS.add(signed);
        }
        return signed;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> structured(HttpResponse<String> response) {
        return (Map<String, Object>) McpTestClient.result(response).get("structuredContent");
    }

    private static HttpResponse<String> mcp(String token, String body, String... headers) {
        HttpResponse<String> response = post(token, "/mcp", body, headers);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response;
    }

    private static HttpResponse<String> post(String token, String path, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(payara.base() + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream").timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return call(request);
    }

    private static HttpResponse<String> send(String token, String method, String path, String json, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(payara.base() + path))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(30))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return call(request);
    }

    private static HttpResponse<String> call(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
