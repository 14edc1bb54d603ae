package dev.jwksguard.auth;

import dev.jwksguard.auth.token.RejectionReason;
import dev.jwksguard.problem.Problem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Why a request was refused, once, rendered every way a client may read it: the RFC 9457 problem
 * body, the RFC 6750 {@code WWW-Authenticate} challenge, and (for MCP) a tool result's challenge.
 * Descriptions are fixed strings; the challenge cleans them of quotes, backslashes and control
 * characters anyway.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6750#section-3">RFC 6750 §3</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9728#section-5.1">RFC 9728 §5.1 resource_metadata</a>
 */
public record BearerError(int status, Optional<String> code, String description, List<String> scopes,
                          Optional<Duration> retryAfter) {

    public BearerError {
        scopes = List.copyOf(scopes);
    }

    /** RFC 6750 §3.1: a request without credentials gets a challenge without an error code. */
    static BearerError missingToken() {
        return new BearerError(401, Optional.empty(), "This resource needs a bearer access token", List.of(),
                Optional.empty());
    }

    static BearerError invalidRequest(String description) {
        return new BearerError(400, Optional.of("invalid_request"), description, List.of(), Optional.empty());
    }

    static BearerError invalidToken(RejectionReason reason) {
        return new BearerError(401, Optional.of("invalid_token"), reason.description(), List.of(), Optional.empty());
    }

    /** The token is valid but lacks every one of {@code scopes}. */
    public static BearerError insufficientScope(List<String> scopes) {
        String description = scopes.isEmpty() ? "The access token does not allow this request"
                : "The access token lacks the scope this request needs: " + String.join(" or ", scopes);
        return new BearerError(403, Optional.of("insufficient_scope"), description, scopes, Optional.empty());
    }

    /** Our fault, not the client's: no challenge, since no other token would help (RFC 6750 §3 has no code for it). */
    static BearerError keysUnavailable(Duration retryAfter) {
        return new BearerError(503, Optional.empty(), "The signing keys are temporarily unavailable; retry later",
                List.of(), Optional.of(retryAfter));
    }

    /**
     * A refusal that is not about the token (a misconfiguration, a screen such as the Origin rule):
     * no challenge, since no token would help.
     */
    public static BearerError refusal(Problem problem) {
        return new BearerError(problem.status(), Optional.empty(), problem.detail(), List.of(), Optional.empty());
    }

    /** The same refusal, naming the scopes a new token should carry (RFC 6750 §3 {@code scope}). */
    public BearerError withScopes(List<String> needed) {
        return new BearerError(status, code, description, needed, retryAfter);
    }

    public Problem problem() {
        return new Problem(status, description, code);
    }

    /**
     * The {@code WWW-Authenticate} value, each auth-param once: on every 401, and on a 400 or 403
     * with an RFC 6750 error code; none for a 503 or a refusal that is not about the token.
     */
    public Optional<String> challenge(String resourceMetadata) {
        return challenge(() -> resourceMetadata);
    }

    /** The same, with the metadata URL worked out only when a challenge is written. */
    public Optional<String> challenge(Supplier<String> resourceMetadata) {
        if (status != 401 && code.isEmpty()) {
            return Optional.empty();
        }
        List<String> params = new ArrayList<>();
        params.add(param("resource_metadata", resourceMetadata.get()));
        code.ifPresent(error -> {
            params.add(param("error", error));
            params.add(param("error_description", description));
        });
        if (!scopes.isEmpty()) {
            params.add(param("scope", String.join(" ", scopes)));
        }
        return Optional.of("Bearer " + String.join(", ", params));
    }

    private static String param(String name, String value) {
        return name + "=\"" + quotable(value) + "\"";
    }

    /** RFC 6750 §3: error_description and scope exclude '"', '\' and characters outside %x20-7E. */
    private static String quotable(String value) {
        StringBuilder clean = new StringBuilder(value.length());
        for (char c : value.toCharArray()) {
            if (c >= 0x20 && c <= 0x7E && c != '"' && c != '\\') {
                clean.append(c);
            }
        }
        return clean.toString();
    }
}
