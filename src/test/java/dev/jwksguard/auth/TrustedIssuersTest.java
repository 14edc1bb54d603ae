package dev.jwksguard.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwksguard.auth.token.InvalidTokenException;
import dev.jwksguard.auth.token.RejectionReason;
import dev.jwksguard.auth.token.TokenDiagnosis;
import dev.jwksguard.testsupport.JwksStub;
import dev.jwksguard.testsupport.TestKeys;
import dev.jwksguard.testsupport.TestTokens;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Several issuers at once, as an enterprise runs them (Auth0 for ChatGPT, Keycloak for internal
 * clients): each token is routed by its iss to that issuer's own keys, audience and role claims,
 * and an unknown iss costs no fetch.
 */
class TrustedIssuersTest {

    private static final String AUTH0 = "https://tenant.auth0.com/";
    private static final String KEYCLOAK = "https://sso.example.com/realms/corp";
    private static final String AUTH0_API = "https://api.example.com/mcp";
    private static final String KEYCLOAK_API = "notes-api";

    private static final JwksStub AUTH0_JWKS = JwksStub.start(0);
    private static final JwksStub KEYCLOAK_JWKS = JwksStub.start(0);

    private TrustedIssuers issuers;

    @BeforeEach
    void twoIssuersWithTheirOwnKeys() {
        AUTH0_JWKS.reset().publish(TestKeys.PRIMARY);
        KEYCLOAK_JWKS.reset().publish(TestKeys.ROTATED);
        issuers = TestSettings.trustedIssuers(TestSettings.settings(AUTH0_JWKS.uri(),
                "oauth.issuer", null, "oauth.jwks.uri", null, "oauth.audience", null,
                "oauth.issuers", "auth0,keycloak",
                "oauth.issuers.auth0.issuer", AUTH0,
                "oauth.issuers.auth0.audience", AUTH0_API,
                "oauth.issuers.auth0.jwks.uri", AUTH0_JWKS.uri(),
                "oauth.issuers.auth0.roles.claims", "permissions",
                "oauth.issuers.keycloak.issuer", KEYCLOAK,
                "oauth.issuers.keycloak.audience", KEYCLOAK_API,
                "oauth.issuers.keycloak.jwks.uri", KEYCLOAK_JWKS.uri()));
    }

    @AfterAll
    static void stopStubs() {
        AUTH0_JWKS.close();
        KEYCLOAK_JWKS.close();
    }

    private static TestTokens auth0() {
        return TestTokens.valid().issuer(AUTH0).audience(AUTH0_API).signedWith(TestKeys.PRIMARY)
                .claim("permissions", List.of("read:notes"));
    }

    private static TestTokens keycloak() {
        return TestTokens.valid().issuer(KEYCLOAK).audience(KEYCLOAK_API).signedWith(TestKeys.ROTATED)
                .scope("profile").claim("realm_access", Map.of("roles", List.of("write:notes")));
    }

    private RejectionReason refusal(String token) {
        try {
            issuers.verify(token);
        } catch (InvalidTokenException e) {
            return e.reason();
        }
        throw new AssertionError("accepted");
    }

    @Test
    void verifyWhenEachIssuersTokenThenCheckedWithItsOwnKeysAudienceAndRoleClaims() throws Exception {
        assertThat(issuers.verify(auth0().sign()).getGroups()).containsExactly("read:notes");
        // Keycloak's roles come from the default claims; Auth0's settings name only permissions.
        assertThat(issuers.verify(keycloak().sign()).getGroups()).contains("write:notes", "profile");
        assertThat(issuers.verify(auth0().scope("profile").sign()).getGroups()).containsExactly("read:notes");
        assertThat(AUTH0_JWKS.requests()).isEqualTo(1);
        assertThat(KEYCLOAK_JWKS.requests()).isEqualTo(1);
    }

    @Test
    void verifyWhenTheIssClaimsOneIssuerButAnothersKeySignedThenRefused() {
        // Routed by iss to Auth0's key set, which does not hold Keycloak's key: forged or misrouted.
        assertThat(refusal(keycloak().issuer(AUTH0).audience(AUTH0_API).sign())).isEqualTo(RejectionReason.KID_NOT_FOUND);
        assertThat(refusal(auth0().audience(KEYCLOAK_API).sign())).isEqualTo(RejectionReason.WRONG_AUDIENCE);
    }

    @Test
    void verifyWhenATrustedIssuersChecksRefuseThenTheRefusalNamesThatIssuerNeverAnUntrustedOne() {
        assertThat(refusedBy(auth0().audience(KEYCLOAK_API).sign())).contains("auth0");
        assertThat(refusedBy(keycloak().expiredAt(java.time.Instant.now().minusSeconds(3_600)).sign())).contains("keycloak");
        assertThat(refusedBy(auth0().issuer("https://evil.example/").sign())).isEmpty();
    }

    private java.util.Optional<String> refusedBy(String token) {
        try {
            issuers.verify(token);
        } catch (InvalidTokenException e) {
            return e.issuer();
        }
        throw new AssertionError("accepted");
    }

    @Test
    void verifyWhenIssuerUnknownOrMissingThenRefusedWithoutAnyFetch() {
        assertThat(refusal(auth0().issuer("https://evil.example/").sign())).isEqualTo(RejectionReason.WRONG_ISSUER);
        assertThat(refusal(auth0().issuer(KEYCLOAK + "/").sign())).isEqualTo(RejectionReason.WRONG_ISSUER);
        assertThat(refusal(auth0().without("iss").sign())).isEqualTo(RejectionReason.WRONG_ISSUER);
        assertThat(refusal(TestTokens.raw("{\"alg\":\"RS256\"}", "[1,2]", "c2ln"))).isEqualTo(RejectionReason.MALFORMED);
        assertThat(refusal("not-a-token")).isEqualTo(RejectionReason.MALFORMED);
        assertThat(refusal("a." + "b".repeat(9000) + ".c")).isEqualTo(RejectionReason.TOO_LARGE);
        assertThat(AUTH0_JWKS.requests() + KEYCLOAK_JWKS.requests()).isZero();
    }

    @Test
    void diagnoseWhenIssuerUnknownThenSaysSoAndListsTheTrustedOnes() {
        TokenDiagnosis.Report report = issuers.diagnose(auth0().issuer("https://evil.example/").sign());

        assertThat(report.accepted()).isFalse();
        assertThat(report.steps()).singleElement().satisfies(step -> {
            assertThat(step.check()).isEqualTo("issuer");
            assertThat(step.detail()).contains("https://evil.example/").contains(AUTH0).contains(KEYCLOAK);
        });
        assertThat(AUTH0_JWKS.requests() + KEYCLOAK_JWKS.requests()).isZero();
    }

    @Test
    void diagnoseWhenIssuerDiffersOnlyByTheTrailingSlashThenNamesThatIssuersOwnKeys() {
        TokenDiagnosis.Report report = issuers.diagnose(keycloak().issuer(KEYCLOAK + "/").sign());

        assertThat(report.accepted()).isFalse();
        assertThat(report.steps()).singleElement().satisfies(step -> assertThat(step.detail())
                .contains("only by the trailing slash")
                .contains("oauth.issuers.keycloak.issuer")
                .contains("oauth.issuers.keycloak.issuer.trailing-slash-lenient=true"));
        assertThat(AUTH0_JWKS.requests() + KEYCLOAK_JWKS.requests()).isZero();
    }

    @Test
    void diagnoseWhenKnownIssuerThenThatIssuersDiagnosis() {
        issuers.all().forEach(trusted -> trusted.keys().refetchNow());

        TokenDiagnosis.Report report = issuers.diagnose(keycloak().sign());

        assertThat(report.accepted()).as(report.steps().toString()).isTrue();
        assertThat(report.roles()).contains("write:notes");
    }

    @Test
    void oneIssuerWhenSingleIssuerSettingsThenNoRoutingAndTheUsualRefusal() {
        TrustedIssuers single = TestSettings.trustedIssuers(TestSettings.settings(AUTH0_JWKS.uri()));

        assertThat(single.all()).hasSize(1);
        assertThatThrownBy(() -> single.verify(TestTokens.valid().issuer("https://evil.example/").sign()))
                .isInstanceOf(InvalidTokenException.class).hasMessage(RejectionReason.WRONG_ISSUER.logText());
    }
}
