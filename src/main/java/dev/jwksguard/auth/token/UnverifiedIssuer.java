package dev.jwksguard.auth.token;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.jose4j.json.JsonUtil;
import org.jose4j.lang.JoseException;

/**
 * The {@code iss} a compact JWS claims, read before anything is verified, only to choose whose
 * keys and rules verify it. Trusting it is safe because the chosen issuer's keys must then verify
 * the signature over that same claim.
 */
public final class UnverifiedIssuer {

    private UnverifiedIssuer() {
    }

    /** @throws InvalidTokenException the token has no readable payload, or no string {@code iss} */
    public static String of(String token) throws InvalidTokenException {
        int first = token.indexOf('.');
        int second = first < 0 ? -1 : token.indexOf('.', first + 1);
        if (second < 0) {
            throw new InvalidTokenException(RejectionReason.MALFORMED);
        }
        Map<String, Object> claims;
        try {
            byte[] payload = Base64.getUrlDecoder().decode(token.substring(first + 1, second));
            claims = JsonUtil.parseJson(new String(payload, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException | JoseException | ClassCastException e) {
            throw new InvalidTokenException(RejectionReason.MALFORMED);
        }
        if (!(claims.get("iss") instanceof String issuer)) {
            throw new InvalidTokenException(RejectionReason.WRONG_ISSUER);
        }
        return issuer;
    }
}
