package dev.jwksguard.health;

import dev.jwksguard.auth.JwksOperations;
import dev.jwksguard.auth.jwks.JwksStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Locale;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Ready while usable signing keys are held (fresh, or stale through an outage). Never fetches. */
@Readiness
@ApplicationScoped
public class JwksReadinessCheck implements HealthCheck {

    @Inject
    JwksOperations jwks;

    @Override
    public HealthCheckResponse call() {
        JwksStatus status = jwks.status();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("jwks")
                .status(status.state() != JwksStatus.State.UNAVAILABLE)
                .withData("state", status.state().name().toLowerCase(Locale.ROOT))
                .withData("keys", status.keys().size())
                .withData("failuresSinceSuccess", status.failuresSinceSuccess());
        status.age().ifPresent(age -> response.withData("ageSeconds", age.toSeconds()));
        status.lastFailure().ifPresent(reason -> response.withData("lastFailure", reason));
        return response.build();
    }
}
