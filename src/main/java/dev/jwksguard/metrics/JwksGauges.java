package dev.jwksguard.metrics;

import dev.jwksguard.auth.JwksOperations;
import dev.jwksguard.auth.VerificationCounters;
import dev.jwksguard.auth.jwks.JwksStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The figures operators watch, defined once for every server's metrics API, so that the names and
 * tags are the same on Payara (MicroProfile Metrics) and WildFly (Micrometer): verifications by
 * outcome and issuer, and each issuer's key set. Each value is read afresh at every scrape.
 */
final class JwksGauges {

    /** One gauge: a Prometheus-style name, its tags, and where its value comes from. */
    record Gauge(String name, Map<String, String> tags, Supplier<Number> value) {

        Gauge {
            tags = Map.copyOf(tags);
        }
    }

    private JwksGauges() {
    }

    static List<Gauge> of(JwksOperations jwks) {
        List<Gauge> gauges = new ArrayList<>();
        VerificationCounters counters = jwks.verifications();
        for (String issuer : counters.issuers()) {
            for (String outcome : VerificationCounters.outcomes()) {
                gauges.add(new Gauge("jwksguard_verifications", Map.of("issuer", issuer, "outcome", outcome),
                        () -> counters.count(issuer, outcome)));
            }
        }
        jwks.liveStatuses().forEach((issuer, status) -> {
            Map<String, String> tag = Map.of("issuer", issuer);
            gauges.add(new Gauge("jwksguard_jwks_fetches", Map.of("issuer", issuer, "outcome", "success"),
                    () -> status.get().fetches().succeeded()));
            gauges.add(new Gauge("jwksguard_jwks_fetches", Map.of("issuer", issuer, "outcome", "failure"),
                    () -> status.get().fetches().failed()));
            gauges.add(new Gauge("jwksguard_jwks_keys", tag, () -> status.get().keys().size()));
            gauges.add(new Gauge("jwksguard_jwks_usable", tag,
                    () -> status.get().state() == JwksStatus.State.UNAVAILABLE ? 0 : 1));
            for (JwksStatus.State state : JwksStatus.State.values()) {
                gauges.add(new Gauge("jwksguard_jwks_state",
                        Map.of("issuer", issuer, "state", state.name().toLowerCase(Locale.ROOT)),
                        () -> status.get().state() == state ? 1 : 0));
            }
            gauges.add(new Gauge("jwksguard_jwks_age_seconds", tag,
                    () -> status.get().times().age().map(Duration::toSeconds).orElse(-1L)));
            gauges.add(new Gauge("jwksguard_jwks_forced_fetches_refused", tag,
                    () -> status.get().refetches().refused()));
        });
        return List.copyOf(gauges);
    }
}
