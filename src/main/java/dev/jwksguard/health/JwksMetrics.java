package dev.jwksguard.health;

import dev.jwksguard.auth.DeploymentState;
import dev.jwksguard.auth.JwksOperations;
import dev.jwksguard.auth.ServingState;
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
 * available in {@code /api/admin/jwks}. The key-set gauges carry the issuer's name as the tag
 * {@code issuer} ({@code default} when there is one issuer).
 */
@ApplicationScoped
public class JwksMetrics {

    @Inject
    MetricRegistry registry;

    @Inject
    DeploymentState deployment;

    /** After {@link DeploymentState} decided, which observes the same event first. */
    void publish(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        if (!(deployment.state() instanceof ServingState.Serving serving)) {
            return; // nothing to measure; readiness says why
        }
        JwksOperations jwks = serving.jwks();
        for (String outcome : jwks.verifications().snapshot().keySet()) {
            gauge("jwksguard_verifications", () -> jwks.verifications().snapshot().get(outcome),
                    new Tag("outcome", outcome));
        }
        jwks.liveStatuses().forEach((issuer, status) -> {
            Tag tag = new Tag("issuer", issuer);
            gauge("jwksguard_jwks_fetches", () -> status.get().fetches().succeeded(), tag, new Tag("outcome", "success"));
            gauge("jwksguard_jwks_fetches", () -> status.get().fetches().failed(), tag, new Tag("outcome", "failure"));
            gauge("jwksguard_jwks_keys", () -> status.get().keys().size(), tag);
            gauge("jwksguard_jwks_usable", () -> status.get().state() == JwksStatus.State.UNAVAILABLE ? 0 : 1, tag);
            gauge("jwksguard_jwks_age_seconds", () -> status.get().times().age().map(Duration::toSeconds).orElse(-1L), tag);
            gauge("jwksguard_jwks_forced_fetches_refused", () -> status.get().refetches().refused(), tag);
        });
    }

    private <T extends Number> void gauge(String name, Supplier<T> value, Tag... tags) {
        registry.gauge(name, value, tags);
    }
}
