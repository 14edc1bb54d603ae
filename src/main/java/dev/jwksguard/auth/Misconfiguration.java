package dev.jwksguard.auth;

import dev.jwksguard.problem.Problem;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * The first setting that cannot work, found once at deployment. The application then stays
 * deployed and says so everywhere instead of failing to deploy, which Payara hides behind empty
 * 500s: one SEVERE line in the log, readiness DOWN naming the key, and a 503 problem naming the
 * key (never its value) for every request to the API, the MCP endpoint and the metadata, with no
 * token ever accepted.
 */
@ApplicationScoped
public class Misconfiguration {

    private static final System.Logger LOG = System.getLogger(Misconfiguration.class.getName());

    /** The words the run command looks for. */
    public static final String LOG_MARKER = "JWKS Guard is NOT SERVING:";

    @Inject
    @Any
    Instance<SettingsCheck> checks;

    private Optional<InvalidSettingException> problem = Optional.empty();

    @PostConstruct
    void checkEverySetting() {
        SettingsReader settings = SettingsReader.fromMicroProfileConfig();
        for (SettingsCheck check : checks) {
            try {
                check.check(settings);
            } catch (InvalidSettingException e) {
                problem = Optional.of(e);
                LOG.log(System.Logger.Level.ERROR, LOG_MARKER + " " + e.getMessage() + ". Every API request answers"
                        + " 503 until it is fixed and the application redeployed.");
                return;
            }
        }
    }

    public Optional<InvalidSettingException> problem() {
        return problem;
    }

    /** What clients and readiness are told: the key, not the value, which only the log holds. */
    public String publicReason() {
        return problem.map(e -> "JWKS Guard is misconfigured: setting '" + e.key() + "' (environment "
                + InvalidSettingException.environmentName(e.key()) + ") is missing or invalid; the server log says"
                + " why").orElse("");
    }

    Problem asProblem() {
        return Problem.of(503, publicReason());
    }
}
