package dev.jwksguard.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BearerChallengeTest {

    private static final Optional<String> METADATA =
            Optional.of("https://api.example/.well-known/oauth-protected-resource");

    @Test
    void headerValueWhenNoCredentialsThenNoErrorCode() {
        assertThat(BearerChallenge.noCredentials(METADATA).headerValue())
                .isEqualTo("Bearer resource_metadata=\"https://api.example/.well-known/oauth-protected-resource\"");
    }

    @Test
    void headerValueWhenInvalidTokenThenErrorAndFixedDescription() {
        assertThat(BearerChallenge.invalidToken(RejectionReason.EXPIRED, METADATA).headerValue())
                .isEqualTo("Bearer resource_metadata=\"https://api.example/.well-known/oauth-protected-resource\", "
                        + "error=\"invalid_token\", error_description=\"The access token expired\"");
    }

    @Test
    void headerValueWhenInsufficientScopeThenScopeListed() {
        assertThat(BearerChallenge.insufficientScope(List.of("write:notes"), Optional.empty()).headerValue())
                .startsWith("Bearer error=\"insufficient_scope\"")
                .endsWith("scope=\"write:notes\"");
    }

    @Test
    void headerValueDropsQuotesBackslashesAndControlCharacters() {
        String value = BearerChallenge.invalidRequest("a\"b\\c\r\nd\u00e9", Optional.empty()).headerValue();

        assertThat(value).isEqualTo("Bearer error=\"invalid_request\", error_description=\"abcd\"");
    }

    @Test
    void everyRejectionDescriptionIsAlreadyQuotable() {
        for (RejectionReason reason : RejectionReason.values()) {
            assertThat(reason.description()).matches("[\\x20-\\x7E&&[^\"\\\\]]+");
        }
    }
}
