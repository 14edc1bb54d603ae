package dev.jwksguard.notes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwksguard.auth.ProtectedResource;
import dev.jwksguard.auth.TestSettings;
import dev.jwksguard.testsupport.TestTokens;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

class NoteOwnersTest {

    private static final String JWKS = "https://issuer.test.invalid/jwks";

    private static NoteOwners owners(String... settings) {
        NoteOwners owners = new NoteOwners();
        owners.resource = ProtectedResource.of(TestSettings.settings(JWKS, settings));
        return owners;
    }

    private static JsonWebToken caller(String issuer, String subject) {
        Map<String, Object> claims = Map.of("iss", issuer, "sub", subject);
        return new JsonWebToken() {
            @Override
            public String getName() {
                return subject;
            }

            @Override
            public Set<String> getClaimNames() {
                return claims.keySet();
            }

            @Override
            @SuppressWarnings("unchecked")
            public <T> T getClaim(String name) {
                return (T) claims.get(name);
            }
        };
    }

    @Test
    void ofWhenOneIssuerThenTheSubjectAlone() {
        assertThat(owners().of(caller(TestTokens.ISSUER, "alice"))).isEqualTo("alice");
    }

    @Test
    void ofWhenSeveralIssuersThenTheFirstKeepsPlainSubjectsAndTheOthersAreQualified() {
        NoteOwners owners = owners("oauth.issuer", null, "oauth.jwks.uri", null, "oauth.issuers", "first,second",
                "oauth.issuers.first.issuer", "https://first.example/", "oauth.issuers.first.jwks.uri", JWKS,
                "oauth.issuers.second.issuer", "https://second.example/", "oauth.issuers.second.jwks.uri", JWKS);

        assertThat(owners.of(caller("https://first.example/", "alice"))).isEqualTo("alice");
        assertThat(owners.of(caller("https://second.example/", "alice"))).isEqualTo("https://second.example/#alice");
        String longSubject = "x".repeat(300);
        assertThat(owners.of(caller("https://second.example/", longSubject))).startsWith("sha256:").hasSize(71)
                .isNotEqualTo(owners.of(caller("https://second.example/", longSubject + "y")));
    }
}
