package dev.jwksguard.auth.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwksguard.testsupport.TestTokens;
import org.junit.jupiter.api.Test;

/** The token read once before verification: size, segments, the claimed issuer. */
class CompactJwsTest {

    private static final int MAX = 8_192;

    @Test
    void unverifiedIssuerWhenSignedThenTheClaimedIss() throws InvalidTokenException {
        assertThat(CompactJws.unverifiedIssuer(TestTokens.valid().sign(), MAX)).isEqualTo(TestTokens.ISSUER);
    }

    @Test
    void unverifiedIssuerWhenLargerThanAllowedThenTooLargeBeforeAnyDecoding() {
        String oversized = "!".repeat(MAX + 1);

        assertThatThrownBy(() -> CompactJws.unverifiedIssuer(oversized, MAX)).isInstanceOfSatisfying(
                InvalidTokenException.class, e -> assertThat(e.reason()).isEqualTo(RejectionReason.TOO_LARGE));
    }

    @Test
    void unverifiedIssuerWhenNoStringIssThenWrongIssuer() {
        String token = TestTokens.raw("{\"alg\":\"RS256\"}", "{\"iss\":42}", "c2ln");

        assertThatThrownBy(() -> CompactJws.unverifiedIssuer(token, MAX)).isInstanceOfSatisfying(
                InvalidTokenException.class, e -> assertThat(e.reason()).isEqualTo(RejectionReason.WRONG_ISSUER));
    }

    @Test
    void splitWhenFiveSegmentsOrForeignCharactersThenMalformed() {
        String signed = TestTokens.valid().sign();
        for (String token : new String[] {signed + ".a.b", signed.replace('.', ' '), "." + signed}) {
            assertThatThrownBy(() -> CompactJws.split(token, MAX)).as(token).isInstanceOfSatisfying(
                    InvalidTokenException.class, e -> assertThat(e.reason()).isEqualTo(RejectionReason.MALFORMED));
        }
    }
}
