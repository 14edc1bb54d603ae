package dev.jwksguard.auth;

import dev.jwksguard.config.CheckedSettings;
import dev.jwksguard.config.Misconfiguration;

/**
 * Whether the application serves: with every setting usable, the built bearer-token machinery;
 * otherwise the setting at fault. Decided once, at deployment, by {@link DeploymentState}.
 */
public sealed interface ServingState {

    /** The families of settings (MCP, OpenAPI...) that read without fault: every one while serving. */
    CheckedSettings settings();

    /** Every setting is usable: what the entry points work with. */
    record Serving(ProtectedResource resource, BearerAuthenticator authenticator, TrustedIssuers issuers,
                   JwksOperations jwks, RefusalLog refusals, CheckedSettings settings) implements ServingState {
    }

    /**
     * A setting cannot work: nothing is built, and every entry point says which one.
     *
     * @param settings the families that are usable all the same, e.g. the MCP endpoint's CORS origins
     */
    record NotServing(Misconfiguration misconfiguration, CheckedSettings settings) implements ServingState {
    }
}
