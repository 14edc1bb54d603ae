package dev.jwksguard.metrics;

import dev.jwksguard.auth.DeploymentState;
import dev.jwksguard.auth.ServingState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * {@link JwksGauges} as MicroProfile Metrics gauges in the application registry, where the server
 * has MicroProfile Metrics (Payara: {@code /metrics?scope=application}, also in {@code /metrics}).
 * Elsewhere CDI skips this bean, whose types do not load, and {@link MicrometerGauges} serves.
 */
@ApplicationScoped
public class MicroProfileGauges {

    @Inject
    MetricRegistry registry;

    @Inject
    DeploymentState deployment;

    /** After {@link DeploymentState} decided, which observes the same event first. */
    void publish(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        if (!(deployment.state() instanceof ServingState.Serving serving)) {
            return; // nothing to measure; readiness says why
        }
        for (JwksGauges.Gauge gauge : JwksGauges.of(serving.jwks())) {
            registry.gauge(gauge.name(), gauge.value(), gauge.tags().entrySet().stream()
                    .map(tag -> new Tag(tag.getKey(), tag.getValue())).toArray(Tag[]::new));
        }
    }
}
