package dev.jwksguard.auth.jwks;

import java.time.Duration;

/** The documented oauth.jwks.* defaults, and the deviations tests need. */
final class TestJwksSettings {

    private TestJwksSettings() {
    }

    static JwksSettings defaults() {
        return new JwksSettings(Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofMillis(2_500), Duration.ofMinutes(10),
                Duration.ofHours(24), 5, 512 * 1024, false);
    }

    static JwksSettings withReadTimeout(Duration readTimeout) {
        return withTimeouts(defaults().connectTimeout(), readTimeout);
    }

    static JwksSettings withTimeouts(Duration connectTimeout, Duration readTimeout) {
        JwksSettings d = defaults();
        return new JwksSettings(connectTimeout, readTimeout, d.maxWait(), d.cacheDuration(), d.keepStaleKeysFor(),
                d.refetchesPerMinute(), d.maxResponseBytes(), d.allowHttp());
    }

    static JwksSettings withMaxWait(Duration maxWait) {
        JwksSettings d = defaults();
        return new JwksSettings(d.connectTimeout(), d.readTimeout(), maxWait, d.cacheDuration(), d.keepStaleKeysFor(),
                d.refetchesPerMinute(), d.maxResponseBytes(), d.allowHttp());
    }

    static JwksSettings withMaxResponseBytes(int maxResponseBytes) {
        JwksSettings d = defaults();
        return new JwksSettings(d.connectTimeout(), d.readTimeout(), d.maxWait(), d.cacheDuration(), d.keepStaleKeysFor(),
                d.refetchesPerMinute(), maxResponseBytes, d.allowHttp());
    }
}
