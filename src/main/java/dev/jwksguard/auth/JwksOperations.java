package dev.jwksguard.auth;

import dev.jwksguard.auth.jwks.JwksKeySource;
import dev.jwksguard.auth.jwks.JwksStatus;

/** What operators may see and do with the key set: read its status, ask for a refresh. */
public final class JwksOperations {

    private final JwksKeySource keys;
    private final VerificationCounters counters;

    JwksOperations(JwksKeySource keys, VerificationCounters counters) {
        this.keys = keys;
        this.counters = counters;
    }

    /** Never causes a fetch. */
    public JwksStatus status() {
        return keys.status();
    }

    /** @return false when the refetch rate limit refused it */
    public boolean refreshNow() {
        return keys.refreshNow();
    }

    public VerificationCounters verifications() {
        return counters;
    }
}
