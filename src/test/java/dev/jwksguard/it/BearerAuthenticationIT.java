package dev.jwksguard.it;

import static dev.jwksguard.testsupport.HttpAsserts.assertProblem;
import static dev.jwksguard.testsupport.ItServer.JWKS;
import static dev.jwksguard.testsupport.ItServer.challenge;
import static dev.jwksguard.testsupport.ItServer.get;
import static dev.jwksguard.testsupport.ItServer.getWithToken;
import static dev.jwksguard.testsupport.ItServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jwksguard.testsupport.ItServer;
import dev.jwksguard.testsupport.TestKeys;
import dev.jwksguard.testsupport.TestTokens;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The RFC 6750 failure table and the happy path, over real HTTP against the packaged WAR. */
@ExtendWith(ArquillianExtension.class)
class BearerAuthenticationIT {

    private static final String METADATA = "resource_metadata=\"https://api.test.invalid/.well-known/oauth-protected-resource\"";

    @Deployment(testable = false)
    static WebArchive deployment() {
        JWKS.reset();
        return ItServer.war();
    }

    @BeforeEach
    void normalJwks() {
        JWKS.publish(TestKeys.PRIMARY).mode(dev.jwksguard.testsupport.JwksStub.Mode.NORMAL);
    }

    @Test
    void meWhenTokenValidThenCallerDescribedAndNotCacheable() {
        HttpResponse<String> response = getWithToken("/api/me", TestTokens.valid().subject("bob").sign());

        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, Object> me = json(response);
        assertThat(me).containsEntry("subject", "bob").containsEntry("issuer", TestTokens.ISSUER);
        assertThat(me.get("roles")).isEqualTo(List.of("read:notes", "write:notes"));
        assertThat(me.get("audience")).isEqualTo(List.of(TestTokens.AUDIENCE));
        assertThat(me).containsKey("expiresAt");
        assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
    }

    @Test
    void meWhenLowercaseSchemeThenAccepted() {
        HttpResponse<String> response = get("/api/me", "Authorization", "bearer " + TestTokens.valid().sign());

        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void meWhenNoCredentialsThen401ChallengeWithoutError() {
        HttpResponse<String> response = get("/api/me");

        assertProblem(response, 401);
        assertThat(challenge(response)).startsWith("Bearer ").contains(METADATA).doesNotContain("error=");
    }

    @Test
    void meWhenBasicCredentialsThen401ChallengeWithoutError() {
        HttpResponse<String> response = get("/api/me", "Authorization", "Basic YWxpY2U6c2VjcmV0");

        assertProblem(response, 401);
        assertThat(challenge(response)).startsWith("Bearer ").doesNotContain("error=");
    }

    @Test
    void meWhenTokenOnlyInQueryThen401WithoutError() {
        HttpResponse<String> response = get("/api/me?access_token=" + TestTokens.valid().sign());

        assertProblem(response, 401);
        assertThat(challenge(response)).doesNotContain("error=");
    }

    @Test
    void meWhenTwoAuthorizationHeadersThen400InvalidRequest() {
        String token = TestTokens.valid().sign();
        HttpResponse<String> response = ItServer.send(ItServer.request("/api/me")
                .header("Authorization", "Bearer " + token).header("Authorization", "Bearer " + token));

        assertProblem(response, 400);
        assertThat(challenge(response)).contains("error=\"invalid_request\"");
    }

    @Test
    void meWhenBearerValueMalformedThen400InvalidRequest() {
        HttpResponse<String> response = get("/api/me", "Authorization", "Bearer abc def");

        assertProblem(response, 400);
        assertThat(challenge(response)).contains("error=\"invalid_request\"");
    }

    static Stream<Arguments> invalidTokens() {
        Instant now = Instant.now();
        return Stream.of(
                Arguments.of("expired", TestTokens.valid().issuedAt(now.minusSeconds(900))
                        .expiredAt(now.minusSeconds(600)).sign(), "The access token expired"),
                Arguments.of("nbf in the future", TestTokens.valid().notBefore(now.plusSeconds(600))
                        .expiredAt(now.plusSeconds(1200)).sign(),
                        "The access token is not yet valid"),
                Arguments.of("wrong issuer", TestTokens.valid().issuer("https://evil.example/").sign(),
                        "The token issuer is not trusted"),
                Arguments.of("wrong audience", TestTokens.valid().audience("https://other.example/").sign(),
                        "The token is not meant for this resource"),
                Arguments.of("no exp", TestTokens.valid().without("exp").sign(),
                        "The access token lacks a required claim"),
                Arguments.of("no sub", TestTokens.valid().without("sub").sign(),
                        "The access token lacks a required claim"),
                Arguments.of("alg none", TestTokens.valid().algorithm("none").unsigned(),
                        "The token signing algorithm is not accepted"),
                Arguments.of("HS256 with the public key", TestTokens.valid().hmacWithPublicKeyOf(TestKeys.PRIMARY)
                        .sign(), "The token signing algorithm is not accepted"),
                Arguments.of("unknown kid", TestTokens.valid().signedWith(TestKeys.ROGUE).sign(),
                        "The signing key is unknown"),
                Arguments.of("bad signature", TestTokens.valid()
                        .signedWith(TestKeys.withKid(TestKeys.ROGUE, "primary-key")).sign(),
                        "The token signature is invalid"),
                Arguments.of("not a JWT", "not-a-jwt", "The access token is malformed"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidTokens")
    void meWhenTokenInvalidThen401InvalidTokenWithFixedDescription(String name, String token, String description) {
        HttpResponse<String> response = getWithToken("/api/me", token);

        Map<String, Object> problem = assertProblem(response, 401);
        assertThat(challenge(response)).startsWith("Bearer ").contains(METADATA)
                .contains("error=\"invalid_token\"")
                .contains("error_description=\"" + description + "\"");
        assertThat(problem).containsEntry("error", "invalid_token").containsEntry("detail", description);
        assertThat(response.body()).doesNotContain(token);
    }

    @Test
    void notesWhenScopeMissingThen403InsufficientScopeNamingIt() {
        String readOnly = TestTokens.valid().scope("read:notes").sign();
        HttpResponse<String> response = ItServer.send(ItServer.request("/api/notes")
                .header("Authorization", "Bearer " + readOnly)
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"text\":\"hi\"}")));

        assertProblem(response, 403);
        assertThat(challenge(response)).startsWith("Bearer ").contains("error=\"insufficient_scope\"")
                .contains("scope=\"write:notes\"");
    }

    @Test
    void notesWhenScopeMissingThenProblemAndChallengeTellTheSameRefusal() {
        HttpResponse<String> response = getWithToken("/api/notes", TestTokens.valid().scope("write:notes").sign());

        Map<String, Object> problem = assertProblem(response, 403);
        assertThat(problem).containsEntry("error", "insufficient_scope");
        assertThat(challenge(response)).contains(METADATA)
                .contains("error_description=\"" + problem.get("detail") + "\"")
                .contains("scope=\"read:notes\"");
    }

    @Test
    void pingWhenAnonymousOrWithABadTokenThen200WithoutAChallenge() {
        HttpResponse<String> anonymous = get("/api/ping");
        HttpResponse<String> badToken = getWithToken("/api/ping", "not-a-jwt");

        assertThat(anonymous.statusCode()).isEqualTo(200);
        assertThat(anonymous.body()).isEqualTo("ok");
        assertThat(badToken.statusCode()).isEqualTo(200);
        assertThat(challenge(anonymous)).isEmpty();
        assertThat(getWithToken("/api/ping/more", "not-a-jwt").statusCode()).as("only the exact path is open")
                .isEqualTo(401);
    }

    @Test
    void applicationWadlWhenAValidTokenThen404() {
        HttpResponse<String> response = getWithToken("/api/application.wadl", TestTokens.valid().sign());

        assertProblem(response, 404);
        assertThat(response.body()).doesNotContain("/notes");
    }

    @Test
    void meWhenAuthorizationHeaderAboveTheTokenCapButWithinTheServerBufferThen401TooLarge() {
        HttpResponse<String> response = get("/api/me", "Authorization", "Bearer " + "a".repeat(12 * 1024));

        assertProblem(response, 401);
        assertThat(challenge(response)).contains("error_description=\"The access token is too large\"");
    }

    /**
     * The documented limit: Payara answers a header beyond its 16 KiB buffer itself, before any
     * application code. WildFly's buffer is larger (1 MiB), so the token cap answers there.
     */
    @Test
    void meWhenAuthorizationHeaderBeyondTheServerBufferThen400FromTheServer() {
        HttpResponse<String> response = get("/api/me", "Authorization", "Bearer " + "a".repeat(20 * 1024));

        if (ItServer.isWildFly()) {
            assertProblem(response, 401);
            assertThat(challenge(response)).contains("error_description=\"The access token is too large\"");
        } else {
            assertThat(response.statusCode()).isEqualTo(400);
        }
    }

    @Test
    void metadataWhenAskedThenNamesResourceAndIssuer() {
        HttpResponse<String> response = get("/.well-known/oauth-protected-resource");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        Map<String, Object> metadata = json(response);
        assertThat(metadata).containsEntry("resource", "https://api.test.invalid/")
                .containsEntry("authorization_servers", List.of(TestTokens.ISSUER))
                .containsEntry("bearer_methods_supported", List.of("header"))
                .containsEntry("scopes_supported", List.of("read:notes", "write:notes"));
    }

    @Test
    void unknownPathWhenNoTokenThenProblemNotHtml() {
        HttpResponse<String> response = get("/no/such/thing");

        assertProblem(response, 404);
    }

    @Test
    void unknownApiPathWhenAValidTokenThenProblemNotHtml() {
        HttpResponse<String> response = getWithToken("/api/no-such-thing", TestTokens.valid().sign());

        assertProblem(response, 404);
    }
}
