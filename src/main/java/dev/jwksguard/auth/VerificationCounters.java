package dev.jwksguard.auth;

import dev.jwksguard.auth.token.RejectionReason;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** How bearer tokens fared since the application started: accepted, refused by reason, unchecked. */
public final class VerificationCounters {

    private final LongAdder accepted = new LongAdder();
    private final LongAdder keysUnavailable = new LongAdder();
    private final Map<RejectionReason, LongAdder> rejected = new EnumMap<>(RejectionReason.class);

    VerificationCounters() {
        for (RejectionReason reason : RejectionReason.values()) {
            rejected.put(reason, new LongAdder());
        }
    }

    void accepted() {
        accepted.increment();
    }

    void rejected(RejectionReason reason) {
        rejected.get(reason).increment();
    }

    void keysUnavailable() {
        keysUnavailable.increment();
    }

    /** Outcome name (accepted, keys_unavailable, or a rejection reason in snake case) to count. */
    public Map<String, Long> snapshot() {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("accepted", accepted.sum());
        rejected.forEach((reason, count) -> counts.put(reason.name().toLowerCase(java.util.Locale.ROOT), count.sum()));
        counts.put("keys_unavailable", keysUnavailable.sum());
        return counts;
    }
}
