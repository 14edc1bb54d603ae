package dev.jwksguard.auth.jwks;

import java.security.Key;
import java.util.Optional;

/**
 * The key a token was verified with, and the kid it was selected by: what must still be published
 * for an earlier verification to hold. The same key under another kid does not count, because a
 * fresh verification would not find it.
 */
public record SigningKey(Optional<String> kid, Key key) {
}
