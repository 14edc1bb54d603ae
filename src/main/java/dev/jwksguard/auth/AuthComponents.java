package dev.jwksguard.auth;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jose4j.http.SimpleGet;

/**
 * Builds the bearer-token machinery once per deployment from MicroProfile Config, and refuses to
 * deploy when a setting is missing or wrong.
 */
@ApplicationScoped
public class AuthComponents {

    /** Runs the background JWKS refresh; the container's, so it stops with the application. */
    @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
    ManagedScheduledExecutorService scheduler;

    private static final System.Logger LOG = System.getLogger(AuthComponents.class.getName());

    @Produces
    @Singleton
    OAuthSettings settings() {
        Config config = ConfigProvider.getConfig();
        try {
            return OAuthSettings.read(new SettingsReader(key -> config.getOptionalValue(key, String.class)));
        } catch (InvalidSettingException e) {
            // Payara Micro still prints "ready" after a failed deployment: make this line stand out.
            LOG.log(System.Logger.Level.ERROR, "\n\n*** DEPLOYMENT STOPPED ***\n{0}\n", e.getMessage());
            throw e;
        }
    }

    @Produces
    @Singleton
    JwksCache jwksCache(OAuthSettings settings) {
        SimpleGet http = JwksFetcher.httpClient(settings.jwks());
        JwksLocator locator = new JwksLocator(settings.jwksUri(), settings.issuer(), http, settings.jwks().allowHttp());
        JwksCache cache = new JwksCache(new JwksFetcher(locator, http), settings.jwks(), Clock.systemUTC(),
                Optional.ofNullable(scheduler));
        cache.start();
        return cache;
    }

    void stopRefreshing(@Disposes JwksCache cache) {
        cache.stop();
    }

    @Produces
    @Singleton
    JwksKeySource keySource(OAuthSettings settings, JwksCache cache) {
        return new JwksKeySource(settings.jwksUri().map(Object::toString).orElse(settings.issuer()), cache);
    }

    @Produces
    @Singleton
    TokenVerifier tokenVerifier(OAuthSettings settings, JwksKeySource keySource) {
        return new TokenVerifier(settings, keySource.resolver(), Clock.systemUTC());
    }

    @Produces
    @Singleton
    VerificationCounters verificationCounters() {
        return new VerificationCounters();
    }

    @Produces
    @Singleton
    BearerAuthenticator authenticator(TokenVerifier verifier, OAuthSettings settings, VerificationCounters counters) {
        return new BearerAuthenticator(verifier, settings.jwks().retryAfter(), counters);
    }

    @Produces
    @Singleton
    JwksOperations jwksOperations(JwksCache cache, VerificationCounters counters) {
        return new JwksOperations(cache, counters);
    }

    /**
     * Reads and checks every setting while deploying, so a mistake stops the deployment, loudly;
     * and starts fetching the keys, so the first request finds them.
     */
    void startAtDeployment(@Observes @Initialized(ApplicationScoped.class) Object ignored, OAuthSettings settings,
                           JwksCache cache) {
        LOG.log(System.Logger.Level.INFO, "JWKS Guard trusts issuer {0} for audience {1}; keys from {2}",
                settings.issuer(), settings.audiences(),
                settings.jwksUri().map(Object::toString).orElse("the issuer's discovery document"));
    }
}
