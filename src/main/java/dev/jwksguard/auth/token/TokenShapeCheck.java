package dev.jwksguard.auth.token;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Cheap checks on the raw token before any key lookup or crypto: size, compact JWS form, and the
 * header's {@code alg}, {@code typ}, {@code crit} and {@code cty}. Anything odd is refused here so that a hostile
 * token never causes a JWKS fetch or costs more than a few microseconds.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7515#section-7.1">RFC 7515 §7.1 compact serialization</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7515#section-4.1.11">RFC 7515 §4.1.11 crit</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8725#section-3.1">RFC 8725 §3.1 algorithm verification</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9068#section-2.1">RFC 9068 §2.1 typ at+jwt</a>
 */
final class TokenShapeCheck {

    private final int maxTokenBytes;
    private final Set<String> algorithms;
    private final Set<String> acceptedTypes;
    private final boolean typeRequired;

    TokenShapeCheck(TokenRules rules) {
        this.maxTokenBytes = rules.maxTokenBytes();
        this.algorithms = rules.algorithms();
        this.acceptedTypes = rules.acceptedTypes();
        this.typeRequired = rules.strictProfile();
    }

    void checkSize(String token) throws InvalidTokenException {
        CompactJws.checkSize(token, maxTokenBytes);
    }

    void check(String token) throws InvalidTokenException {
        CompactJws jws = CompactJws.split(token, maxTokenBytes);
        Map<String, Object> header = jws.header();
        if (!(header.get("alg") instanceof String alg) || !algorithms.contains(alg)) {
            throw new InvalidTokenException(RejectionReason.ALGORITHM_NOT_ALLOWED);
        }
        if (!jws.hasSignature()) {
            throw new InvalidTokenException(RejectionReason.MALFORMED);
        }
        checkType(header.get("typ"));
        if (header.containsKey("crit")) {
            // RFC 7515 §4.1.11: reject a JWS whose crit names an extension not understood, and an
            // empty crit, which producers must not send. This verifier understands no extension.
            throw new InvalidTokenException(RejectionReason.MALFORMED);
        }
        if (header.containsKey("cty") || header.containsKey("zip")) {
            // Access tokens carry claims directly: a content type means a nested JWT or something
            // else, and "zip" belongs to JWE (RFC 7516 §4.1.3); a JWS with it is not one of ours.
            throw new InvalidTokenException(RejectionReason.MALFORMED);
        }
    }

    private void checkType(Object typ) throws InvalidTokenException {
        if (typ == null) {
            if (typeRequired) {
                throw new InvalidTokenException(RejectionReason.TYPE_NOT_ALLOWED);
            }
            return;
        }
        if (!(typ instanceof String type)) {
            throw new InvalidTokenException(RejectionReason.TYPE_NOT_ALLOWED);
        }
        // RFC 7515 §4.1.9: "application/" may be omitted, and media types compare case-insensitively.
        String normalized = type.toLowerCase(Locale.ROOT);
        if (normalized.startsWith("application/")) {
            normalized = normalized.substring("application/".length());
        }
        if (!acceptedTypes.contains(normalized)) {
            throw new InvalidTokenException(RejectionReason.TYPE_NOT_ALLOWED);
        }
    }
}
