package dev.jwksguard.auth.jwks;

import java.time.Duration;

/** The documented oauth.jwks.* defaults, and the deviations tests need. */
final class TestJwksSettings {

    private TestJwksSettings() {
    }

    static JwksSettings defaults() {
        return new JwksSettings(new JwksSettings.Http(Duration.ofSeconds(2), Duration.ofSeconds(3), 512 * 1024, false),
                Duration.ofMinutes(10), Duration.ofHours(24), 5, new JwksSettings.Waits(Duration.ofMillis(2_500), 4));
    }

    static JwksSettings withReadTimeout(Duration readTimeout) {
        return withTimeouts(defaults().http().connectTimeout(), readTimeout);
    }

    static JwksSettings withTimeouts(Duration connectTimeout, Duration readTimeout) {
        JwksSettings d = defaults();
        return new JwksSettings(new JwksSettings.Http(connectTimeout, readTimeout, d.http().maxResponseBytes(),
                d.http().allowHttp()), d.cacheDuration(), d.keepStaleKeysFor(), d.refetchesPerMinute(), d.waits());
    }

    static JwksSettings withMaxWait(Duration maxWait) {
        JwksSettings d = defaults();
        return new JwksSettings(d.http(), d.cacheDuration(), d.keepStaleKeysFor(), d.refetchesPerMinute(),
                new JwksSettings.Waits(maxWait, d.waits().maxWaitingKids()));
    }

    static JwksSettings withMaxResponseBytes(int maxResponseBytes) {
        JwksSettings d = defaults();
        return new JwksSettings(new JwksSettings.Http(d.http().connectTimeout(), d.http().readTimeout(), maxResponseBytes,
                d.http().allowHttp()), d.cacheDuration(), d.keepStaleKeysFor(), d.refetchesPerMinute(), d.waits());
    }
}
