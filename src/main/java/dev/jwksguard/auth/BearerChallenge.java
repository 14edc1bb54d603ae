package dev.jwksguard.auth;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The {@code WWW-Authenticate: Bearer ...} value of a refusal. Each auth-param appears once;
 * descriptions are fixed strings, cleaned of quotes, backslashes and control characters anyway.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6750#section-3">RFC 6750 §3</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9728#section-5.1">RFC 9728 §5.1 resource_metadata</a>
 */
public record BearerChallenge(Optional<String> error, Optional<String> description, Optional<String> scope,
                              Optional<String> resourceMetadata) {

    public static final String HEADER = "WWW-Authenticate";

    static BearerChallenge noCredentials(Optional<String> resourceMetadata) {
        return new BearerChallenge(Optional.empty(), Optional.empty(), Optional.empty(), resourceMetadata);
    }

    static BearerChallenge invalidRequest(String description, Optional<String> resourceMetadata) {
        return new BearerChallenge(Optional.of("invalid_request"), Optional.of(description), Optional.empty(),
                resourceMetadata);
    }

    static BearerChallenge invalidToken(RejectionReason reason, Optional<String> resourceMetadata) {
        return new BearerChallenge(Optional.of("invalid_token"), Optional.of(reason.description()),
                Optional.empty(), resourceMetadata);
    }

    public static BearerChallenge insufficientScope(Collection<String> scopes, Optional<String> resourceMetadata) {
        return new BearerChallenge(Optional.of("insufficient_scope"),
                Optional.of("The access token lacks the scope this request needs"),
                Optional.of(String.join(" ", scopes)).filter(s -> !s.isEmpty()), resourceMetadata);
    }

    public String headerValue() {
        List<String> params = new ArrayList<>();
        resourceMetadata.ifPresent(url -> params.add(param("resource_metadata", url)));
        error.ifPresent(code -> params.add(param("error", code)));
        description.ifPresent(text -> params.add(param("error_description", text)));
        scope.ifPresent(scopes -> params.add(param("scope", scopes)));
        return params.isEmpty() ? "Bearer" : "Bearer " + String.join(", ", params);
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
