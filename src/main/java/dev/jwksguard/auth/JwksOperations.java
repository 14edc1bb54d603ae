package dev.jwksguard.auth;

import dev.jwksguard.auth.jwks.JwksStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** What operators may see and do with the key sets, one per trusted issuer: read their status, refresh. */
public final class JwksOperations {

    /** One issuer's key set as operators see it. */
    public record IssuerKeys(String name, String issuer, JwksStatus status) {
    }

    private final TrustedIssuers issuers;
    private final VerificationCounters counters;

    JwksOperations(TrustedIssuers issuers, VerificationCounters counters) {
        this.issuers = issuers;
        this.counters = counters;
    }

    /** The first issuer's key set: the only one unless {@code oauth.issuers} names several. Never fetches. */
    public JwksStatus status() {
        return issuers.all().get(0).keys().status();
    }

    /** Every issuer's key set, in the configured order. Never fetches. */
    public List<IssuerKeys> statuses() {
        return issuers.all().stream().map(trusted -> new IssuerKeys(trusted.settings().name(), trusted.settings().issuer(),
                trusted.keys().status())).toList();
    }

    /** Each issuer's key set, by name, read afresh at every call: for gauges. Never fetches. */
    public Map<String, Supplier<JwksStatus>> liveStatuses() {
        Map<String, Supplier<JwksStatus>> live = new LinkedHashMap<>();
        issuers.all().forEach(trusted -> live.put(trusted.settings().name(), trusted.keys()::status));
        return live;
    }

    /** Tokens can be checked only while every issuer has usable keys. */
    public boolean allUsable() {
        return statuses().stream().noneMatch(keys -> keys.status().state() == JwksStatus.State.UNAVAILABLE);
    }

    /**
     * Refreshes every issuer's key set, each within its own refetch rate limit.
     *
     * @return false when the limit refused every one of them
     */
    public boolean refetchNow() {
        boolean any = false;
        for (TrustedIssuer trusted : issuers.all()) {
            any |= trusted.keys().refetchNow();
        }
        return any;
    }

    public VerificationCounters verifications() {
        return counters;
    }
}
