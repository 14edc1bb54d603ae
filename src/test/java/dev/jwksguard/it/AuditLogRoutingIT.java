package dev.jwksguard.it;

import static dev.jwksguard.testsupport.ItServer.JWKS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jwksguard.testsupport.AuditLines;
import dev.jwksguard.testsupport.ItServer;
import dev.jwksguard.testsupport.McpTestClient;
import dev.jwksguard.testsupport.ServerAdmin;
import dev.jwksguard.testsupport.TestTokens;
import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The audit trail on the full servers, routed to a file of its own by the admin commands that
 * docs/operations.md gives (WildFly's jboss-cli, Payara Server's asadmin): a REST write, an MCP
 * tool call and an operator's refetch each write their line there, and not in the server log.
 * Payara Micro's routing and every field are pinned by AuditTrailIT.
 */
@ExtendWith(ArquillianExtension.class)
class AuditLogRoutingIT {

    private static final ServerAdmin ADMIN = ServerAdmin.forThisRun();

    @Deployment(testable = false)
    static WebArchive deployment() {
        JWKS.reset();
        return ItServer.war();
    }

    @Test
    void auditLinesWhenRoutedAsTheDocsSayThenInTheirOwnFileForEverySurfaceAndNotInTheServerLog() throws Exception {
        Path auditFile = ADMIN.routeAuditLog();
        String subject = "routed-" + UUID.randomUUID();
        String secretText = "routed secret " + UUID.randomUUID();
        String writer = TestTokens.valid().subject(subject).scope("read:notes write:notes admin:jwks")
                .claim("client_id", "routing-client").sign();
        HttpResponse<String> created = ItServer.send(ItServer.request("/api/notes")
                .header("Authorization", "Bearer " + writer).header("Content-Type", "application/json")
                .header("X-Request-Id", "routing-rest").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"text\":\"" + secretText + "\"}")));
        assertThat(created.statusCode()).isEqualTo(201);
        String mcpToken = TestTokens.valid().forMcp().subject(subject).scope("write:notes")
                .claim("client_id", "routing-client").sign();
        HttpResponse<String> called = McpTestClient.postModern(mcpToken, "tools/call", Optional.of("create_note"),
                McpTestClient.modernBody("tools/call", "2026-07-28",
                        "\"name\":\"create_note\",\"arguments\":{\"text\":\"" + secretText + "\"}"));
        assertThat(called.statusCode()).as(called.body()).isEqualTo(200);
        assertThat(ItServer.send(ItServer.request("/api/admin/jwks/refresh").header("Authorization", "Bearer " + writer)
                .POST(HttpRequest.BodyPublishers.noBody())).statusCode()).isEqualTo(200);

        List<JsonObject> lines = AuditLines.await(auditFile, subject, 3);
        assertThat(lines).extracting(line -> line.getString("surface") + " " + line.getString("action") + " "
                + line.getString("outcome")).as(ItServer.SERVER)
                .containsExactly("rest create_note success", "mcp create_note success", "rest jwks_refetch success");
        assertThat(lines.get(0).getString("requestId")).isEqualTo("routing-rest");
        assertThat(lines.get(0).getString("object")).isEqualTo(
                created.headers().firstValue("Location").orElseThrow().replaceAll(".*/", ""));
        assertThat(lines).allSatisfy(line -> {
            assertThat(line.getString("issuer")).isEqualTo(TestTokens.ISSUER);
            assertThat(line.getString("client")).isEqualTo("routing-client");
        });
        String file = Files.readString(auditFile);
        assertThat(file).doesNotContain(secretText).doesNotContain(writer).doesNotContain(mcpToken);
        assertThat(Files.readString(ADMIN.serverLog())).as("the server log").doesNotContain(subject);
    }
}
