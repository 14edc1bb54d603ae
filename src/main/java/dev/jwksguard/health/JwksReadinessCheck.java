package dev.jwksguard.health;

import dev.jwksguard.auth.DeploymentState;
import dev.jwksguard.auth.JwksOperations;
import dev.jwksguard.auth.ServingState;
import dev.jwksguard.config.Misconfiguration;
import dev.jwksguard.auth.jwks.JwksStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready while usable signing keys are held (fresh, or stale through an outage) for every trusted
 * issuer. Never fetches. With several issuers, each one's figures are prefixed by its name. DOWN,
 * naming the setting, while a setting cannot work.
 */
@Readiness
@ApplicationScoped
public class JwksReadinessCheck implements HealthCheck {

    @Inject
    DeploymentState deployment;

    @Override
    public HealthCheckResponse call() {
        ServingState state = deployment.state();
        if (state instanceof ServingState.NotServing notServing) {
            Misconfiguration misconfiguration = notServing.misconfiguration();
            return HealthCheckResponse.named("jwks").down()
                    .withData("setting", misconfiguration.key())
                    .withData("problem", misconfiguration.publicReason())
                    .build();
        }
        JwksOperations jwks = ((ServingState.Serving) state).jwks();
        List<JwksOperations.IssuerKeys> issuers = jwks.statuses();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("jwks").status(jwks.allUsable());
        for (JwksOperations.IssuerKeys keys : issuers) {
            describe(response, issuers.size() == 1 ? "" : keys.name() + ".", keys.status());
        }
        return response.build();
    }

    private static void describe(HealthCheckResponseBuilder response, String prefix, JwksStatus status) {
        response.withData(prefix + "state", status.state().name().toLowerCase(Locale.ROOT))
                .withData(prefix + "keys", status.keys().size())
                .withData(prefix + "failuresSinceSuccess", status.fetches().failuresSinceSuccess());
        status.times().age().ifPresent(age -> response.withData(prefix + "ageSeconds", age.toSeconds()));
        status.fetches().lastFailure().ifPresent(reason -> response.withData(prefix + "lastFailure", reason));
    }
}
