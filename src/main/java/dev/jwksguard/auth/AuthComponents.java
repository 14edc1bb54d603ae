package dev.jwksguard.auth;

import dev.jwksguard.Roles;
import dev.jwksguard.auth.jwks.JwksKeySource;
import dev.jwksguard.auth.token.AccessTokenVerifier;
import dev.jwksguard.auth.token.TokenChecks;
import dev.jwksguard.auth.token.TokenRules;
import dev.jwksguard.config.CheckedSettings;
import dev.jwksguard.config.IssuerSettings;
import dev.jwksguard.config.OAuthSettings;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Builds the bearer-token machinery from checked settings, once per deployment, for
 * {@link DeploymentState}: each part gets only the settings it uses.
 */
final class AuthComponents {

    private static final System.Logger LOG = System.getLogger(AuthComponents.class.getName());

    private AuthComponents() {
    }

    /** Everything serving needs; the key sets start fetching now, so the first request finds them. */
    static ServingState.Serving serving(OAuthSettings settings, CheckedSettings families,
                                        ScheduledExecutorService scheduler, String contextPath) {
        List<TrustedIssuer> trusted = new ArrayList<>();
        for (IssuerSettings issuer : settings.issuers()) {
            JwksKeySource keys = JwksKeySource.create(issuer.issuer(), issuer.jwksUri(), settings.jwks(),
                    Clock.systemUTC(), scheduler);
            trusted.add(trustedIssuer(settings, issuer, keys, Clock.systemUTC()));
            keys.start();
            logTrust(issuer);
        }
        TrustedIssuers issuers = new TrustedIssuers(trusted, settings.tokens().maxBytes());
        ProtectedResource resource = ProtectedResource.of(settings);
        Set<String> mcpAudiences = resource.mcpTokenAudiences(contextPath);
        logMcpAccess(settings, mcpAudiences);
        AccessTokenVerifier mcp = issuers.restrictedTo(Set.copyOf(settings.resource().mcp().issuers()), mcpAudiences);
        VerificationCounters counters = new VerificationCounters(issuers.namesByIss(), issuers.names());
        RefusalLog refusals = RefusalLog.toServerLog(Clock.systemUTC());
        refusals.summarizeEvery(scheduler);
        return new ServingState.Serving(resource,
                new BearerAuthenticator(issuers, mcp, settings.tokens().keysRetryAfter(), counters, refusals), issuers,
                new JwksOperations(issuers, counters), refusals, families);
    }

    /** One issuer's verifier and diagnosis over its own key source. */
    static TrustedIssuer trustedIssuer(OAuthSettings settings, IssuerSettings issuer, JwksKeySource keys, Clock clock) {
        TokenChecks checks = TokenChecks.create(tokenRules(settings, issuer), issuer.roleClaims(),
                settings.tokens().scopeHierarchy(), settings.resource().adminRole(), Roles.ADMIN,
                settings.tokens().cacheEntries(), keys, clock);
        return new TrustedIssuer(issuer, keys, checks.verifier(), checks.diagnosis());
    }

    /** What a token from this issuer must satisfy. */
    private static TokenRules tokenRules(OAuthSettings settings, IssuerSettings issuer) {
        // RFC 9068 strict mode: only at+jwt tokens, and iat, jti and client_id are required.
        Set<String> types = issuer.strictAccessTokenProfile() ? Set.of("at+jwt") : issuer.acceptedTypes();
        return new TokenRules(issuer.acceptedIssuers(), issuer.audiences(), issuer.algorithms(),
                settings.tokens().clockSkew(), settings.tokens().maxBytes(), types, issuer.strictAccessTokenProfile());
    }

    private static void logTrust(IssuerSettings issuer) {
        LOG.log(System.Logger.Level.INFO, "JWKS Guard trusts issuer {0} for audience {1}; keys from {2}",
                issuer.issuer(), issuer.audiences(),
                issuer.jwksUri().map(Object::toString).orElse("the issuer's discovery document"));
        issuer.roleClaimWarnings().forEach(warning -> LOG.log(System.Logger.Level.WARNING, warning));
    }

    /** What opens /mcp, said once; a deployment whose MCP endpoint can accept no token is told why. */
    private static void logMcpAccess(OAuthSettings settings, Set<String> audiences) {
        if (audiences.isEmpty()) {
            LOG.log(System.Logger.Level.WARNING, "The MCP endpoint accepts no token: it has no resource identifier."
                    + " Set mcp.resource to its public URL (or oauth.resource, or mcp.audience)");
        } else {
            LOG.log(System.Logger.Level.INFO, "The MCP endpoint accepts tokens of issuers {0} for audience {1}",
                    settings.resource().mcp().issuers(), audiences);
        }
    }
}
