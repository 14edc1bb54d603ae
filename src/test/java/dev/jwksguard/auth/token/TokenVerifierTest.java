package dev.jwksguard.auth.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwksguard.auth.TestSettings;
import dev.jwksguard.auth.jwks.KeySourceException;
import dev.jwksguard.testsupport.JwksStub;
import dev.jwksguard.testsupport.TestKeys;
import dev.jwksguard.testsupport.TestTokens;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TokenVerifierTest {

    private static final JwksStub JWKS = JwksStub.start(0);
    private static final Instant NOW = Instant.now();

    private TokenVerifier verifier;

    @BeforeEach
    void freshVerifier() {
        JWKS.reset();
        verifier = verifierWith();
    }

    @AfterAll
    static void stopJwks() {
        JWKS.close();
    }

    private static TokenVerifier verifierWith(String... settings) {
        return TestSettings.verifier(TestSettings.settings(JWKS.uri(), settings));
    }

    @Test
    void verifyWhenTokenValidThenCallerWithRolesFromScopeAndGroups() throws Exception {
        String token = TestTokens.valid().claim("groups", List.of("admins", "staff")).sign();

        VerifiedToken caller = verifier.verify(token);

        assertThat(caller.getSubject()).isEqualTo("alice");
        assertThat(caller.getIssuer()).isEqualTo(TestTokens.ISSUER);
        assertThat(caller.getAudience()).containsExactly(TestTokens.AUDIENCE);
        assertThat(caller.getGroups()).containsExactlyInAnyOrder("read:notes", "write:notes", "admins", "staff");
        assertThat(caller.getRawToken()).isEqualTo(token);
        assertThat(caller.toString()).doesNotContain(token);
    }

    @Test
    void verifyWhenAudienceArrayHoldsOursAmongOthersThenAccepted() throws Exception {
        String token = TestTokens.valid().audience(List.of("https://tenant.example/userinfo", TestTokens.AUDIENCE))
                .sign();

        assertThat(verifier.verify(token).getSubject()).isEqualTo("alice");
    }

    @Test
    void verifyWhenTypeIsAtJwtThenAccepted() throws Exception {
        assertThat(verifier.verify(TestTokens.valid().type("at+jwt").sign()).getSubject()).isEqualTo("alice");
        assertThat(verifier.verify(TestTokens.valid().type("application/at+jwt").sign()).getSubject())
                .isEqualTo("alice");
    }

    @Test
    void verifyWhenPermissionsClaimConfiguredThenItsValuesAreRoles() throws Exception {
        TokenVerifier auth0 = verifierWith("oauth.roles.claims", "permissions, https://example.com/roles");
        String token = TestTokens.valid().scope("openid")
                .claim("permissions", List.of("read:notes"))
                .claim("https://example.com/roles", List.of("auditor"))
                .sign();

        assertThat(auth0.verify(token).getGroups()).containsExactlyInAnyOrder("read:notes", "auditor");
    }

    @Test
    void verifyWhenAScopeHierarchyIsSetThenABroaderScopeBringsTheNarrowerOnesAsRolesAndGrantedScopes() throws Exception {
        TokenVerifier hierarchical = verifierWith("oauth.scope-hierarchy", "notes>read:notes,notes>write:notes");
        String token = TestTokens.valid().scope("notes profile").sign();

        VerifiedToken caller = hierarchical.verify(token);
        // Twice: the second answer comes from the verified-token cache and must say the same.
        for (VerifiedToken same : List.of(caller, hierarchical.verify(token))) {
            assertThat(same.getGroups()).contains("notes", "read:notes", "write:notes", "profile");
            assertThat(same.grantedScopes(List.of(ClaimPath.parse("scope"))))
                    .containsExactlyInAnyOrder("notes", "read:notes", "write:notes", "profile");
        }
        assertThat(verifier.verify(token).getGroups()).doesNotContain("read:notes");
    }

    @Test
    void verifyWhenWithinClockSkewThenAccepted() throws Exception {
        String justExpired = TestTokens.valid().issuedAt(NOW.minusSeconds(300)).expiredAt(NOW.minusSeconds(10)).sign();
        String almostValid = TestTokens.valid().notBefore(NOW.plusSeconds(10)).issuedAt(NOW.plusSeconds(10)).sign();

        assertThat(verifier.verify(justExpired).getSubject()).isEqualTo("alice");
        assertThat(verifier.verify(almostValid).getSubject()).isEqualTo("alice");
    }

    @Test
    void verifyWhenKidIsNewThenKeysAreRefetchedOnce() throws Exception {
        verifier.verify(TestTokens.valid().sign());
        JWKS.publish(TestKeys.PRIMARY, TestKeys.ROTATED).resetCount();

        VerifiedToken caller = verifier.verify(TestTokens.valid().signedWith(TestKeys.ROTATED).sign());

        assertThat(caller.getSubject()).isEqualTo("alice");
        assertThat(JWKS.requests()).isEqualTo(1);
    }

    static Stream<Arguments> rejectedTokens() {
        return Stream.of(
                Arguments.of("expired", TestTokens.valid().expiredAt(NOW.minusSeconds(120)).sign(),
                        RejectionReason.EXPIRED),
                Arguments.of("nbf in the future", TestTokens.valid().notBefore(NOW.plusSeconds(120)).sign(),
                        RejectionReason.NOT_YET_VALID),
                Arguments.of("iat in the future", TestTokens.valid().issuedAt(NOW.plusSeconds(120)).sign(),
                        RejectionReason.ISSUED_IN_FUTURE),
                Arguments.of("no exp", TestTokens.valid().without("exp").sign(), RejectionReason.MISSING_CLAIM),
                Arguments.of("no sub", TestTokens.valid().without("sub").sign(), RejectionReason.MISSING_CLAIM),
                Arguments.of("wrong iss", TestTokens.valid().issuer("https://evil.example/").sign(),
                        RejectionReason.WRONG_ISSUER),
                Arguments.of("iss without trailing slash",
                        TestTokens.valid().issuer(TestTokens.ISSUER.substring(0, TestTokens.ISSUER.length() - 1))
                                .sign(), RejectionReason.WRONG_ISSUER),
                Arguments.of("no iss", TestTokens.valid().without("iss").sign(), RejectionReason.WRONG_ISSUER),
                Arguments.of("wrong aud", TestTokens.valid().audience("https://other.example/").sign(),
                        RejectionReason.WRONG_AUDIENCE),
                Arguments.of("no aud", TestTokens.valid().without("aud").sign(), RejectionReason.WRONG_AUDIENCE),
                Arguments.of("alg none", TestTokens.valid().algorithm("none").unsigned(),
                        RejectionReason.ALGORITHM_NOT_ALLOWED),
                Arguments.of("alg nOnE", TestTokens.valid().algorithm("nOnE").unsigned(),
                        RejectionReason.ALGORITHM_NOT_ALLOWED),
                Arguments.of("HS256 keyed with the public key",
                        TestTokens.valid().hmacWithPublicKeyOf(TestKeys.PRIMARY).sign(),
                        RejectionReason.ALGORITHM_NOT_ALLOWED),
                Arguments.of("RS384 when only RS256 allowed", TestTokens.valid().algorithm("RS384").sign(),
                        RejectionReason.ALGORITHM_NOT_ALLOWED),
                Arguments.of("unknown kid", TestTokens.valid().signedWith(TestKeys.ROGUE).sign(),
                        RejectionReason.KID_NOT_FOUND),
                Arguments.of("rogue key under a published kid",
                        TestTokens.valid().signedWith(TestKeys.withKid(TestKeys.ROGUE, "primary-key")).sign(),
                        RejectionReason.INVALID_SIGNATURE),
                Arguments.of("tampered payload", tamperedPayload(), RejectionReason.INVALID_SIGNATURE),
                Arguments.of("typ JWE", TestTokens.valid().type("JWE").sign(), RejectionReason.TYPE_NOT_ALLOWED),
                Arguments.of("Keycloak ID token", TestTokens.valid().claim("typ", "ID").sign(),
                        RejectionReason.TYPE_NOT_ALLOWED),
                Arguments.of("nested JWT", TestTokens.valid().header("cty", "JWT").sign(), RejectionReason.MALFORMED),
                Arguments.of("two segments", "abc.def", RejectionReason.MALFORMED),
                Arguments.of("five segments (JWE)", "a.b.c.d.e", RejectionReason.MALFORMED),
                Arguments.of("not base64url", "a*b.c.d", RejectionReason.MALFORMED),
                Arguments.of("header not JSON", TestTokens.raw("not json", "{}", "sig"), RejectionReason.MALFORMED),
                Arguments.of("header a JSON array", TestTokens.raw("[1,2]", "{}", "sig"), RejectionReason.MALFORMED),
                Arguments.of("duplicate header member",
                        TestTokens.raw("{\"alg\":\"RS256\",\"alg\":\"none\"}", "{}", "sig"),
                        RejectionReason.MALFORMED),
                Arguments.of("unknown crit header", TestTokens.valid().header("crit", List.of("exp2"))
                        .header("exp2", 1).sign(), RejectionReason.MALFORMED),
                Arguments.of("empty crit", TestTokens.valid().header("crit", List.of()).sign(),
                        RejectionReason.MALFORMED),
                Arguments.of("empty sub", TestTokens.valid().subject("").sign(), RejectionReason.MISSING_CLAIM),
                Arguments.of("blank sub", TestTokens.valid().subject("  ").sign(), RejectionReason.MISSING_CLAIM),
                Arguments.of("oversized", TestTokens.valid().claim("padding", "x".repeat(9000)).sign(),
                        RejectionReason.TOO_LARGE),
                Arguments.of("kid not a string", TestTokens.valid().header("kid", 123).sign(),
                        RejectionReason.MALFORMED),
                Arguments.of("alg not a string", TestTokens.raw("{\"alg\":256,\"kid\":\"primary-key\"}", "{}", "c2ln"),
                        RejectionReason.ALGORITHM_NOT_ALLOWED),
                Arguments.of("typ not a string", TestTokens.valid().type("x").header("typ", List.of("JWT")).sign(),
                        RejectionReason.TYPE_NOT_ALLOWED),
                Arguments.of("exp not a number", TestTokens.valid().claim("exp", "tomorrow").sign(),
                        RejectionReason.MALFORMED),
                Arguments.of("sub not a string", TestTokens.valid().claim("sub", 42).sign(),
                        RejectionReason.MALFORMED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejectedTokens")
    void verifyWhenTokenIsBadThenRejectedWithReason(String name, String token, RejectionReason reason) {
        assertThatThrownBy(() -> verifier.verify(token))
                .isInstanceOfSatisfying(InvalidTokenException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }

    @Test
    void verifyWhenAlgorithmRejectedThenJwksIsNeverAsked() {
        assertThatThrownBy(() -> verifier.verify(TestTokens.valid().hmacWithPublicKeyOf(TestKeys.PRIMARY).sign()))
                .isInstanceOf(InvalidTokenException.class);
        assertThatThrownBy(() -> verifier.verify(TestTokens.valid().algorithm("none").unsigned()))
                .isInstanceOf(InvalidTokenException.class);

        assertThat(JWKS.requests()).isZero();
    }

    @Test
    void verifyWhenHeaderPointsToForeignKeysThenTheyAreIgnored() {
        String token = TestTokens.valid().signedWith(TestKeys.ROGUE)
                .header("jwk", Map.of("kty", "RSA", "n", "AQAB", "e", "AQAB"))
                .header("jku", "http://127.0.0.1:1/evil.json")
                .header("x5u", "http://127.0.0.1:1/evil.pem")
                .sign();

        assertThatThrownBy(() -> verifier.verify(token))
                .isInstanceOfSatisfying(InvalidTokenException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectionReason.KID_NOT_FOUND));
    }

    @Test
    void verifyWhenStrictProfileThenAtJwtClientIdAndJtiRequired() throws Exception {
        TokenVerifier strict = verifierWith("oauth.token.rfc9068-strict", "true");
        TestTokens profile = TestTokens.valid().type("at+jwt").claim("client_id", "chatgpt").claim("jti", "id-1");

        assertThat(strict.verify(profile.sign()).getSubject()).isEqualTo("alice");
        assertThatThrownBy(() -> strict.verify(TestTokens.valid().claim("client_id", "c").claim("jti", "1").sign()))
                .isInstanceOfSatisfying(InvalidTokenException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectionReason.TYPE_NOT_ALLOWED));
        assertThatThrownBy(() -> strict.verify(TestTokens.valid().type("at+jwt").claim("jti", "1").sign()))
                .isInstanceOfSatisfying(InvalidTokenException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectionReason.MISSING_CLAIM));
        assertThatThrownBy(() -> strict.verify(TestTokens.valid().type("at+jwt").claim("client_id", "c").sign()))
                .isInstanceOfSatisfying(InvalidTokenException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectionReason.MISSING_CLAIM));
    }

    @Test
    void verifyWhenJwksDownOnColdStartThenKeySourceException() {
        JWKS.mode(JwksStub.Mode.STATUS_500);

        assertThatThrownBy(() -> verifier.verify(TestTokens.valid().sign())).isInstanceOf(KeySourceException.class);
    }

    @Test
    void verifyWhenEcAlgorithmEnabledThenEcTokenAcceptedAndRsaKeyNotUsedForIt() throws Exception {
        JWKS.publish(TestKeys.PRIMARY, TestKeys.EC);
        TokenVerifier both = verifierWith("oauth.algorithms", "RS256,ES256");

        assertThat(both.verify(TestTokens.valid().signedWith(TestKeys.EC).algorithm("ES256").sign()).getSubject())
                .isEqualTo("alice");
        // An ES256 header naming the RSA key's kid: no EC key has that kid.
        String confused = TestTokens.valid().signedWith(TestKeys.withKid(TestKeys.EC, "primary-key"))
                .algorithm("ES256").sign();
        assertThatThrownBy(() -> both.verify(confused)).isInstanceOf(InvalidTokenException.class);
    }

    @Test
    void verifyWhenFamiliesEnabledThenPsEsAndEdDsaAcceptedWithTheirKeysOnly() throws Exception {
        JWKS.publish(TestKeys.PRIMARY, TestKeys.EC, TestKeys.ED25519);
        TokenVerifier all = verifierWith("oauth.algorithms", "RS256,PS256,ES256,EdDSA");

        assertThat(all.verify(TestTokens.valid().algorithm("PS256").sign()).getSubject()).isEqualTo("alice");
        assertThat(all.verify(TestTokens.valid().signedWith(TestKeys.EC).algorithm("ES256").sign()).getSubject())
                .isEqualTo("alice");
        assertThat(all.verify(TestTokens.valid().signedWith(TestKeys.ED25519).algorithm("EdDSA").sign())
                .getSubject()).isEqualTo("alice");
        // EdDSA header naming the RSA key's kid, signed with the Ed25519 key: no OKP key has that kid.
        String confused = TestTokens.valid().signedWith(TestKeys.withKid(TestKeys.ED25519, "primary-key"))
                .algorithm("EdDSA").sign();
        assertThatThrownBy(() -> all.verify(confused)).isInstanceOf(InvalidTokenException.class);
    }

    @Test
    void verifyWhenIssuerSlashLenientThenBothFormsAcceptedOtherwiseOnlyExact() throws Exception {
        String withoutSlash = TestTokens.valid().issuer("https://issuer.test.invalid").sign();

        assertThatThrownBy(() -> verifier.verify(withoutSlash)).isInstanceOf(InvalidTokenException.class);
        assertThat(verifierWith("oauth.issuer.trailing-slash-lenient", "true").verify(withoutSlash).getSubject())
                .isEqualTo("alice");
    }

    /** A token naming an unknown kid makes the key source refetch: the way a new set arrives here. */
    private void refetchThroughAnUnknownKid() {
        String unknown = TestTokens.valid().signedWith(TestKeys.withKid(TestKeys.ROGUE, "unknown-" + UUID.randomUUID()))
                .sign();
        int before = JWKS.requests();
        assertThatThrownBy(() -> verifier.verify(unknown)).isInstanceOf(InvalidTokenException.class);
        assertThat(JWKS.requests()).as("the unknown kid caused a fetch").isGreaterThan(before);
    }

    @Test
    void verifyWhenCachedTokensKeyLeavesTheSetThenRefusedAfterTheRefresh() throws Exception {
        var leaving = TestKeys.withKid(TestKeys.ROTATED, "leaving-key");
        JWKS.publish(TestKeys.PRIMARY, leaving);
        String token = TestTokens.valid().signedWith(leaving).sign();
        assertThat(verifier.verify(token).getSubject()).isEqualTo("alice");
        assertThat(verifier.verify(token).getRawToken()).as("served again, now from the cache").isEqualTo(token);

        JWKS.publish(TestKeys.PRIMARY);
        refetchThroughAnUnknownKid();

        assertThatThrownBy(() -> verifier.verify(token))
                .isInstanceOfSatisfying(InvalidTokenException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectionReason.KID_NOT_FOUND));
        assertThat(verifier.verify(TestTokens.valid().sign()).getSubject()).isEqualTo("alice");
    }

    @Test
    void verifyWhenCachedTokensKeyReappearsUnderAnotherKidThenRefusedLikeAFreshCheck() throws Exception {
        JWKS.publish(TestKeys.withKid(TestKeys.ROTATED, "first-name"));
        String token = TestTokens.valid().signedWith(TestKeys.withKid(TestKeys.ROTATED, "first-name")).sign();
        assertThat(verifier.verify(token).getSubject()).isEqualTo("alice");

        JWKS.publish(TestKeys.withKid(TestKeys.ROTATED, "second-name"));
        refetchThroughAnUnknownKid();

        assertThatThrownBy(() -> verifier.verify(token))
                .isInstanceOfSatisfying(InvalidTokenException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectionReason.KID_NOT_FOUND));
    }

    @Test
    void verifyWhenTokenCacheOffThenRepeatedUseAndKeyRemovalBehaveTheSame() throws Exception {
        TokenVerifier uncached = verifierWith("oauth.token.cache-entries", "0");
        var leaving = TestKeys.withKid(TestKeys.ROTATED, "leaving-key");
        JWKS.publish(TestKeys.PRIMARY, leaving);
        String token = TestTokens.valid().signedWith(leaving).sign();
        assertThat(uncached.verify(token).getSubject()).isEqualTo("alice");
        assertThat(uncached.verify(token).getSubject()).isEqualTo("alice");

        JWKS.publish(TestKeys.PRIMARY);
        verifier = uncached;
        refetchThroughAnUnknownKid();

        assertThatThrownBy(() -> uncached.verify(token)).isInstanceOf(InvalidTokenException.class);
    }

    @Test
    void getClaimWhenCallerTriesToChangeACachedTokensArrayThenRefusedAndTheNextRequestSeesTheOriginal()
            throws Exception {
        String token = TestTokens.valid().claim("permissions", List.of("read:notes"))
                .claim("realm_access", Map.of("roles", List.of("staff"))).sign();
        VerifiedToken first = verifier.verify(token);
        List<String> permissions = first.getClaim("permissions");
        Map<String, List<String>> realmAccess = first.getClaim("realm_access");

        assertThatThrownBy(() -> permissions.add("admin:jwks")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> realmAccess.get("roles").add("admin")).isInstanceOf(UnsupportedOperationException.class);
        VerifiedToken second = verifier.verify(token);
        assertThat(second.<List<String>>getClaim("permissions")).containsExactly("read:notes");
        assertThat(second.<Map<String, List<String>>>getClaim("realm_access").get("roles")).containsExactly("staff");
    }

    private static String tamperedPayload() {
        String[] parts = TestTokens.valid().sign().split("\\.");
        String other = TestTokens.valid().subject("mallory").sign().split("\\.")[1];
        return parts[0] + "." + other + "." + parts[2];
    }
}
