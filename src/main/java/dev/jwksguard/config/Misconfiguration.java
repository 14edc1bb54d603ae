package dev.jwksguard.config;

import dev.jwksguard.problem.Problem;

/**
 * The first setting that cannot work, found once at deployment. The application then stays
 * deployed and says so everywhere instead of failing to deploy, which Payara hides behind empty
 * 500s: one SEVERE line in the log, readiness DOWN naming the key, and a 503 problem naming the
 * key (never its value) for every request to the API, the MCP endpoint and the metadata, with no
 * token ever accepted.
 */
public record Misconfiguration(InvalidSettingException cause) {

    private static final System.Logger LOG = System.getLogger(Misconfiguration.class.getName());

    /** The words the run command looks for. */
    public static final String LOG_MARKER = "JWKS Guard is NOT SERVING:";

    /** What an operator of a server is told to do; the run command says its own instead. */
    public static final String SERVER_ADVICE = "Every API request answers 503 until the setting is fixed and the"
            + " application redeployed (or the server restarted).";

    /** The one SEVERE line, with the value's fault; clients only ever see {@link #publicReason()}. */
    public static Misconfiguration found(InvalidSettingException cause) {
        LOG.log(System.Logger.Level.ERROR, LOG_MARKER + " " + cause.getMessage() + ". " + SERVER_ADVICE);
        return new Misconfiguration(cause);
    }

    /** The setting at fault, e.g. {@code oauth.audience}. */
    public String key() {
        return cause.key();
    }

    /** What clients and readiness are told: the key, not the value, which only the log holds. */
    public String publicReason() {
        return "JWKS Guard is misconfigured: setting '" + key() + "' (environment "
                + InvalidSettingException.environmentName(key()) + ") is missing or invalid; the server log says why";
    }

    public Problem problem() {
        return Problem.of(503, publicReason());
    }
}
