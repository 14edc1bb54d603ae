package dev.jwksguard.auth;

import dev.jwksguard.auth.jwks.JwksKeySource;
import dev.jwksguard.auth.token.AccessTokenVerifier;
import dev.jwksguard.auth.token.RoleMapper;
import dev.jwksguard.auth.token.TokenDiagnosis;
import dev.jwksguard.auth.token.TokenVerifier;
import dev.jwksguard.auth.token.VerifiedTokenCache;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import jakarta.servlet.ServletContext;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Builds the bearer-token machinery once per deployment from MicroProfile Config. A missing or
 * wrong setting is {@link Misconfiguration}'s to report; nothing here is built then.
 */
@ApplicationScoped
public class AuthComponents {

    private static final System.Logger LOG = System.getLogger(AuthComponents.class.getName());

    /** Runs the background JWKS refresh; the container's, so it stops with the application. */
    @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
    ManagedScheduledExecutorService scheduler;

    /** Where the WAR is deployed, e.g. "" at the root: part of the MCP endpoint's derived identifier. */
    private volatile String contextPath;

    /** Reached only when {@link Misconfiguration} found every setting usable. */
    @Produces
    @Singleton
    OAuthSettings settings() {
        return OAuthSettings.read(SettingsReader.fromMicroProfileConfig());
    }

    @Produces
    @Singleton
    TrustedIssuers trustedIssuers(OAuthSettings settings) {
        Objects.requireNonNull(scheduler,
                "java:comp/DefaultManagedScheduledExecutorService is not available: the key sets cannot be refreshed");
        List<TrustedIssuers.Checks> checks = new ArrayList<>();
        for (TrustedIssuer issuer : settings.issuers()) {
            JwksKeySource keys = JwksKeySource.create(issuer.issuer(), issuer.jwksUri(), settings.jwks(),
                    Clock.systemUTC(), scheduler);
            keys.start();
            checks.add(checks(settings, issuer, keys, Clock.systemUTC()));
        }
        return new TrustedIssuers(checks, settings.maxTokenBytes());
    }

    /** Static: at undeployment WildFly may have destroyed this bean's own instance before the disposal. */
    static void stopRefreshing(@Disposes TrustedIssuers issuers) {
        issuers.stopRefreshing();
    }

    /** One issuer's verifier and diagnosis over its own key source. */
    static TrustedIssuers.Checks checks(OAuthSettings settings, TrustedIssuer issuer, JwksKeySource keys, Clock clock) {
        TokenVerifier verifier = verifier(settings, issuer, keys, clock);
        return new TrustedIssuers.Checks(issuer, keys, verifier, diagnosis(settings, issuer, verifier, keys, clock));
    }

    /** The verifier, with its cache told of every new key set so that a removed key's tokens are forgotten. */
    static TokenVerifier verifier(OAuthSettings settings, TrustedIssuer issuer, JwksKeySource keySource, Clock clock) {
        VerifiedTokenCache cache = VerifiedTokenCache.create(settings.tokenCacheEntries(), keySource::publishes,
                clock, settings.clockSkew());
        keySource.onNewKeys(cache::retainKeys);
        return new TokenVerifier(settings.tokenRules(issuer), keySource.resolver(), roleMapper(settings, issuer), cache,
                clock);
    }

    static TokenDiagnosis diagnosis(OAuthSettings settings, TrustedIssuer issuer, TokenVerifier verifier,
                                    JwksKeySource keySource, Clock clock) {
        return new TokenDiagnosis(settings.tokenRules(issuer), verifier, roleMapper(settings, issuer),
                keySource::cachedKeys, clock);
    }

    private static RoleMapper roleMapper(OAuthSettings settings, TrustedIssuer issuer) {
        return new RoleMapper(issuer.roleClaims(), settings.adminRole(), Roles.ADMIN);
    }

    @Produces
    @Singleton
    VerificationCounters verificationCounters() {
        return new VerificationCounters();
    }

    @Produces
    @Singleton
    BearerAuthenticator authenticator(TrustedIssuers issuers, OAuthSettings settings, VerificationCounters counters,
                                      RefusalLog refusals) {
        Objects.requireNonNull(contextPath, "the deployment's context path is not known yet");
        Set<String> mcpIssuers = Set.copyOf(settings.mcpIssuers());
        AccessTokenVerifier mcp = issuers.restrictedTo(mcpIssuers, settings.mcpAudiences(contextPath));
        return new BearerAuthenticator(issuers, mcp, settings.retryAfter(), counters, refusals);
    }

    @Produces
    @Singleton
    RefusalLog refusalLog() {
        RefusalLog refusals = RefusalLog.toServerLog(Clock.systemUTC());
        refusals.summarizeEvery(scheduler);
        return refusals;
    }

    static void stopSummarizing(@Disposes RefusalLog refusals) {
        refusals.stop();
    }

    @Produces
    @Singleton
    JwksOperations jwksOperations(TrustedIssuers issuers, VerificationCounters counters) {
        return new JwksOperations(issuers, counters);
    }

    /**
     * Checks every setting while deploying, so that a mistake is reported at once (see
     * {@link Misconfiguration}); and, when all is well, starts fetching the keys, so the first
     * request finds them.
     */
    void startAtDeployment(@Observes @Initialized(ApplicationScoped.class) Object deployment,
                           Misconfiguration misconfiguration, Instance<TrustedIssuers> trusted,
                           Instance<OAuthSettings> settings) {
        // In a web application the event is the ServletContext (CDI, Jakarta EE integration); its
        // context path is fixed for the deployment, and no request can be there to ask.
        contextPath = deployment instanceof ServletContext servlet ? servlet.getContextPath() : "";
        if (misconfiguration.problem().isPresent()) {
            return;
        }
        logMcpAccess(settings.get(), contextPath);
        for (TrustedIssuers.Checks checks : trusted.get().all()) {
            TrustedIssuer issuer = checks.issuer();
            LOG.log(System.Logger.Level.INFO, "JWKS Guard trusts issuer {0} for audience {1}; keys from {2}",
                    issuer.issuer(), issuer.audiences(),
                    issuer.jwksUri().map(Object::toString).orElse("the issuer's discovery document"));
            issuer.roleClaimWarnings().forEach(warning -> LOG.log(System.Logger.Level.WARNING, warning));
        }
    }

    /** What opens /mcp, said once; a deployment whose MCP endpoint can accept no token is told why. */
    private static void logMcpAccess(OAuthSettings settings, String contextPath) {
        Set<String> audiences = settings.mcpAudiences(contextPath);
        if (audiences.isEmpty()) {
            LOG.log(System.Logger.Level.WARNING, "The MCP endpoint accepts no token: it has no resource identifier."
                    + " Set mcp.resource to its public URL (or oauth.resource, or mcp.audience)");
        } else {
            LOG.log(System.Logger.Level.INFO, "The MCP endpoint accepts tokens of issuers {0} for audience {1}",
                    settings.mcpIssuers(), audiences);
        }
    }
}
