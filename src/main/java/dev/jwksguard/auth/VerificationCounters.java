package dev.jwksguard.auth;

import dev.jwksguard.auth.token.RejectionReason;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * How bearer tokens fared since the application started, per trusted issuer: accepted, refused by
 * reason, unchecked for want of keys. A refusal before any issuer could be told (a token whose
 * {@code iss} none of several trusted issuers has) counts under {@link #UNKNOWN_ISSUER}.
 */
public final class VerificationCounters {

    /** The issuer tag of refusals that no trusted issuer made. */
    public static final String UNKNOWN_ISSUER = "unknown";

    private final Map<String, String> nameByIss;
    /** The issuer of an unattributed refusal: the only one, or unknown among several. */
    private final String unattributed;
    private final List<String> names;
    private final Map<String, Map<String, LongAdder>> counts = new ConcurrentHashMap<>();

    /** @param nameByIss every accepted {@code iss} value with its issuer's configured name */
    VerificationCounters(Map<String, String> nameByIss, List<String> names) {
        this.nameByIss = Map.copyOf(nameByIss);
        this.names = List.copyOf(names);
        this.unattributed = names.size() == 1 ? names.get(0) : UNKNOWN_ISSUER;
    }

    void accepted(String iss) {
        increment(nameByIss.getOrDefault(iss, unattributed), "accepted");
    }

    /** @param issuer the trusted issuer that refused it, when it was attributed to one */
    void rejected(RejectionReason reason, Optional<String> issuer) {
        increment(issuer.orElse(unattributed), reason.name().toLowerCase(Locale.ROOT));
    }

    void keysUnavailable(Optional<String> issuer) {
        increment(issuer.orElse(unattributed), "keys_unavailable");
    }

    private void increment(String issuer, String outcome) {
        counts.computeIfAbsent(issuer, name -> new ConcurrentHashMap<>())
                .computeIfAbsent(outcome, name -> new LongAdder()).increment();
    }

    /** Every outcome name (accepted, keys_unavailable, or a rejection reason in snake case), in a fixed order. */
    public static List<String> outcomes() {
        List<String> outcomes = new ArrayList<>(List.of("accepted"));
        for (RejectionReason reason : RejectionReason.values()) {
            outcomes.add(reason.name().toLowerCase(Locale.ROOT));
        }
        outcomes.add("keys_unavailable");
        return List.copyOf(outcomes);
    }

    /** The issuers counted: each trusted one, then unknown when there are several. */
    public List<String> issuers() {
        List<String> issuers = new ArrayList<>(names);
        if (!unattributed.equals(names.get(0))) {
            issuers.add(UNKNOWN_ISSUER);
        }
        return List.copyOf(issuers);
    }

    /** One issuer's count of one outcome. */
    public long count(String issuer, String outcome) {
        LongAdder adder = counts.getOrDefault(issuer, Map.of()).get(outcome);
        return adder == null ? 0 : adder.sum();
    }

    /** Outcome to count, every issuer together. */
    public Map<String, Long> snapshot() {
        Map<String, Long> totals = new LinkedHashMap<>();
        for (String outcome : outcomes()) {
            totals.put(outcome, issuers().stream().mapToLong(issuer -> count(issuer, outcome)).sum());
        }
        return totals;
    }

    /** Outcome to count, for one issuer. */
    public Map<String, Long> snapshot(String issuer) {
        Map<String, Long> counted = new LinkedHashMap<>();
        outcomes().forEach(outcome -> counted.put(outcome, count(issuer, outcome)));
        return counted;
    }
}
