package dev.jwksguard.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwksguard.testsupport.JwksStub;
import dev.jwksguard.testsupport.TestKeys;
import dev.jwksguard.testsupport.TestTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The mechanism's decisions: the RFC 6750 failure table without a container. */
class BearerAuthenticatorTest {

    private static final JwksStub JWKS = JwksStub.start(0);
    private static final String METADATA = "https://api.test.invalid/.well-known/x";

    private BearerAuthenticator authenticator;

    @BeforeEach
    void setUp() {
        JWKS.reset();
        authenticator = TestSettings.authenticator(TestSettings.settings(JWKS.uri()));
    }

    @AfterAll
    static void stop() {
        JWKS.close();
    }

    private AuthOutcome.Refused refused(List<String> headers) {
        AuthOutcome outcome = authenticator.authenticate(headers, true);
        assertThat(outcome).isInstanceOf(AuthOutcome.Refused.class);
        return (AuthOutcome.Refused) outcome;
    }

    @Test
    void authenticateWhenValidTokenThenCallerWithRoles() {
        AuthOutcome outcome = authenticator.authenticate(TestTokens.bearer(TestTokens.valid().sign()), true);

        assertThat(outcome).isInstanceOfSatisfying(AuthOutcome.Authenticated.class,
                ok -> assertThat(ok.caller().getGroups()).containsExactlyInAnyOrder("read:notes", "write:notes"));
    }

    @Test
    void authenticateWhenLowercaseSchemeThenAccepted() {
        AuthOutcome outcome = authenticator.authenticate(List.of("bearer " + TestTokens.valid().sign()), true);

        assertThat(outcome).isInstanceOf(AuthOutcome.Authenticated.class);
    }

    @Test
    void authenticateWhenNoCredentialsThen401ChallengeWithoutErrorCode() {
        AuthOutcome.Refused refused = refused(List.of());

        assertThat(refused.error().status()).isEqualTo(401);
        assertThat(refused.error().code()).isEmpty();
        assertThat(refused.error().challenge(METADATA)).contains("Bearer resource_metadata=\"" + METADATA + "\"");
    }

    @Test
    void authenticateWhenBasicSchemeThenTreatedAsNoCredentials() {
        AuthOutcome.Refused refused = refused(List.of("Basic YWxpY2U6c2VjcmV0"));

        assertThat(refused.error().status()).isEqualTo(401);
        assertThat(refused.error().code()).isEmpty();
    }

    @Test
    void authenticateWhenTwoHeadersThen400InvalidRequest() {
        String token = TestTokens.valid().sign();
        AuthOutcome.Refused refused = refused(List.of("Bearer " + token, "Bearer " + token));

        assertThat(refused.error().status()).isEqualTo(400);
        assertThat(refused.error().code()).contains("invalid_request");
    }

    @Test
    void authenticateWhenEmptyBearerThen400InvalidRequest() {
        AuthOutcome.Refused refused = refused(List.of("Bearer "));

        assertThat(refused.error().status()).isEqualTo(400);
        assertThat(refused.error().code()).contains("invalid_request");
    }

    @Test
    void authenticateWhenBadTokenThen401InvalidTokenWithFixedDescription() {
        String token = TestTokens.valid().expiredAt(Instant.now().minusSeconds(600)).sign();
        AuthOutcome.Refused refused = refused(TestTokens.bearer(token));

        assertThat(refused.error().status()).isEqualTo(401);
        assertThat(refused.error().code()).contains("invalid_token");
        assertThat(refused.error().description()).isEqualTo("The access token expired");
        assertThat(refused.error().problem().toJson()).doesNotContain(token);
    }

    @Test
    void authenticateWhenJwksDownAndNothingCachedThen503RetryAfterNoChallenge() {
        JWKS.mode(JwksStub.Mode.RESET);
        AuthOutcome.Refused refused = refused(TestTokens.bearer(TestTokens.valid().sign()));

        assertThat(refused.error().status()).isEqualTo(503);
        assertThat(refused.error().retryAfter()).contains(Duration.ofSeconds(30));
        assertThat(refused.error().challenge(METADATA)).isEmpty();
    }

    @Test
    void authenticateWhenOptionalAndTokenBadOrMissingThenAnonymous() {
        assertThat(authenticator.authenticate(List.of(), false)).isInstanceOf(AuthOutcome.Anonymous.class);
        assertThat(authenticator.authenticate(List.of("Bearer "), false))
                .isInstanceOf(AuthOutcome.Anonymous.class);
        String rogue = TestTokens.valid().signedWith(TestKeys.ROGUE).sign();
        assertThat(authenticator.authenticate(TestTokens.bearer(rogue), false))
                .isInstanceOf(AuthOutcome.Anonymous.class);
    }

    @Test
    void authenticateWhenATokenIsForOneSurfaceThenTheOtherRefusesItAsAWrongAudience() {
        String forApi = TestTokens.valid().sign();
        String forMcp = TestTokens.valid().audience("https://api.test.invalid/mcp").sign();

        assertThat(authenticator.authenticate(TestTokens.bearer(forApi), true, Surface.API))
                .isInstanceOf(AuthOutcome.Authenticated.class);
        assertThat(authenticator.authenticate(TestTokens.bearer(forMcp), true, Surface.MCP))
                .isInstanceOf(AuthOutcome.Authenticated.class);
        for (AuthOutcome wrong : List.of(authenticator.authenticate(TestTokens.bearer(forApi), true, Surface.MCP),
                authenticator.authenticate(TestTokens.bearer(forMcp), true, Surface.API))) {
            assertThat(wrong).isInstanceOfSatisfying(AuthOutcome.Refused.class, refused -> {
                assertThat(refused.error().status()).isEqualTo(401);
                assertThat(refused.error().description()).isEqualTo("The token is not meant for this resource");
            });
        }
    }

    @Test
    void authenticateWhenTheTokenHasNoAudienceThenRefusedOnBothSurfaces() {
        String none = TestTokens.valid().without("aud").sign();

        assertThat(authenticator.authenticate(TestTokens.bearer(none), true, Surface.API))
                .isInstanceOf(AuthOutcome.Refused.class);
        assertThat(authenticator.authenticate(TestTokens.bearer(none), true, Surface.MCP))
                .isInstanceOf(AuthOutcome.Refused.class);
    }
}
