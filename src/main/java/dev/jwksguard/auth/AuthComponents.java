package dev.jwksguard.auth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Builds the bearer-token machinery once per deployment from MicroProfile Config, and refuses to
 * deploy when a setting is missing or wrong.
 */
@ApplicationScoped
public class AuthComponents {

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
    JwksKeySource keySource(OAuthSettings settings) {
        return new JwksKeySource(new JwksFetcher(settings.jwksUri(), settings.jwks()), settings.jwks(),
                Clock.systemUTC());
    }

    @Produces
    @Singleton
    TokenVerifier tokenVerifier(OAuthSettings settings, JwksKeySource keySource) {
        return new TokenVerifier(settings, keySource.resolver(), Clock.systemUTC());
    }

    @Produces
    @Singleton
    BearerAuthenticator authenticator(TokenVerifier verifier, OAuthSettings settings) {
        return new BearerAuthenticator(verifier, settings.jwks().retryAfter());
    }

    /** Reads and checks every setting while deploying, so a mistake stops the deployment, loudly. */
    void checkAtDeployment(@Observes @Initialized(ApplicationScoped.class) Object ignored, OAuthSettings settings) {
        LOG.log(System.Logger.Level.INFO, "JWKS Guard trusts issuer {0} for audience {1}; keys from {2}",
                settings.issuer(), settings.audiences(), settings.jwksUri());
    }
}
