package dev.jwksguard.auth.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;

class ClaimPathTest {

    private static JwtClaims claims() {
        JwtClaims claims = new JwtClaims();
        claims.setClaim("scope", "read:notes");
        claims.setClaim("realm_access.roles", List.of("literal-dotted-name"));
        claims.setClaim("realm_access", Map.of("roles", List.of("staff")));
        claims.setClaim("resource_access", Map.of("notes-api", Map.of("roles", List.of("editor")),
                "a/b~c", Map.of("roles", List.of("escaped"))));
        claims.setClaim("https://example.com/roles", List.of("auditor"));
        claims.setClaim("groups", List.of("first", "second"));
        return claims;
    }

    @Test
    void findWhenPlainNameThenThatTopLevelClaimEvenWithDotsOrSlashes() {
        assertThat(ClaimPath.parse("scope").find(claims())).contains("read:notes");
        assertThat(ClaimPath.parse("https://example.com/roles").find(claims())).contains(List.of("auditor"));
        assertThat(ClaimPath.parse("realm_access.roles").find(claims())).contains(List.of("literal-dotted-name"));
    }

    @Test
    void findWhenJsonPointerThenNestedMember() {
        assertThat(ClaimPath.parse("/realm_access/roles").find(claims())).contains(List.of("staff"));
        assertThat(ClaimPath.parse("/resource_access/notes-api/roles").find(claims())).contains(List.of("editor"));
        assertThat(ClaimPath.parse("/resource_access/a~1b~0c/roles").find(claims())).contains(List.of("escaped"));
        assertThat(ClaimPath.parse("/groups/1").find(claims())).contains("second");
    }

    @Test
    void findWhenAStepIsAbsentOrNotAnObjectThenEmpty() {
        assertThat(ClaimPath.parse("/realm_access/groups").find(claims())).isEmpty();
        assertThat(ClaimPath.parse("/scope/roles").find(claims())).isEmpty();
        assertThat(ClaimPath.parse("/groups/2").find(claims())).isEmpty();
        assertThat(ClaimPath.parse("/groups/01").find(claims())).isEmpty();
        assertThat(ClaimPath.parse("missing").find(claims())).isEmpty();
    }

    @Test
    void parseWhenTildeNotFollowedByZeroOrOneThenRefusedWithTheRule() {
        assertThatThrownBy(() -> ClaimPath.parse("/resource_access/my~api/roles"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'/resource_access/my~api/roles' is not a JSON Pointer");
        assertThatThrownBy(() -> ClaimPath.parse("/roles~")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void looksLikeADottedPathWhenDotsWithoutSchemeThenTrueAndSuggestsThePointer() {
        assertThat(ClaimPath.parse("realm_access.roles").looksLikeADottedPath()).isTrue();
        assertThat(ClaimPath.parse("realm_access.roles").asPointer()).isEqualTo("/realm_access/roles");
        assertThat(ClaimPath.parse("https://example.com/roles").looksLikeADottedPath()).isFalse();
        assertThat(ClaimPath.parse("/realm_access/roles").looksLikeADottedPath()).isFalse();
        assertThat(ClaimPath.parse("scope").looksLikeADottedPath()).isFalse();
    }
}
