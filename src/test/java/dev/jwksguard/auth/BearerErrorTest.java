package dev.jwksguard.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwksguard.auth.token.RejectionReason;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One refusal, rendered as a challenge and as a problem body that agree. */
class BearerErrorTest {

    private static final String METADATA = "https://api.example/.well-known/oauth-protected-resource";

    @Test
    void challengeWhenNoCredentialsThenOnlyResourceMetadata() {
        assertThat(BearerError.missingToken().challenge(METADATA))
                .contains("Bearer resource_metadata=\"" + METADATA + "\"");
    }

    @Test
    void challengeWhenInvalidTokenThenErrorAndTheProblemsDescription() {
        BearerError error = BearerError.invalidToken(RejectionReason.EXPIRED);

        assertThat(error.challenge(METADATA)).contains("Bearer resource_metadata=\"" + METADATA + "\", "
                + "error=\"invalid_token\", error_description=\"The access token expired\"");
        assertThat(error.problem().detail()).isEqualTo("The access token expired");
        assertThat(error.problem().error()).contains("invalid_token");
        assertThat(error.problem().status()).isEqualTo(401);
    }

    @Test
    void challengeWhenInsufficientScopeThenScopeListedAnd403() {
        BearerError error = BearerError.insufficientScope(List.of("write:notes"));

        assertThat(error.status()).isEqualTo(403);
        assertThat(error.challenge(METADATA)).hasValueSatisfying(value -> assertThat(value)
                .contains("error=\"insufficient_scope\"").endsWith("scope=\"write:notes\""));
    }

    @Test
    void challengeWhenKeysUnavailableThenNoneAndRetryAfter() {
        BearerError error = BearerError.keysUnavailable(Duration.ofSeconds(5));

        assertThat(error.challenge(METADATA)).isEmpty();
        assertThat(error.retryAfter()).contains(Duration.ofSeconds(5));
        assertThat(error.problem().status()).isEqualTo(503);
    }

    @Test
    void challengeDropsQuotesBackslashesAndControlCharacters() {
        assertThat(BearerError.invalidRequest("a\"b\\c\r\nd\u00e9").challenge("m"))
                .contains("Bearer resource_metadata=\"m\", error=\"invalid_request\", error_description=\"abcd\"");
    }

    @Test
    void headersWhenRefusedThenNoStoreChallengeAndRetryAfterFromOnePlace() {
        java.util.Map<String, String> headers = new java.util.LinkedHashMap<>();

        RefusalHeaders.write(BearerError.keysUnavailable(Duration.ofSeconds(7)), () -> METADATA, headers::put);

        assertThat(headers).containsExactly(java.util.Map.entry("Cache-Control", "no-store"),
                java.util.Map.entry("Retry-After", "7"));
        headers.clear();
        RefusalHeaders.write(BearerError.missingToken(), () -> METADATA, headers::put);
        assertThat(headers).containsEntry(RefusalHeaders.CHALLENGE, "Bearer resource_metadata=\"" + METADATA + "\"");
    }

    @Test
    void everyRejectionDescriptionIsAlreadyQuotable() {
        for (RejectionReason reason : RejectionReason.values()) {
            assertThat(reason.description()).matches("[\\x20-\\x7E&&[^\"\\\\]]+");
        }
        assertThat(BearerError.missingToken().description()).matches("[\\x20-\\x7E&&[^\"\\\\]]+");
    }
}
