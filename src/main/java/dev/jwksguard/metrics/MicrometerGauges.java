package dev.jwksguard.metrics;

import dev.jwksguard.auth.DeploymentState;
import dev.jwksguard.auth.ServingState;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@link JwksGauges} as Micrometer gauges, where the server has Micrometer (WildFly's micrometer
 * subsystem, whose Prometheus registry serves them on the management port's {@code /metrics}:
 * server-config/wildfly/configure.cli). Elsewhere CDI skips this bean, whose types do not load,
 * and {@link MicroProfileGauges} serves. The registry outlives a redeployment: the gauges go with it.
 */
@ApplicationScoped
public class MicrometerGauges {

    @Inject
    MeterRegistry registry;

    @Inject
    DeploymentState deployment;

    private final List<Meter> registered = new ArrayList<>();
    /** The gauges' value suppliers: Micrometer holds a gauge's state object weakly. */
    private final List<Supplier<Number>> values = new ArrayList<>();

    /**
     * After {@link DeploymentState} decided, which observes the same event first. Through
     * {@code MeterRegistry.gauge(...)}, not {@code Gauge.builder(...).register}: WildFly's registry
     * for a deployment forwards the former to the registry it exports and keeps the latter to itself.
     */
    void publish(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        if (!(deployment.state() instanceof ServingState.Serving serving)) {
            return; // nothing to measure; readiness says why
        }
        for (JwksGauges.Gauge gauge : JwksGauges.of(serving.jwks())) {
            List<Tag> tags = gauge.tags().entrySet().stream().map(tag -> Tag.of(tag.getKey(), tag.getValue()))
                    .toList();
            Supplier<Number> value = gauge.value();
            values.add(value);
            registry.gauge(gauge.name(), tags, value, supplier -> supplier.get().doubleValue());
            Gauge registeredGauge = registry.find(gauge.name()).tags(tags).gauge();
            if (registeredGauge != null) {
                registered.add(registeredGauge);
            }
        }
    }

    /**
     * An observer, not {@code @PreDestroy}: Payara's deployment scanner loads the classes of
     * lifecycle methods, and this one's Micrometer types are not there (a SEVERE line at every start).
     */
    void withdraw(@Observes @BeforeDestroyed(ApplicationScoped.class) Object ignored) {
        registered.forEach(registry::remove);
    }
}
