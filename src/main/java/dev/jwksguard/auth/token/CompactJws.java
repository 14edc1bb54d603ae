package dev.jwksguard.auth.token;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.jose4j.json.JsonUtil;
import org.jose4j.lang.JoseException;

/**
 * A compact JWS as it arrives, before anything is verified: the one place that bounds its size,
 * splits its three segments and decodes the header or payload JSON. The routing by {@code iss}
 * and the shape check both read it here; only the signature check may trust what it says.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7515#section-7.1">RFC 7515 §7.1 compact serialization</a>
 */
public final class CompactJws {

    private final String token;
    private final int firstDot;
    private final int secondDot;

    private CompactJws(String token, int firstDot, int secondDot) {
        this.token = token;
        this.firstDot = firstDot;
        this.secondDot = secondDot;
    }

    /** Refuses a token longer than allowed before any work is done on it (oauth.token.max-bytes). */
    static void checkSize(String token, int maxTokenBytes) throws InvalidTokenException {
        // A token is base64url and dots, one byte per character; any other character is refused
        // as malformed right after.
        if (token.length() > maxTokenBytes) {
            throw new InvalidTokenException(RejectionReason.TOO_LARGE);
        }
    }

    /** Three non-empty-header, non-empty-payload base64url segments; JWE (five) and JSON serializations refused. */
    static CompactJws split(String token, int maxTokenBytes) throws InvalidTokenException {
        checkSize(token, maxTokenBytes);
        int first = token.indexOf('.');
        int second = first < 0 ? -1 : token.indexOf('.', first + 1);
        if (first <= 0 || second < 0 || token.indexOf('.', second + 1) >= 0 || second == first + 1
                || !isBase64Url(token)) {
            throw new InvalidTokenException(RejectionReason.MALFORMED);
        }
        return new CompactJws(token, first, second);
    }

    /**
     * The {@code iss} the token claims, only to choose whose keys and rules verify it. Trusting it
     * is safe because the chosen issuer's keys must then verify the signature over that same claim.
     */
    public static String unverifiedIssuer(String token, int maxTokenBytes) throws InvalidTokenException {
        if (!(split(token, maxTokenBytes).payload().get("iss") instanceof String issuer)) {
            throw new InvalidTokenException(RejectionReason.WRONG_ISSUER);
        }
        return issuer;
    }

    Map<String, Object> header() throws InvalidTokenException {
        return json(token.substring(0, firstDot));
    }

    Map<String, Object> payload() throws InvalidTokenException {
        return json(token.substring(firstDot + 1, secondDot));
    }

    boolean hasSignature() {
        return secondDot < token.length() - 1;
    }

    private static Map<String, Object> json(String segment) throws InvalidTokenException {
        try {
            return JsonUtil.parseJson(new String(Base64.getUrlDecoder().decode(segment), StandardCharsets.UTF_8));
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
