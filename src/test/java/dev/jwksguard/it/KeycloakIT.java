package dev.jwksguard.it;

import static dev.jwksguard.testsupport.HttpAsserts.assertProblem;
import static dev.jwksguard.testsupport.ItServer.JWKS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jwksguard.testsupport.ItServer;
import dev.jwksguard.testsupport.KeycloakServer;
import dev.jwksguard.testsupport.RestartableServer;
import dev.jwksguard.testsupport.TestTokens;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Real tokens from a real Keycloak 26 (dev mode, the realm in src/test/resources/keycloak), checked
 * by the WAR on Payara Micro configured by environment variables for two issuers at once: that
 * Keycloak realm, and the tests' own issuer with its JWKS stub (as an enterprise runs Auth0 for
 * ChatGPT beside Keycloak for internal clients).
 */
class KeycloakIT {

    private static KeycloakServer keycloak;
    private static RestartableServer payara;

    @BeforeAll
    static void startKeycloakThenPayara() throws Exception {
        Optional<Path> java21 = KeycloakServer.javaHome();
        if (java21.isEmpty()) {
            String message = "KeycloakIT NOT RUN: Keycloak needs Java 21+, and none was found (set KEYCLOAK_JAVA_HOME"
                    + " or -Dit.keycloak.javaHome)";
            System.err.println("\n" + "*".repeat(message.length()) + "\n" + message + "\n" + "*".repeat(message.length()));
            // CI has a Java 21+: there, a missing one is a broken machine, not a reason to skip.
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError(message + "; CI=true, so this is a failure, not a skip");
            }
            Assumptions.abort(message);
        }
        keycloak = KeycloakServer.start(java21.get());
        JWKS.reset();
        Path log = Files.createDirectories(Path.of("target", "payara-logs")).resolve("keycloak-it.log");
        payara = RestartableServer.start(Files.createTempDirectory("keycloak-it"), log, Map.of(
                // The single-issuer keys the other tests use do not combine with oauth.issuers.
                "OAUTH_ISSUER", "",
                "OAUTH_JWKS_URI", "",
                "OAUTH_ISSUERS", "keycloak,tests",
                "OAUTH_ISSUERS_KEYCLOAK_ISSUER", keycloak.issuer(),
                "OAUTH_ISSUERS_KEYCLOAK_AUDIENCE", "jwks-guard",
                "OAUTH_ISSUERS_KEYCLOAK_JWKS_URI", keycloak.jwksUri(),
                "OAUTH_ISSUERS_TESTS_ISSUER", TestTokens.ISSUER,
                // Its audience is the shared OAUTH_AUDIENCE the tests set.
                "OAUTH_ISSUERS_TESTS_JWKS_URI", JWKS.uri(),
                // The MCP endpoint for Keycloak's tokens only, for the audience Keycloak writes.
                "MCP_ISSUERS", "keycloak",
                "MCP_AUDIENCE", "jwks-guard"));
    }

    @AfterAll
    static void stop() {
        if (payara != null) {
            payara.close();
        }
        if (keycloak != null) {
            keycloak.close();
        }
    }

    private static String clientToken(String client, String scope) {
        return (String) keycloak.clientCredentials(client, client + "-secret", scope).get("access_token");
    }

    private static HttpResponse<String> call(String method, String path, String token, String jsonBody) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(payara.base() + path))
                .header("Authorization", "Bearer " + token);
        if (jsonBody == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(jsonBody));
        }
        return ItServer.send(request);
    }

    private static HttpResponse<String> get(String path, String token) {
        return call("GET", path, token, null);
    }

    private static Map<String, Object> json(HttpResponse<String> response) throws Exception {
        return JsonUtil.parseJson(response.body());
    }

    private static List<String> strings(Object jsonArray) {
        return ((List<?>) jsonArray).stream().map(String::valueOf).toList();
    }

    private static Map<String, Object> header(String token) throws Exception {
        return JsonUtil.parseJson(new String(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))),
                StandardCharsets.UTF_8));
    }

    private static HttpResponse<String> mcpToolsList(String token) {
        return ItServer.send(HttpRequest.newBuilder(URI.create(payara.base() + "/mcp"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}")));
    }

    @Test
    void mcpWhenNarrowedToOneIssuerThenOnlyItsTokensOpenItAndOnlyItIsInItsMetadata() throws Exception {
        String fromKeycloak = clientToken("notes-scoped", "read:notes");
        // A valid token of the other trusted issuer, even for the audience /mcp accepts.
        String fromTests = TestTokens.valid().audience("jwks-guard").scope("read:notes").sign();

        HttpResponse<String> keycloakAtMcp = mcpToolsList(fromKeycloak);
        HttpResponse<String> testsAtMcp = mcpToolsList(fromTests);
        HttpResponse<String> mcpMetadata = ItServer.send(HttpRequest.newBuilder(
                URI.create(payara.base() + "/.well-known/oauth-protected-resource/mcp")));
        HttpResponse<String> apiMetadata = ItServer.send(HttpRequest.newBuilder(
                URI.create(payara.base() + "/.well-known/oauth-protected-resource")));

        assertThat(keycloakAtMcp.statusCode()).as(keycloakAtMcp.body()).isEqualTo(200);
        assertProblem(testsAtMcp, 401);
        assertThat(testsAtMcp.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("error=\"invalid_token\"");
        assertThat(strings(json(mcpMetadata).get("authorization_servers"))).containsExactly(keycloak.issuer());
        assertThat(strings(json(apiMetadata).get("authorization_servers")))
                .containsExactly(keycloak.issuer(), TestTokens.ISSUER);
        // The REST API still takes both issuers' tokens.
        assertThat(get("/api/me", TestTokens.valid().scope("read:notes").sign()).statusCode()).isEqualTo(200);
    }

    @Test
    void clientCredentialsTokenWhenScopesRequestedThenTheCallerIsKeycloaksAndNotesFollowTheScopes() throws Exception {
        String reader = clientToken("notes-scoped", "read:notes");

        HttpResponse<String> me = get("/api/me", reader);
        assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
        assertThat(json(me)).containsEntry("issuer", keycloak.issuer()).containsEntry("audience", List.of("jwks-guard"));
        assertThat(get("/api/notes", reader).statusCode()).isEqualTo(200);
        HttpResponse<String> refused = call("POST", "/api/notes", reader, "{\"text\":\"no write scope\"}");
        assertProblem(refused, 403);
        assertThat(refused.headers().firstValue("WWW-Authenticate").orElseThrow())
                .contains("error=\"insufficient_scope\"").contains("write:notes");

        String writer = clientToken("notes-scoped", "read:notes write:notes");
        HttpResponse<String> created = call("POST", "/api/notes", writer, "{\"text\":\"from keycloak\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(get("/api/notes", writer).body()).contains("from keycloak");
    }

    @Test
    void realmRolesWhenNoScopeRequestedThenTheNotesRolesComeFromRealmAccess() throws Exception {
        String token = clientToken("notes-realm-roles", "");

        assertThat(strings(json(get("/api/me", token)).get("roles"))).contains("read:notes", "write:notes");
        HttpResponse<String> created = call("POST", "/api/notes", token, "{\"text\":\"by realm role\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }

    @Test
    void tokenWhenNoRoleForTheResourceThen403() {
        // Requested without scopes, this client's service account has only Keycloak's default roles.
        String token = clientToken("notes-scoped", "");

        assertThat(get("/api/me", token).statusCode()).isEqualTo(200);
        assertProblem(get("/api/notes", token), 403);
        assertProblem(get("/api/admin/jwks", token), 403);
    }

    @Test
    void tokenWhenTheRealmHasNoAudienceMapperThen401WrongAudience() {
        // Keycloak's commonest setup mistake: without an audience mapper the token names no audience of ours.
        HttpResponse<String> response = get("/api/notes", clientToken("no-audience", ""));

        assertProblem(response, 401);
        assertThat(response.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("error=\"invalid_token\"");
    }

    @Test
    void idTokenWhenSentAsAnAccessTokenThenRefusedThoughItsAudienceIsOurs() throws Exception {
        String idToken = (String) keycloak.password("notes-cli", "alice", "alice-password", "openid").get("id_token");
        Map<String, Object> claims = JsonUtil.parseJson(new String(Base64.getUrlDecoder().decode(
                idToken.split("\\.")[1]), StandardCharsets.UTF_8));
        assertThat(claims).containsEntry("typ", "ID");
        assertThat(strings(claims.get("aud"))).contains("jwks-guard");

        assertProblem(get("/api/me", idToken), 401);
    }

    @Test
    void meWhenKeycloakRotatesThroughItsAdminApiThenNewTokensAcceptedAndEarlierOnesToo() throws Exception {
        String before = clientToken("notes-scoped", "read:notes");
        assertThat(get("/api/notes", before).statusCode()).isEqualTo(200);

        keycloak.rotateSigningKey();
        String after = clientToken("notes-scoped", "read:notes");

        assertThat(header(after).get("kid")).isNotEqualTo(header(before).get("kid"));
        HttpResponse<String> response = get("/api/notes", after);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        // The earlier key is still published, so its tokens still pass.
        assertThat(get("/api/notes", before).statusCode()).isEqualTo(200);
    }

    @Test
    void notesWhenTwoIssuersNameTheSameSubjectThenEachKeepsItsOwn() throws Exception {
        String keycloakWriter = clientToken("notes-realm-roles", "");
        String subject = (String) json(get("/api/me", keycloakWriter)).get("subject");
        HttpResponse<String> created = call("POST", "/api/notes", keycloakWriter, "{\"text\":\"keycloak's own\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String noteId = String.valueOf(json(created).get("id"));

        // Another trusted issuer's token with the very same sub is another person.
        String sameSubjectElsewhere = TestTokens.valid().subject(subject).scope("read:notes write:notes").sign();
        assertThat(get("/api/notes", sameSubjectElsewhere).body()).doesNotContain("keycloak's own");
        assertProblem(get("/api/notes/" + noteId, sameSubjectElsewhere), 404);
        assertProblem(call("DELETE", "/api/notes/" + noteId, sameSubjectElsewhere, null), 404);
        assertThat(get("/api/notes", keycloakWriter).body()).contains("keycloak's own");
    }

    @Test
    void bothIssuersWhenConfiguredThenEachTokenRoutedAndOperatorsSeeBoth() throws Exception {
        assertThat(get("/api/me", TestTokens.valid().scope("read:notes").sign()).statusCode()).isEqualTo(200);
        int stubFetches = JWKS.requests();

        assertProblem(get("/api/me", TestTokens.valid().issuer("https://unknown.example/").sign()), 401);
        assertThat(JWKS.requests()).as("an unknown issuer costs no fetch").isEqualTo(stubFetches);

        HttpResponse<String> metadata = ItServer.send(HttpRequest.newBuilder(
                URI.create(payara.base() + "/.well-known/oauth-protected-resource")));
        assertThat(json(metadata).get("authorization_servers")).isEqualTo(List.of(keycloak.issuer(), TestTokens.ISSUER));

        HttpResponse<String> status = get("/api/admin/jwks", clientToken("ops", ""));
        assertThat(status.statusCode()).as(status.body()).isEqualTo(200);
        assertThat(((List<?>) json(status).get("issuers")).stream().map(issuer -> ((Map<?, ?>) issuer).get("name"))
                .map(String::valueOf).toList())
                .containsExactly("keycloak", "tests");

        HttpResponse<String> ready = ItServer.send(HttpRequest.newBuilder(URI.create(payara.base() + "/health/ready")));
        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
        assertThat(ready.body()).contains("keycloak.state").contains("tests.state");
    }
}
