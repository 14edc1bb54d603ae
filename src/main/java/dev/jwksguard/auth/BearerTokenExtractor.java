package dev.jwksguard.auth;

import java.util.List;

/**
 * Reads a bearer token from the Authorization header values, and only from there: tokens in the
 * query or form are not accepted (RFC 9700 §2.5, OAuth 2.1).
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6750#section-2.1">RFC 6750 §2.1</a>
 */
final class BearerTokenExtractor {

    private static final String SCHEME = "Bearer";

    BearerCredential extract(List<String> authorizationHeaders) {
        if (authorizationHeaders.isEmpty()) {
            return new BearerCredential.Absent();
        }
        if (authorizationHeaders.size() > 1) {
            return new BearerCredential.Malformed("More than one Authorization header");
        }
        String value = authorizationHeaders.get(0).strip();
        int space = indexOfWhitespace(value);
        String scheme = space < 0 ? value : value.substring(0, space);
        if (!scheme.equalsIgnoreCase(SCHEME)) {
            // Basic, Digest, DPoP...: not ours, so for us no credentials were sent (RFC 6750 §3).
            return new BearerCredential.Absent();
        }
        String token = space < 0 ? "" : value.substring(space).strip();
        if (token.isEmpty()) {
            return new BearerCredential.Malformed("The bearer token is empty");
        }
        if (!isToken68(token)) {
            return new BearerCredential.Malformed("The bearer token is not well formed");
        }
        return new BearerCredential.Present(token);
    }

    private static int indexOfWhitespace(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) == ' ' || value.charAt(i) == '\t') {
                return i;
            }
        }
        return -1;
    }

    /** RFC 7235 §2.1: token68 = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"=" */
    private static boolean isToken68(String token) {
        int i = 0;
        while (i < token.length() && isToken68Char(token.charAt(i))) {
            i++;
        }
        if (i == 0) {
            return false;
        }
        while (i < token.length() && token.charAt(i) == '=') {
            i++;
        }
        return i == token.length();
    }

    private static boolean isToken68Char(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~' || c == '+' || c == '/';
    }
}
