package dev.jwksguard.auth.token;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwksguard.auth.TestSettings;
import dev.jwksguard.testsupport.JwksStub;
import dev.jwksguard.testsupport.TestKeys;
import dev.jwksguard.testsupport.TestTokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jose4j.jwk.PublicJsonWebKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Access tokens shaped as each provider issues them (claims, header, issuer and audience forms),
 * signed by the tests' keys, verified with the settings block the README gives for that provider
 * and the default role claims. Each fixture names the documentation it follows.
 */
class ProviderTokensTest {

    private static final JwksStub JWKS = JwksStub.start(0);

    @BeforeEach
    void publishTheTestKeys() {
        JWKS.reset();
    }

    @AfterAll
    static void stopJwks() {
        JWKS.close();
    }

    private static TokenVerifier verifier(String... settings) {
        return TestSettings.verifier(TestSettings.settings(JWKS.uri(), settings));
    }

    private static RejectionReason refusal(TokenVerifier verifier, String token) {
        try {
            verifier.verify(token);
        } catch (InvalidTokenException e) {
            return e.reason();
        }
        throw new AssertionError("accepted");
    }

    // Auth0: "Access Token Profiles" (auth0.com/docs/secure/tokens/access-tokens/access-token-profiles)
    // and "Enable Role-Based Access Control for APIs" (permissions claim). The aud array holds the API
    // identifier and the tenant's /userinfo when the openid scope was requested.
    private static final String AUTH0_ISSUER = "https://tenant.eu.auth0.com/";
    private static final String AUTH0_API = "https://notes.example.com/api";

    private static TestTokens auth0Default() {
        return TestTokens.valid().issuer(AUTH0_ISSUER).subject("auth0|64f1c2a9e3b0a1d2c3e4f5a6")
                .audience(List.of(AUTH0_API, AUTH0_ISSUER + "userinfo"))
                .claim("azp", "Xk3rT9bq2LmV8nPz0aQw4sEe")
                .scope("openid profile email read:notes")
                .claim("permissions", List.of("read:notes", "write:notes"))
                .claim("https://notes.example.com/roles", List.of("auditor"));
    }

    @Test
    void auth0DefaultProfileWhenPermissionsAndUserinfoAudienceThenAcceptedWithScopesAndPermissions()
            throws Exception {
        VerifiedToken caller = verifier("oauth.issuer", AUTH0_ISSUER, "oauth.audience", AUTH0_API)
                .verify(auth0Default().sign());

        assertThat(caller.getSubject()).isEqualTo("auth0|64f1c2a9e3b0a1d2c3e4f5a6");
        assertThat(caller.getGroups()).contains("read:notes", "write:notes", "openid").doesNotContain("auditor");
    }

    @Test
    void auth0WhenNamespacedRolesClaimConfiguredThenItsValuesAreRoles() throws Exception {
        VerifiedToken caller = verifier("oauth.issuer", AUTH0_ISSUER, "oauth.audience", AUTH0_API,
                "oauth.roles.claims", "scope,permissions,https://notes.example.com/roles")
                .verify(auth0Default().sign());

        assertThat(caller.getGroups()).contains("auditor", "write:notes");
    }

    @Test
    void auth0Rfc9068ProfileWhenAtJwtWithClientIdAndJtiThenAcceptedAlsoInStrictMode() throws Exception {
        String token = auth0Default().type("at+jwt").claim("client_id", "Xk3rT9bq2LmV8nPz0aQw4sEe")
                .claim("jti", UUID.randomUUID().toString()).sign();

        VerifiedToken caller = verifier("oauth.issuer", AUTH0_ISSUER, "oauth.audience", AUTH0_API,
                "oauth.token.rfc9068-strict", "true").verify(token);

        assertThat(caller.getGroups()).contains("write:notes");
    }

    @Test
    void auth0WhenIssuerConfiguredWithoutItsTrailingSlashThenWrongIssuer() {
        assertThat(refusal(verifier("oauth.issuer", "https://tenant.eu.auth0.com", "oauth.audience", AUTH0_API),
                auth0Default().sign())).isEqualTo(RejectionReason.WRONG_ISSUER);
    }

    // Keycloak 26: access tokens from the server's default client scopes ("roles" maps realm_access
    // and resource_access, "basic" maps sub, auth_time, "acr", "web-origins" allowed-origins); the
    // payload's typ is "Bearer", an ID token's "ID"; the issuer is <base>/realms/<realm>, no slash;
    // aud is "account" unless an audience mapper adds the API (Server Admin Guide, "Audience support").
    private static final String KEYCLOAK_ISSUER = "https://sso.example.com/realms/notes";

    private static TestTokens keycloak(Object audience) {
        return TestTokens.valid().issuer(KEYCLOAK_ISSUER).subject("0f8c8b4e-4bd1-4d6c-9b7e-1c2a3b4c5d6e")
                .audience(audience)
                .claim("typ", "Bearer").claim("azp", "notes-web").claim("sid", UUID.randomUUID().toString())
                .claim("jti", "onrtac:" + UUID.randomUUID()).claim("acr", "1")
                .claim("allowed-origins", List.of("https://notes.example.com"))
                .claim("realm_access", Map.of("roles", List.of("offline_access", "read:notes",
                        "default-roles-notes")))
                .claim("resource_access", Map.of("notes-api", Map.of("roles", List.of("write:notes")),
                        "account", Map.of("roles", List.of("manage-account"))))
                .scope("openid email profile")
                .claim("preferred_username", "alice");
    }

    @Test
    void keycloakWhenAudienceMapperAddsTheApiThenAcceptedWithRealmRolesByDefault() throws Exception {
        VerifiedToken caller = verifier("oauth.issuer", KEYCLOAK_ISSUER, "oauth.audience", "notes-api")
                .verify(keycloak(List.of("notes-api", "account")).sign());

        assertThat(caller.getName()).isEqualTo("alice");
        assertThat(caller.getGroups()).contains("read:notes", "offline_access", "openid")
                .doesNotContain("write:notes", "manage-account");
    }

    @Test
    void keycloakWhenClientRolePathConfiguredThenThatClientsRolesOnly() throws Exception {
        VerifiedToken caller = verifier("oauth.issuer", KEYCLOAK_ISSUER, "oauth.audience", "notes-api",
                "oauth.roles.claims", "scope,/realm_access/roles,/resource_access/notes-api/roles")
                .verify(keycloak(List.of("notes-api", "account")).sign());

        assertThat(caller.getGroups()).contains("read:notes", "write:notes").doesNotContain("manage-account");
    }

    @Test
    void keycloakWhenNoAudienceMapperThenWrongAudience() {
        assertThat(refusal(verifier("oauth.issuer", KEYCLOAK_ISSUER, "oauth.audience", "notes-api"),
                keycloak("account").sign())).isEqualTo(RejectionReason.WRONG_AUDIENCE);
    }

    @Test
    void keycloakWhenIdTokenThenTypeNotAllowed() {
        String idToken = keycloak("notes-web").claim("typ", "ID").claim("nonce", "n-0S6_WzA2Mj").sign();

        assertThat(refusal(verifier("oauth.issuer", KEYCLOAK_ISSUER, "oauth.audience", "notes-web"), idToken))
                .isEqualTo(RejectionReason.TYPE_NOT_ALLOWED);
    }

    @Test
    void keycloakWhenStrictRfc9068ModeThenRefusedBecauseItsHeaderTypIsJwt() {
        assertThat(refusal(verifier("oauth.issuer", KEYCLOAK_ISSUER, "oauth.audience", "notes-api",
                "oauth.token.rfc9068-strict", "true"), keycloak(List.of("notes-api")).sign()))
                .isEqualTo(RejectionReason.TYPE_NOT_ALLOWED);
    }

    // Microsoft Entra ID, v2.0 access tokens for your own API ("Access tokens in the Microsoft identity
    // platform", learn.microsoft.com/entra/identity-platform/access-tokens and "access-token-claims-reference"):
    // iss https://login.microsoftonline.com/{tid}/v2.0, aud the API's application (client) ID, scp
    // space-separated delegated scopes, roles an array of app roles, ver "2.0"; header with kid and x5t.
    // Its JWKS (https://login.microsoftonline.com/{tid}/discovery/v2.0/keys) carries each key's
    // certificate in x5c and its thumbprint in x5t; the header's x5t names the same certificate.
    private static final PublicJsonWebKey ENTRA_KEY = TestKeys.withCertificate("entra-key-1");
    private static final String TENANT = "9188040d-6c67-4c5b-b112-36a304b66dad";
    private static final String ENTRA_ISSUER = "https://login.microsoftonline.com/" + TENANT + "/v2.0";
    private static final String ENTRA_API = "6e74172b-be56-4843-9ff4-e66a39bb12e3";

    private static TestTokens entra() {
        JWKS.publish(TestKeys.PRIMARY, ENTRA_KEY);
        return TestTokens.valid().issuer(ENTRA_ISSUER).audience(ENTRA_API).signedWith(ENTRA_KEY)
                .subject("AAAAAAAAAAAAAAAAAAAAAIkzqFVrSaSaFHy782bbtaQ")
                .header("x5t", ENTRA_KEY.getX509CertificateSha1Thumbprint())
                .without("scope")
                .claim("scp", "Notes.Read Notes.Write")
                .claim("roles", List.of("Notes.Admin"))
                .claim("tid", TENANT).claim("oid", "00000000-0000-0000-66f3-3332eca7ea81")
                .claim("azp", "c44b4083-3bb0-49c1-b47d-974e53cbdf3c").claim("azpacr", "0")
                .claim("ver", "2.0").claim("uti", "fqiBqXLPj0eQa82S-IYFAA")
                .claim("preferred_username", "alice@contoso.example");
    }

    @Test
    void entraV2WhenScpAndAppRolesThenBothAreRolesByDefault() throws Exception {
        VerifiedToken caller = verifier("oauth.issuer", ENTRA_ISSUER, "oauth.audience", ENTRA_API)
                .verify(entra().sign());

        assertThat(caller.getName()).isEqualTo("alice@contoso.example");
        assertThat(caller.getGroups()).containsExactlyInAnyOrder("Notes.Read", "Notes.Write", "Notes.Admin");
    }

    @Test
    void entraWhenJwksCarriesCertificatesAndTheHeaderAnotherCertificatesThumbprintThenRefused() throws Exception {
        String otherCertificate = entra().header("x5t", "nOo3ZDrODXEK1jKWhXslHR_KXEg").sign();

        String jwks = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(JWKS.uri())).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(jwks).contains("\"x5c\"", "\"x5t\"", "\"x5t#S256\"");
        assertThat(refusal(verifier("oauth.issuer", ENTRA_ISSUER, "oauth.audience", ENTRA_API), otherCertificate))
                .isEqualTo(RejectionReason.KID_NOT_FOUND);
    }

    @Test
    void entraWhenV1IssuerFormThenWrongIssuer() {
        String v1 = entra().issuer("https://sts.windows.net/" + TENANT + "/").claim("ver", "1.0").sign();

        assertThat(refusal(verifier("oauth.issuer", ENTRA_ISSUER, "oauth.audience", ENTRA_API), v1))
                .isEqualTo(RejectionReason.WRONG_ISSUER);
    }

    // Okta custom authorization servers ("Validate access tokens", developer.okta.com/docs/guides/
    // validate-access-tokens): iss https://{domain}/oauth2/{authorizationServerId}, aud "api://default"
    // by default, scp an array, cid the client, uid the user, ver 1, jti "AT.…"; no typ header.
    private static final String OKTA_ISSUER = "https://dev-4711.okta.com/oauth2/default";

    private static TestTokens okta() {
        return TestTokens.valid().issuer(OKTA_ISSUER).audience("api://default").subject("alice@example.com")
                .withoutHeader("typ")
                .without("scope")
                .claim("scp", List.of("openid", "read:notes", "write:notes"))
                .claim("cid", "0oa1b2c3d4e5f6g7h8i9").claim("uid", "00u1a2b3c4d5e6f7g8h9")
                .claim("ver", 1).claim("jti", "AT.Yr8hR9lLgBRN1x0ZVoVhQ7NqgD4vZ5QTkzWz2Zq-JpE")
                .claim("groups", List.of("Everyone", "notes-admins"));
    }

    @Test
    void oktaWhenScpArrayAndGroupsThenRolesByDefault() throws Exception {
        VerifiedToken caller = verifier("oauth.issuer", OKTA_ISSUER, "oauth.audience", "api://default")
                .verify(okta().sign());

        assertThat(caller.getGroups()).contains("read:notes", "write:notes", "notes-admins");
    }

    @Test
    void oktaWhenAnotherAuthorizationServersTokenThenWrongIssuer() {
        String orgServer = okta().issuer("https://dev-4711.okta.com").sign();

        assertThat(refusal(verifier("oauth.issuer", OKTA_ISSUER, "oauth.audience", "api://default"), orgServer))
                .isEqualTo(RejectionReason.WRONG_ISSUER);
    }

    @Test
    void anyProviderWhenDottedNameUsedForANestedClaimThenNoRolesFromIt() throws Exception {
        VerifiedToken caller = verifier("oauth.issuer", KEYCLOAK_ISSUER, "oauth.audience", "notes-api",
                "oauth.roles.claims", "realm_access.roles")
                .verify(keycloak(List.of("notes-api")).sign());

        assertThat(caller.getGroups()).as("a name is never split on dots: write /realm_access/roles").isEmpty();
    }
}
