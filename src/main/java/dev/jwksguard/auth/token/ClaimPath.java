package dev.jwksguard.auth.token;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jose4j.jwt.JwtClaims;

/**
 * Where in a token's claims a value is: a top-level claim by its exact name ({@code scope},
 * {@code https://example.com/roles}), or, starting with {@code /}, a JSON Pointer into nested
 * members ({@code /realm_access/roles}, {@code /resource_access/my-api/roles}). A name is never
 * split on dots, so a claim whose own name holds dots or slashes needs no escaping; inside a
 * pointer, {@code ~1} stands for {@code /} and {@code ~0} for {@code ~}.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6901">RFC 6901</a>
 */
public record ClaimPath(String spec, List<String> steps) {

    public ClaimPath {
        steps = List.copyOf(steps);
    }

    /** @throws IllegalArgumentException with a sentence saying what is wrong, for the deployment message */
    public static ClaimPath parse(String spec) {
        if (spec.isBlank()) {
            throw new IllegalArgumentException("an empty claim name");
        }
        if (!spec.startsWith("/")) {
            return new ClaimPath(spec, List.of(spec));
        }
        List<String> steps = new ArrayList<>();
        for (String token : spec.substring(1).split("/", -1)) {
            steps.add(unescape(spec, token));
        }
        return new ClaimPath(spec, steps);
    }

    /** A plain name with a dot and no scheme is probably a path written the wrong way. */
    public boolean looksLikeADottedPath() {
        return !spec.startsWith("/") && spec.contains(".") && !spec.contains(":") && !spec.contains("/");
    }

    /** The pointer form of a dotted name, for the warning that suggests it. */
    public String asPointer() {
        return "/" + String.join("/", spec.replace("~", "~0").replace("/", "~1").split("\\."));
    }

    /** The value at this path, or empty when any step is absent or not an object (or array, for an index). */
    Optional<Object> find(JwtClaims claims) {
        Object node = claims.getClaimValue(steps.get(0));
        for (String step : steps.subList(1, steps.size())) {
            if (node instanceof Map<?, ?> object) {
                node = object.get(step);
            } else if (node instanceof List<?> array && isIndex(step) && Integer.parseInt(step) < array.size()) {
                node = array.get(Integer.parseInt(step));
            } else {
                return Optional.empty();
            }
        }
        return Optional.ofNullable(node);
    }

    private static boolean isIndex(String step) {
        return step.matches("0|[1-9][0-9]{0,8}");
    }

    private static String unescape(String spec, String token) {
        StringBuilder out = new StringBuilder(token.length());
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c != '~') {
                out.append(c);
            } else if (i + 1 < token.length() && (token.charAt(i + 1) == '0' || token.charAt(i + 1) == '1')) {
                out.append(token.charAt(++i) == '0' ? '~' : '/');
            } else {
                throw new IllegalArgumentException("'" + spec + "' is not a JSON Pointer (RFC 6901): '~' must be"
                        + " followed by 0 (for ~) or 1 (for /)");
            }
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return spec;
    }
}
