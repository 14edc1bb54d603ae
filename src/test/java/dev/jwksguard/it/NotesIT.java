package dev.jwksguard.it;

import static dev.jwksguard.testsupport.HttpAsserts.assertProblem;
import static dev.jwksguard.testsupport.ItServer.JWKS;
import static dev.jwksguard.testsupport.ItServer.getWithToken;
import static dev.jwksguard.testsupport.ItServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jwksguard.testsupport.ItServer;
import dev.jwksguard.testsupport.TestTokens;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** /api/notes: scopes per method, each caller's notes private, bad input refused without effect. */
@ExtendWith(ArquillianExtension.class)
class NotesIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        JWKS.reset();
        return ItServer.war();
    }

    private static String token(String subject, String scope) {
        return TestTokens.valid().subject(subject).scope(scope).sign();
    }

    private static HttpResponse<String> post(String token, String contentType, String body) {
        return ItServer.send(ItServer.request("/api/notes")
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static HttpResponse<String> delete(String token, String path) {
        return ItServer.send(ItServer.request(path).header("Authorization", "Bearer " + token).DELETE());
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(String token) {
        HttpResponse<String> response = getWithToken("/api/notes", token);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        try {
            return (List<Map<String, Object>>) (List<?>) org.jose4j.json.JsonUtil.parseJson(
                    "{\"list\":" + response.body() + "}").get("list");
        } catch (org.jose4j.lang.JoseException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void notesWhenCreatedThenListedReadableAndDeletableByOwnerOnly() {
        String carol = token("carol", "read:notes write:notes");
        String dave = token("dave", "read:notes write:notes");

        HttpResponse<String> created = post(carol, "application/json", "{\"text\":\"carol's secret\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        Map<String, Object> note = json(created);
        String location = created.headers().firstValue("Location").orElseThrow();
        String path = "/api/notes/" + note.get("id");
        assertThat(location).endsWith(path);
        assertThat(note).containsEntry("text", "carol's secret");

        assertThat(list(carol)).extracting(n -> n.get("text")).containsExactly("carol's secret");
        assertThat(list(dave)).isEmpty();
        assertThat(getWithToken(path, carol).statusCode()).isEqualTo(200);
        assertProblem(getWithToken(path, dave), 404);
        assertProblem(delete(dave, path), 404);
        assertThat(getWithToken(path, carol).statusCode()).isEqualTo(200);

        assertThat(delete(carol, path).statusCode()).isEqualTo(204);
        assertProblem(getWithToken(path, carol), 404);
        assertThat(list(carol)).isEmpty();
    }

    @Test
    void notesWhenOnlyReadScopeThenReadButNotWrite() {
        String reader = token("erin", "read:notes");

        assertThat(getWithToken("/api/notes", reader).statusCode()).isEqualTo(200);
        HttpResponse<String> write = post(reader, "application/json", "{\"text\":\"x\"}");
        assertProblem(write, 403);
        assertThat(ItServer.challenge(write)).contains("error=\"insufficient_scope\"").contains("scope=\"write:notes\"");
        assertProblem(delete(reader, "/api/notes/1"), 403);
    }

    @Test
    void notesWhenOnlyWriteScopeThenCannotRead() {
        HttpResponse<String> response = getWithToken("/api/notes", token("frank", "write:notes"));

        assertProblem(response, 403);
        assertThat(ItServer.challenge(response)).contains("scope=\"read:notes\"");
    }

    @Test
    void notesWhenRolesComeFromGroupsClaimThenAccepted() {
        String token = TestTokens.valid().subject("gina").without("scope")
                .claim("groups", List.of("read:notes")).sign();

        assertThat(getWithToken("/api/notes", token).statusCode()).isEqualTo(200);
    }

    @Test
    void notesWhenReadRoleIsAKeycloakRealmRoleThenAcceptedButAClientRoleOfAnotherClientIsNot() {
        String realmRole = TestTokens.valid().subject("hal").without("scope").claim("typ", "Bearer")
                .claim("realm_access", Map.of("roles", List.of("read:notes", "offline_access"))).sign();
        String otherClientsRole = TestTokens.valid().subject("ida").without("scope").claim("typ", "Bearer")
                .claim("resource_access", Map.of("other-api", Map.of("roles", List.of("read:notes")))).sign();

        assertThat(getWithToken("/api/notes", realmRole).statusCode()).isEqualTo(200);
        assertProblem(getWithToken("/api/notes", otherClientsRole), 403);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"text\":", "[1,2,3]", "{\"text\":\"\"}", "{\"text\":\"   \"}", "{}", "null", ""})
    void notesWhenBodyInvalidThen400AndNothingStored(String body) {
        String henry = token("henry", "read:notes write:notes");

        HttpResponse<String> response = post(henry, "application/json", body);

        assertProblem(response, 400);
        assertThat(list(henry)).isEmpty();
    }

    @Test
    void notesWhenTextTooLongThen400AndNothingStored() {
        String ivan = token("ivan", "read:notes write:notes");

        assertProblem(post(ivan, "application/json", "{\"text\":\"" + "x".repeat(1001) + "\"}"), 400);
        assertThat(list(ivan)).isEmpty();
        assertThat(post(ivan, "application/json", "{\"text\":\"" + "x".repeat(1000) + "\"}").statusCode())
                .isEqualTo(201);
    }

    @Test
    void notesWhenBodyOversizedThen413AndNothingStored() {
        String judy = token("judy", "read:notes write:notes");

        assertProblem(post(judy, "application/json", "{\"text\":\"" + "x".repeat(40_000) + "\"}"), 413);
        assertThat(list(judy)).isEmpty();
    }

    @Test
    void notesWhenNotJsonThen415Problem() {
        String kim = token("kim", "read:notes write:notes");

        assertProblem(post(kim, "text/plain", "hello"), 415);
        assertThat(list(kim)).isEmpty();
    }

    @Test
    void notesWhenIdNotANumberThen404Problem() {
        assertProblem(getWithToken("/api/notes/abc", token("leo", "read:notes")), 404);
    }
}
