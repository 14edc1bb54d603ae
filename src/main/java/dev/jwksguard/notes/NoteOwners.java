package dev.jwksguard.notes;

import dev.jwksguard.auth.ProtectedResource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Whose notes a caller sees. A {@code sub} is unique only within its issuer (RFC 7519 §4.1.2), so
 * with several trusted issuers the same {@code sub} from two of them is two people. The first
 * issuer's callers are keyed by {@code sub} alone, as with a single issuer, so adding issuers keeps
 * their notes; every other issuer's are keyed by {@code iss#sub}.
 */
@ApplicationScoped
class NoteOwners {

    /** The owner column's length. */
    static final int MAX_OWNER = 255;

    @Inject
    ProtectedResource resource;

    public String of(JsonWebToken caller) {
        String owner = resource.firstIssuerValues().contains(caller.getIssuer()) ? caller.getSubject()
                : caller.getIssuer() + "#" + caller.getSubject();
        return owner.length() <= MAX_OWNER ? owner : "sha256:" + sha256(owner);
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(
                    value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
