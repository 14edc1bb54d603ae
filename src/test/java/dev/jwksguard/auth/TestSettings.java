package dev.jwksguard.auth;

import dev.jwksguard.auth.jwks.JwksKeySource;
import dev.jwksguard.testsupport.TestTokens;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Settings as an operator would write them: the test defaults plus the deviations a test names. */
final class TestSettings {

    private TestSettings() {
    }

    static SettingsReader reader(String jwksUri, String... keyValues) {
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

    static OAuthSettings settings(String jwksUri, String... keyValues) {
        return OAuthSettings.read(reader(jwksUri, keyValues));
    }

    /** A verifier with keys over real HTTP, without a background refresher. */
    static TokenVerifier verifier(OAuthSettings settings) {
        JwksKeySource keys = JwksKeySource.create(settings.issuer(), settings.jwksUri(), settings.jwks(),
                Clock.systemUTC(), Optional.empty());
        return new TokenVerifier(settings, keys.resolver(), Clock.systemUTC());
    }

    static BearerAuthenticator authenticator(OAuthSettings settings) {
        return new BearerAuthenticator(verifier(settings), Duration.ofSeconds(30), new VerificationCounters());
    }
}
