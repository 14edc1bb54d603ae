package dev.jwksguard.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwksguard.auth.ProtectedResource;
import dev.jwksguard.auth.TestSettings;
import java.net.URI;
import dev.jwksguard.testsupport.TestTokens;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class OAuthSettingsTest {

    private static IssuerSettings only(OAuthSettings settings) {
        assertThat(settings.issuers()).hasSize(1);
        return settings.issuers().get(0);
    }

    private static final String JWKS = "https://issuer.test.invalid/.well-known/jwks.json";

    @Test
    void readWhenOnlyRequiredKeysThenSafeDefaults() {
        OAuthSettings settings = TestSettings.settings(JWKS);
        IssuerSettings issuer = settings.issuers().get(0);

        assertThat(settings.issuers()).hasSize(1);
        assertThat(issuer.name()).isEqualTo("default");
        assertThat(issuer.algorithms()).containsExactly("RS256");
        assertThat(settings.tokens().clockSkew()).isEqualTo(Duration.ofSeconds(30));
        assertThat(issuer.roleClaims()).extracting(Object::toString)
                .containsExactly("scope", "scp", "roles", "groups", "permissions", "/realm_access/roles");
        assertThat(settings.tokens().maxBytes()).isEqualTo(8192);
        assertThat(issuer.acceptedTypes()).containsExactlyInAnyOrder("jwt", "at+jwt");
        assertThat(issuer.strictAccessTokenProfile()).isFalse();
        assertThat(settings.jwks().refetchesPerMinute()).isEqualTo(5);
        assertThat(settings.resource().resource()).contains(URI.create("https://api.test.invalid/"));
        assertThat(settings.resource().scopesSupported()).containsExactly("read:notes", "write:notes");
        assertThat(settings.tokens().scopeHierarchy().expand(java.util.Set.of("write:notes")))
                .containsExactly("write:notes");
    }

    @Test
    void readWhenIssuerMissingThenMessageNamesKeyAndEnvironmentVariable() {
        assertThatThrownBy(() -> TestSettings.settings(JWKS, "oauth.issuer", null))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("'oauth.issuer'")
                .hasMessageContaining("OAUTH_ISSUER")
                .hasMessageContaining("required");
    }

    @Test
    void readWhenAScopeHierarchyIsSetThenABroaderScopeImpliesTheNarrowerOnesTransitively() {
        OAuthSettings settings = TestSettings.settings(JWKS, "oauth.scope-hierarchy",
                "notes>write:notes, write:notes>read:notes");

        assertThat(settings.tokens().scopeHierarchy().expand(java.util.Set.of("notes")))
                .containsExactlyInAnyOrder("notes", "write:notes", "read:notes");
        assertThat(settings.tokens().scopeHierarchy().expand(java.util.Set.of("read:notes")))
                .containsExactly("read:notes");
    }

    @Test
    void readWhenAScopeHierarchyEntryIsNotTwoScopesThenRefusedNamingTheKey() {
        for (String entry : java.util.List.of("notes", "notes>", ">read:notes", "a>b>c", "notes>notes", "my notes>x",
                "a\\b>c")) {
            assertThatThrownBy(() -> TestSettings.settings(JWKS, "oauth.scope-hierarchy", entry)).as(entry)
                    .isInstanceOf(InvalidSettingException.class).hasMessageContaining("'oauth.scope-hierarchy'");
        }
    }

    @Test
    void readWhenScopesSupportedNamesOfflineAccessThenItIsLeftOut() {
        assertThat(TestSettings.settings(JWKS, "oauth.scopes-supported", "read:notes,offline_access").resource()
                .scopesSupported()).containsExactly("read:notes");
        assertThatThrownBy(() -> TestSettings.settings(JWKS, "oauth.scopes-supported", "offline_access"))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("'oauth.scopes-supported'");
    }

    @Test
    void readWhenAudienceBlankThenRefused() {
        assertThatThrownBy(() -> TestSettings.settings(JWKS, "oauth.audience", " , "))
                .hasMessageContaining("'oauth.audience'");
    }

    @Test
    void readWhenSymmetricAlgorithmThenRefused() {
        assertThatThrownBy(() -> TestSettings.settings(JWKS, "oauth.algorithms", "RS256,HS256"))
                .hasMessageContaining("'oauth.algorithms'")
                .hasMessageContaining("HS256");
    }

    @Test
    void readWhenPlainHttpJwksOnRemoteHostThenRefusedButLoopbackAllowed() {
        assertThatThrownBy(() -> TestSettings.settings("http://issuer.example/jwks"))
                .hasMessageContaining("'oauth.jwks.uri'")
                .hasMessageContaining("https");
        assertThat(only(TestSettings.settings("http://127.0.0.1:9/jwks")).jwksUri().orElseThrow().getHost()).isEqualTo("127.0.0.1");
        assertThat(only(TestSettings.settings("http://issuer.example/jwks", "oauth.jwks.allow-http", "true")).jwksUri().orElseThrow())
                .hasScheme("http");
    }

    @Test
    void readWhenNumberOutOfRangeOrNotANumberThenRefused() {
        assertThatThrownBy(() -> TestSettings.settings(JWKS, "oauth.clock-skew-seconds", "3600"))
                .hasMessageContaining("'oauth.clock-skew-seconds'").hasMessageContaining("between");
        assertThatThrownBy(() -> TestSettings.settings(JWKS, "oauth.jwks.refetches-per-minute", "five"))
                .hasMessageContaining("'oauth.jwks.refetches-per-minute'").hasMessageContaining("whole number");
    }

    @Test
    void readWhenJwksUriMissingThenLeftToDiscovery() {
        assertThat(only(TestSettings.settings(JWKS, "oauth.jwks.uri", null)).jwksUri()).isEmpty();
    }

    @Test
    void readWhenIssuerIsNotAUrlThenAcceptedOnlyWithAJwksUri() {
        assertThat(only(TestSettings.settings(JWKS, "oauth.issuer", "my-issuer")).issuer()).isEqualTo("my-issuer");
        assertThatThrownBy(() -> TestSettings.settings(JWKS, "oauth.issuer", "my-issuer", "oauth.jwks.uri", null))
                .hasMessageContaining("'oauth.issuer'").hasMessageContaining("http(s) URL");
    }

    @Test
    void readWhenAudienceIsNotAUrlThenNoDefaultResource() {
        assertThat(TestSettings.settings(JWKS, "oauth.audience", "my-api").resource().resource()).isEmpty();
    }

    @Test
    void readWhenRoleClaimIsABrokenJsonPointerThenRefusedWithTheRule() {
        assertThatThrownBy(() -> TestSettings.settings(JWKS,
                "oauth.roles.claims", "scope,/resource_access/my~api/roles"))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("oauth.roles.claims")
                .hasMessageContaining("'~' must be followed by 0 (for ~) or 1 (for /)");
    }

    @Test
    void readWhenSeveralIssuersThenEachHasItsOwnKeysAndSharedKeysFillTheGaps() {
        OAuthSettings settings = TestSettings.settings(JWKS, "oauth.issuer", null, "oauth.jwks.uri", null,
                "oauth.issuers", "auth0, keycloak",
                "oauth.issuers.auth0.issuer", "https://tenant.auth0.com/",
                "oauth.issuers.auth0.audience", "https://api.example.com/mcp",
                "oauth.issuers.auth0.roles.claims", "permissions",
                "oauth.issuers.keycloak.issuer", "https://sso.example.com/realms/corp",
                "oauth.issuers.keycloak.jwks.uri", "https://sso.example.com/realms/corp/protocol/openid-connect/certs",
                "oauth.algorithms", "RS256,PS256");

        assertThat(settings.issuers()).extracting(IssuerSettings::name).containsExactly("auth0", "keycloak");
        IssuerSettings auth0 = settings.issuers().get(0);
        IssuerSettings keycloak = settings.issuers().get(1);
        assertThat(auth0.audiences()).containsExactly("https://api.example.com/mcp");
        assertThat(auth0.jwksUri()).isEmpty();
        assertThat(auth0.roleClaims()).extracting(Object::toString).containsExactly("permissions");
        // Not set for keycloak: the shared oauth.audience, the default role claims, the shared algorithms.
        assertThat(keycloak.audiences()).containsExactly(TestTokens.AUDIENCE);
        assertThat(keycloak.roleClaims()).extracting(Object::toString).contains("/realm_access/roles");
        assertThat(keycloak.algorithms()).containsExactlyInAnyOrder("RS256", "PS256");
        assertThat(ProtectedResource.of(settings).authorizationServers())
                .containsExactly("https://tenant.auth0.com/", "https://sso.example.com/realms/corp");
        // The resource defaults to the first issuer's first audience.
        assertThat(settings.resource().resource()).contains(URI.create("https://api.example.com/mcp"));
    }

    @Test
    void readWhenSeveralIssuersAndASingleIssuerKeyThenRefusedNamingWhereItBelongs() {
        assertThatThrownBy(() -> TestSettings.settings(JWKS, "oauth.jwks.uri", null,
                "oauth.issuers", "a", "oauth.issuers.a.issuer", "https://a.example/"))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("'oauth.issuer'").hasMessageContaining("oauth.issuers.<name>.issuer");
    }

    @Test
    void readWhenANamedIssuerLacksItsIssuerOrHasABadValueThenTheMessageNamesItsOwnKey() {
        assertThatThrownBy(() -> TestSettings.settings(JWKS, "oauth.issuer", null, "oauth.jwks.uri", null,
                "oauth.issuers", "corp"))
                .hasMessageContaining("'oauth.issuers.corp.issuer'").hasMessageContaining("OAUTH_ISSUERS_CORP_ISSUER");
        assertThatThrownBy(() -> TestSettings.settings(JWKS, "oauth.issuer", null, "oauth.jwks.uri", null,
                "oauth.issuers", "corp", "oauth.issuers.corp.issuer", "https://corp.example/",
                "oauth.issuers.corp.roles.claims", "/a~2"))
                .hasMessageContaining("'oauth.issuers.corp.roles.claims'");
        assertThatThrownBy(() -> TestSettings.settings(JWKS, "oauth.issuer", null, "oauth.jwks.uri", null,
                "oauth.issuers", "corp", "oauth.issuers.corp.issuer", "https://corp.example/",
                "oauth.audience", null))
                .hasMessageContaining("'oauth.issuers.corp.audience'");
    }

    @Test
    void readWhenIssuerNamesClashOrAreUnusableThenRefused() {
        String[] base = {"oauth.issuer", null, "oauth.jwks.uri", null};
        assertThatThrownBy(() -> TestSettings.settings(JWKS, concat(base, "oauth.issuers", "a,a",
                "oauth.issuers.a.issuer", "https://a.example/")))
                .hasMessageContaining("'a' twice");
        assertThatThrownBy(() -> TestSettings.settings(JWKS, concat(base, "oauth.issuers", "Corp.EU")))
                .hasMessageContaining("'oauth.issuers'").hasMessageContaining("lower-case");
        assertThatThrownBy(() -> TestSettings.settings(JWKS, concat(base, "oauth.issuers", "a,b",
                "oauth.issuers.a.issuer", "https://same.example/", "oauth.issuers.b.issuer", "https://same.example",
                "oauth.issuers.b.issuer.trailing-slash-lenient", "true")))
                .hasMessageContaining("'oauth.issuers.b.issuer'").hasMessageContaining("exactly one issuer");
    }

    private static String[] concat(String[] first, String... second) {
        String[] all = java.util.Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }

    @Test
    void roleClaimWarningsWhenAPlainNameHasDotsThenTheWarningSuggestsThePointer() {
        IssuerSettings issuer = only(TestSettings.settings(JWKS,
                "oauth.roles.claims", "scope,realm_access.roles,https://example.com/roles,/resource_access/api/roles"));

        assertThat(issuer.roleClaimWarnings()).singleElement().asString()
                .contains("\"realm_access.roles\"").contains("\"/realm_access/roles\"");
        assertThat(only(TestSettings.settings(JWKS)).roleClaimWarnings()).isEmpty();
    }

    @Test
    void mcpAudiencesWhenTheApiIsKnownByAUrlThenTheMcpUrlAtItsOriginOnly() {
        OAuthSettings settings = TestSettings.settings(JWKS);

        assertThat(ProtectedResource.of(settings).mcpTokenAudiences("")).containsExactly("https://api.test.invalid/mcp");
        assertThat(ProtectedResource.of(settings).mcpTokenAudiences("/notes")).containsExactly("https://api.test.invalid/notes/mcp");
        assertThat(settings.resource().mcp().issuers()).containsExactly("default");
    }

    @Test
    void mcpAudiencesWhenTheChatGptSetupOfTheReadmeThenTheMcpUrlOpensBothSurfaces() {
        OAuthSettings settings = TestSettings.settings(JWKS, "oauth.audience", "https://mcp.example.com/mcp",
                "oauth.resource", "https://mcp.example.com/mcp");

        assertThat(ProtectedResource.of(settings).mcpTokenAudiences("")).containsExactly("https://mcp.example.com/mcp");
        assertThat(only(settings).audiences()).containsExactly("https://mcp.example.com/mcp");
    }

    @Test
    void mcpAudiencesWhenNoUrlIsConfiguredThenOnlyMcpAudienceAndNeverOneFromTheRequest() {
        OAuthSettings bare = TestSettings.settings(JWKS, "oauth.audience", "notes-api");
        OAuthSettings listed = TestSettings.settings(JWKS, "oauth.audience", "notes-api", "mcp.audience", "notes-mcp,other");
        OAuthSettings explicit = TestSettings.settings(JWKS, "mcp.resource", "https://public.example.com/mcp");

        assertThat(ProtectedResource.of(bare).mcpTokenAudiences("")).isEmpty();
        assertThat(ProtectedResource.of(listed).mcpTokenAudiences("")).containsExactly("notes-mcp", "other");
        assertThat(ProtectedResource.of(explicit).mcpTokenAudiences("")).containsExactly("https://public.example.com/mcp");
    }

    @Test
    void mcpIssuersWhenANameIsNotATrustedIssuerThenRefusedNamingTheKnownOnes() {
        assertThatThrownBy(() -> TestSettings.settings(JWKS, "mcp.issuers", "auth0"))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("'mcp.issuers'")
                .hasMessageContaining("[default]");
    }

    @Test
    void mcpIssuersWhenNarrowedThenOnlyThoseAreTheMcpAuthorizationServers() {
        OAuthSettings settings = TestSettings.settings(JWKS, "oauth.issuer", null, "oauth.jwks.uri", null,
                "oauth.issuers", "first,second",
                "oauth.issuers.first.issuer", "https://first.example/", "oauth.issuers.first.jwks.uri", JWKS,
                "oauth.issuers.second.issuer", "https://second.example/", "oauth.issuers.second.jwks.uri", JWKS,
                "mcp.issuers", "second");

        assertThat(ProtectedResource.of(settings).mcpAuthorizationServers()).containsExactly("https://second.example/");
        assertThat(ProtectedResource.of(settings).authorizationServers()).containsExactly("https://first.example/", "https://second.example/");
    }
}
