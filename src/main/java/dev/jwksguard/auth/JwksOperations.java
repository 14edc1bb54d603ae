package dev.jwksguard.auth;

/** What operators may see and do with the key set: read its status, ask for a refresh. */
public final class JwksOperations {

    private final JwksCache cache;
    private final VerificationCounters counters;

    JwksOperations(JwksCache cache, VerificationCounters counters) {
        this.cache = cache;
        this.counters = counters;
    }

    /** Never causes a fetch. */
    public JwksStatus status() {
        return cache.status();
    }

    /** @return false when the refetch rate limit refused it */
    public boolean refresh() {
        return cache.refreshNow();
    }

    public VerificationCounters verifications() {
        return counters;
    }
}
