package dev.jwksguard.auth.jwks;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;

/**
 * Network and cache behaviour of the JWKS client (the {@code oauth.jwks.*} settings).
 * {@code maxWait}: how long requests may wait for a fetch in flight, counted from its start.
 */
public record JwksSettings(
        Duration connectTimeout,
        Duration readTimeout,
        Duration maxWait,
        Duration cacheDuration,
        Duration keepStaleKeysFor,
        int refetchesPerMinute,
        int maxResponseBytes,
        boolean allowHttp) {

    /** https, or plain http for a loopback host or when explicitly allowed. */
    public static boolean isAcceptableJwksUri(URI uri, boolean allowHttp) {
        return "https".equalsIgnoreCase(uri.getScheme())
                || ("http".equalsIgnoreCase(uri.getScheme()) && (allowHttp || isLoopback(uri.getHost())));
    }

    private static boolean isLoopback(String host) {
        if (host == null) {
            return false;
        }
        if ("localhost".equalsIgnoreCase(host)) {
            return true;
        }
        // Only literal addresses: never resolve a name here.
        if (!host.matches("[0-9.]+|\\[[0-9a-fA-F:]+]")) {
            return false;
        }
        try {
            return InetAddress.getByName(host.replace("[", "").replace("]", "")).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
