package dev.jwksguard.auth.token;

import java.time.Duration;

/**
 * The time claims against now, with the allowed skew: jose4j's own comparisons, so that a cache
 * hit, a diagnosis and a full verification never disagree about the same token.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7519#section-4.1.4">RFC 7519 §4.1.4, §4.1.5</a>
 */
record ClockSkew(long seconds) {

    static ClockSkew of(Duration skew) {
        return new ClockSkew(skew.toSeconds());
    }

    boolean expired(long now, long exp) {
        return now - seconds >= exp;
    }

    boolean notYetValid(long now, long nbf) {
        return now + seconds < nbf;
    }

    boolean issuedInFuture(long now, long iat) {
        return iat > now + seconds;
    }
}
