package dev.jwksguard.auth.token;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jose4j.json.JsonUtil;
import org.jose4j.lang.JoseException;

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

    private final int maxTokenChars;
    private final Set<String> algorithms;
    private final Set<String> acceptedTypes;
    private final boolean typeRequired;

    TokenShapeCheck(TokenRules rules) {
        this.maxTokenChars = rules.maxTokenChars();
        this.algorithms = rules.algorithms();
        this.acceptedTypes = rules.acceptedTypes();
        this.typeRequired = rules.strictProfile();
    }

    void checkSize(String token) throws InvalidTokenException {
        if (token.length() > maxTokenChars) {
            throw new InvalidTokenException(RejectionReason.TOO_LARGE);
        }
    }

    void check(String token) throws InvalidTokenException {
        checkSize(token);
        int firstDot = token.indexOf('.');
        int secondDot = firstDot < 0 ? -1 : token.indexOf('.', firstDot + 1);
        if (firstDot <= 0 || secondDot < 0 || token.indexOf('.', secondDot + 1) >= 0
                || secondDot == firstDot + 1 || !isBase64Url(token)) {
            // Also refuses JWE (five parts) and the JSON serializations.
            throw new InvalidTokenException(RejectionReason.MALFORMED);
        }
        Map<String, Object> header = header(token.substring(0, firstDot));
        if (!(header.get("alg") instanceof String alg) || !algorithms.contains(alg)) {
            throw new InvalidTokenException(RejectionReason.ALGORITHM_NOT_ALLOWED);
        }
        if (secondDot == token.length() - 1) {
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

    private static Map<String, Object> header(String encoded) throws InvalidTokenException {
        try {
            String json = new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8);
            return JsonUtil.parseJson(json);
        } catch (IllegalArgumentException | JoseException | ClassCastException e) {
            throw new InvalidTokenException(RejectionReason.MALFORMED);
        }
    }

    private static boolean isBase64Url(String token) {
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            boolean allowed = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.';
            if (!allowed) {
                return false;
            }
        }
        return true;
    }
}
