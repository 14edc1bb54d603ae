package dev.jwksguard.health;

import dev.jwksguard.auth.JwksOperations;
import dev.jwksguard.auth.jwks.JwksStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.function.Supplier;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Publishes the key-set state and the verification counts as MicroProfile Metrics gauges in the
 * application registry (Payara: {@code /metrics?scope=application}). On a server without
 * MicroProfile Metrics, CDI skips this bean (its types do not load) and the same figures stay
 * available in {@code /api/admin/jwks}.
 */
@ApplicationScoped
public class JwksMetrics {

    @Inject
    MetricRegistry registry;

    @Inject
    JwksOperations jwks;

    void publish(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        for (String outcome : jwks.verifications().snapshot().keySet()) {
            gauge("jwksguard_verifications", () -> jwks.verifications().snapshot().get(outcome),
                    new Tag("outcome", outcome));
        }
        gauge("jwksguard_jwks_fetches", () -> jwks.status().fetchesSucceeded(), new Tag("outcome", "success"));
        gauge("jwksguard_jwks_fetches", () -> jwks.status().fetchesFailed(), new Tag("outcome", "failure"));
        gauge("jwksguard_jwks_keys", () -> jwks.status().keys().size());
        gauge("jwksguard_jwks_usable", () -> jwks.status().state() == JwksStatus.State.UNAVAILABLE ? 0 : 1);
        gauge("jwksguard_jwks_age_seconds", () -> jwks.status().age().map(Duration::toSeconds).orElse(-1L));
        gauge("jwksguard_jwks_forced_fetches_refused", () -> jwks.status().forcedFetchesRefused());
    }

    private <T extends Number> void gauge(String name, Supplier<T> value, Tag... tags) {
        registry.gauge(name, value, tags);
    }
}
