package dev.jwksguard.auth;

import dev.jwksguard.config.Misconfiguration;

/**
 * Whether the application serves: with every setting usable, the built bearer-token machinery;
 * otherwise the setting at fault. Decided once, at deployment, by {@link DeploymentState}.
 */
public sealed interface ServingState {

    /** Every setting is usable: what the entry points work with. */
    record Serving(ProtectedResource resource, BearerAuthenticator authenticator, TrustedIssuers issuers,
                   JwksOperations jwks, RefusalLog refusals) implements ServingState {
    }

    /** A setting cannot work: nothing is built, and every entry point says which one. */
    record NotServing(Misconfiguration misconfiguration) implements ServingState {
    }
}
