package dev.jwksguard.auth;

import dev.jwksguard.auth.jwks.JwksKeySource;
import dev.jwksguard.auth.token.TokenDiagnosis;
import dev.jwksguard.auth.token.TokenVerifier;
import dev.jwksguard.config.IssuerSettings;
import dev.jwksguard.config.OAuthSettings;
import dev.jwksguard.config.SettingsReader;
import dev.jwksguard.testsupport.TestTokens;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** Settings as an operator would write them: the test defaults plus the deviations a test names. */
public final class TestSettings {

    /** Background refreshes of the test verifiers: daemon threads, so no test waits for them. */
    private static final ScheduledExecutorService REFRESHER = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "test-jwks-refresh");
        thread.setDaemon(true);
        return thread;
    });

    private TestSettings() {
    }

    public static SettingsReader reader(String jwksUri, String... keyValues) {
        Map<String, String> values = new HashMap<>();
        values.put("oauth.issuer", TestTokens.ISSUER);
        values.put("oauth.audience", TestTokens.AUDIENCE);
        values.put("oauth.jwks.uri", jwksUri);
        for (int i = 0; i < keyValues.length; i += 2) {
            if (keyValues[i + 1] == null) {
                values.remove(keyValues[i]);
            } else {
                values.put(keyValues[i], keyValues[i + 1]);
            }
        }
        return new SettingsReader(key -> Optional.ofNullable(values.get(key)));
    }

    public static OAuthSettings settings(String jwksUri, String... keyValues) {
        return OAuthSettings.read(reader(jwksUri, keyValues));
    }

    /** A verifier with keys over real HTTP; not started, so the first verification fetches. */
    public static TokenVerifier verifier(OAuthSettings settings) {
        return trusted(settings, settings.issuers().get(0)).verifier();
    }

    /** Every issuer the settings trust, each with its own key source; not started. */
    public static TrustedIssuers trustedIssuers(OAuthSettings settings) {
        return new TrustedIssuers(settings.issuers().stream().map(issuer -> trusted(settings, issuer)).toList(),
                settings.tokens().maxBytes());
    }

    /** A diagnosis over a key source that has fetched its keys once, as a running server's has. */
    public static TokenDiagnosis diagnosis(OAuthSettings settings) {
        TrustedIssuer trusted = trusted(settings, settings.issuers().get(0));
        if (!trusted.keys().refetchNow() || trusted.keys().cachedKeys().isEmpty()) {
            throw new IllegalStateException("the JWKS stub served no keys");
        }
        return trusted.diagnosis();
    }

    private static TrustedIssuer trusted(OAuthSettings settings, IssuerSettings issuer) {
        JwksKeySource keys = JwksKeySource.create(issuer.issuer(), issuer.jwksUri(), settings.jwks(),
                Clock.systemUTC(), REFRESHER);
        return AuthComponents.trustedIssuer(settings, issuer, keys, Clock.systemUTC());
    }

    /** The API's check and /mcp's, as AuthComponents builds them, over one issuer's keys; the WAR at "/". */
    static BearerAuthenticator authenticator(OAuthSettings settings) {
        TrustedIssuers issuers = trustedIssuers(settings);
        return new BearerAuthenticator(issuers, issuers.restrictedTo(java.util.Set.copyOf(settings.resource().mcp().issuers()),
                ProtectedResource.of(settings).mcpTokenAudiences("")), Duration.ofSeconds(30),
                new VerificationCounters(issuers.namesByIss(), issuers.names()),
                RefusalLog.toServerLog(Clock.systemUTC()));
    }
}
