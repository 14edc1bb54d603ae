package dev.jwksguard.auth.jwks;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;

/**
 * Network and cache behaviour of the JWKS client (the {@code oauth.jwks.*} settings), in named parts.
 *
 * @param refetchesPerMinute fetches outside the schedule (unknown kids, operators) in a sliding minute
 */
public record JwksSettings(Http http, Duration cacheDuration, Duration keepStaleKeysFor, int refetchesPerMinute,
                           Waits waits) {

    /** One fetch: its timeouts, its size cap, and whether plain http is allowed beyond loopback. */
    public record Http(Duration connectTimeout, Duration readTimeout, int maxResponseBytes, boolean allowHttp) {
    }

    /**
     * Who may wait for a fetch in flight, and how long.
     *
     * @param maxWait        counted from the fetch's start, whenever a request joins
     * @param maxWaitingKids how many different unknown kids one fetch is waited for by: requests with
     *                       other kids are answered at once from the keys held
     */
    public record Waits(Duration maxWait, int maxWaitingKids) {
    }

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
