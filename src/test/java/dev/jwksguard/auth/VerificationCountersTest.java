package dev.jwksguard.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwksguard.auth.token.RejectionReason;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VerificationCountersTest {

    @Test
    void countsWhenOneIssuerThenEveryRefusalIsItsOwnAndThereIsNoUnknown() {
        VerificationCounters counters = new VerificationCounters(Map.of("https://a/", "default"), List.of("default"));

        counters.accepted("https://a/");
        counters.rejected(RejectionReason.MALFORMED, Optional.empty());
        counters.keysUnavailable(Optional.of("default"));

        assertThat(counters.issuers()).containsExactly("default");
        assertThat(counters.count("default", "accepted")).isEqualTo(1);
        assertThat(counters.count("default", "malformed")).isEqualTo(1);
        assertThat(counters.count("default", "keys_unavailable")).isEqualTo(1);
        assertThat(counters.snapshot()).containsEntry("accepted", 1L).containsEntry("expired", 0L);
    }

    @Test
    void countsWhenSeveralIssuersThenEachHasItsOwnAndUnattributedRefusalsAreUnknown() {
        VerificationCounters counters = new VerificationCounters(
                Map.of("https://a/", "auth0", "https://k/realms/r", "keycloak"), List.of("auth0", "keycloak"));

        counters.accepted("https://a/");
        counters.accepted("https://k/realms/r");
        counters.accepted("https://k/realms/r");
        counters.rejected(RejectionReason.KID_NOT_FOUND, Optional.of("keycloak"));
        counters.rejected(RejectionReason.WRONG_ISSUER, Optional.empty());

        assertThat(counters.issuers()).containsExactly("auth0", "keycloak", VerificationCounters.UNKNOWN_ISSUER);
        assertThat(counters.snapshot("auth0")).containsEntry("accepted", 1L).containsEntry("kid_not_found", 0L);
        assertThat(counters.snapshot("keycloak")).containsEntry("accepted", 2L).containsEntry("kid_not_found", 1L);
        assertThat(counters.count(VerificationCounters.UNKNOWN_ISSUER, "wrong_issuer")).isEqualTo(1);
        assertThat(counters.snapshot()).containsEntry("accepted", 3L).containsEntry("wrong_issuer", 1L);
        assertThat(counters.snapshot().keySet()).containsExactlyElementsOf(VerificationCounters.outcomes());
    }
}
