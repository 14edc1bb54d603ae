package dev.jwksguard.it;

import static dev.jwksguard.testsupport.HttpAsserts.assertProblem;
import static dev.jwksguard.testsupport.ItServer.JWKS;
import static dev.jwksguard.testsupport.ItServer.challenge;
import static dev.jwksguard.testsupport.ItServer.getWithToken;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jwksguard.testsupport.ItServer;
import dev.jwksguard.testsupport.TestKeys;
import dev.jwksguard.testsupport.TestTokens;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
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

/**
 * Known JWT attacks over HTTP: each answered 401 invalid_token, fast, and without any request
 * the JWKS endpoint did not expect (at most one rate-limited refetch for an unknown kid).
 */
@ExtendWith(ArquillianExtension.class)
class HostileTokensIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        JWKS.reset();
        return ItServer.war();
    }

    @BeforeEach
    void warmKeysAndResetCounts() {
        JWKS.reset().publish(TestKeys.PRIMARY, TestKeys.EC);
        // Make sure the keys are cached, so every count below is caused by the hostile token alone.
        assertThat(getWithToken("/api/me", TestTokens.valid().sign()).statusCode()).isEqualTo(200);
        JWKS.resetCount();
    }

    static Stream<Arguments> hostileTokens() {
        String stray = JWKS.strayUri();
        return Stream.of(
                row("alg none", 0, () -> TestTokens.valid().algorithm("none").unsigned()),
                row("alg NONE", 0, () -> TestTokens.valid().algorithm("NONE").unsigned()),
                row("alg none with a signature", 0, () -> TestTokens.valid().algorithm("none").unsigned() + "c2ln"),
                row("HS256 keyed with the published public key", 0,
                        () -> TestTokens.valid().hmacWithPublicKeyOf(TestKeys.PRIMARY).sign()),
                row("RS256 naming the EC key", 1,
                        () -> TestTokens.valid().signedWith(TestKeys.withKid(TestKeys.PRIMARY, "ec-key")).sign()),
                row("ES256 not allowed by default", 0,
                        () -> TestTokens.valid().signedWith(TestKeys.EC).algorithm("ES256").sign()),
                row("embedded jwk of the attacker", 1, () -> TestTokens.valid().signedWith(TestKeys.ROGUE)
                        .header("jwk", TestKeys.ROGUE.toParams(org.jose4j.jwk.JsonWebKey.OutputControlLevel.PUBLIC_ONLY))
                        .sign()),
                row("jku pointing elsewhere", 1, () -> TestTokens.valid().signedWith(TestKeys.ROGUE)
                        .header("jku", stray).sign()),
                row("x5u pointing elsewhere", 1, () -> TestTokens.valid().signedWith(TestKeys.ROGUE)
                        .header("x5u", stray).sign()),
                row("x5c with garbage", 1, () -> TestTokens.valid().signedWith(TestKeys.ROGUE)
                        .header("x5c", List.of("MIIBIjANBgkq")).sign()),
                row("kid path traversal", 1, () -> TestTokens.valid()
                        .signedWith(TestKeys.withKid(TestKeys.ROGUE, "../../../../etc/passwd")).sign()),
                row("kid SQL", 1, () -> TestTokens.valid()
                        .signedWith(TestKeys.withKid(TestKeys.ROGUE, "' OR '1'='1' --")).sign()),
                row("kid odd characters", 1, () -> TestTokens.valid()
                        .signedWith(TestKeys.withKid(TestKeys.ROGUE, "k\u0000\r\n\u202e\"\\")).sign()),
                row("kid huge", 1, () -> TestTokens.valid()
                        .signedWith(TestKeys.withKid(TestKeys.ROGUE, "k".repeat(3000))).sign()),
                row("JWE with a huge PBES2 count", 0, () -> TestTokens.segment(
                        "{\"alg\":\"PBES2-HS256+A128KW\",\"enc\":\"A128GCM\",\"p2c\":2000000000,\"p2s\":\"c2FsdA\"}")
                        + ".a.b.c.d"),
                row("nested JWT", 0, () -> TestTokens.valid().header("cty", "JWT").sign()),
                row("payload a JSON array", 0, () -> TestTokens.raw("{\"alg\":\"RS256\",\"kid\":\"primary-key\"}",
                        "[\"sub\"]", "c2ln")),
                row("header a JSON array", 0, () -> TestTokens.raw("[\"RS256\"]", "{}", "c2ln")),
                row("duplicate header member", 0, () -> TestTokens.raw(
                        "{\"alg\":\"RS256\",\"kid\":\"primary-key\",\"kid\":\"x\"}", "{}", "c2ln")),
                row("crit names an unknown header", 0, () -> TestTokens.valid().header("crit", List.of("zzz"))
                        .header("zzz", true).sign()),
                row("empty crit", 0, () -> TestTokens.valid().header("crit", List.of()).sign()),
                row("empty sub", 0, () -> TestTokens.valid().subject("").sign()),
                row("deflate flag on a JWS", 0, () -> TestTokens.valid().header("zip", "DEF").sign()),
                row("standard base64 instead of base64url", 0, () -> TestTokens.valid().sign().replace('-', '+')
                        .replace('_', '/') + "+/"),
                row("typ JWE", 0, () -> TestTokens.valid().type("JWE").sign()),
                row("typ id_token", 0, () -> TestTokens.valid().type("id_token").sign()),
                row("Keycloak ID token", 0, () -> TestTokens.valid().claim("typ", "ID").sign()),
                row("ID token for another client", 0, () -> TestTokens.valid().audience("client-id-123")
                        .claim("nonce", "n").sign()),
                row("just over the size cap", 0, () -> TestTokens.valid().claim("pad", "x".repeat(6200)).sign()));
    }

    private static Arguments row(String name, int allowedFetches, Supplier<String> token) {
        return Arguments.of(name, allowedFetches, token);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileTokens")
    void meWhenAHostileTokenThen401InvalidTokenWithoutUnexpectedFetch(String name, int allowedFetches,
                                                                     Supplier<String> token) {
        HttpResponse<String> response = getWithToken("/api/me", token.get());

        assertProblem(response, 401);
        assertThat(challenge(response)).contains("error=\"invalid_token\"");
        // No network wait is possible without a fetch: what makes a refusal quick, whatever the machine's load.
        assertThat(JWKS.requests()).as("JWKS fetches").isLessThanOrEqualTo(allowedFetches);
        assertThat(JWKS.strayRequests()).as("requests to URLs named in the token").isZero();
    }

    @Test
    void notesWhenTheTokenIsInAFormBodyThenItIsNotACredential() {
        HttpResponse<String> response = ItServer.send(ItServer.request("/api/notes")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("access_token=" + TestTokens.valid().sign())));

        assertProblem(response, 401);
        assertThat(challenge(response)).doesNotContain("error=");
    }

    @Test
    void meWhenAMegabyteHeaderThenRefusedWithoutCrash() {
        String huge = "a".repeat(1_000_000) + ".b.c";
        java.util.Optional<Integer> status;
        try {
            status = java.util.Optional.of(getWithToken("/api/me", huge).statusCode());
        } catch (IllegalStateException connectionClosedByServer) {
            status = java.util.Optional.empty(); // the container may drop such a request outright: also a refusal
        }

        status.ifPresent(refused -> assertThat(refused).isBetween(400, 499));
        // Either way, the server goes on serving.
        assertThat(getWithToken("/api/me", TestTokens.valid().sign()).statusCode()).isEqualTo(200);
    }

    @Test
    void challengesWhenRefusedThenDescriptionsAreFixedStringsWithoutQuotesOrControls() {
        HttpResponse<String> response = getWithToken("/api/me", TestTokens.valid().signedWith(
                TestKeys.withKid(TestKeys.ROGUE, "evil\"kid\\")).sign());

        Map<String, Object> problem = assertProblem(response, 401);
        assertThat(challenge(response)).doesNotContain("evil");
        assertThat(problem.get("detail").toString()).doesNotContain("evil");
    }
}
