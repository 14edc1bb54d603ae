package dev.jwksguard.problem;

import jakarta.json.Json;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * An RFC 9457 problem document. {@code type} is left at its default (about:blank), so {@code title}
 * is the HTTP reason phrase; {@code error} carries the OAuth error code where there is one.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9457#section-3">RFC 9457 §3</a>
 */
public record Problem(int status, String detail, Optional<String> error) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** Json.create*() looks the JSON provider up through ServiceLoader on every call: once is enough. */
    private static final JsonBuilderFactory JSON = Json.createBuilderFactory(Map.of());

    /** Request attribute through which a refusal hands its problem to the error page. */
    public static final String REQUEST_ATTRIBUTE = Problem.class.getName();

    public static Problem of(int status, String detail) {
        return new Problem(status, detail, Optional.empty());
    }

    public String title() {
        Response.Status known = Response.Status.fromStatusCode(status);
        return known != null ? known.getReasonPhrase() : switch (status) {
            case 413 -> "Content Too Large";
            case 422 -> "Unprocessable Content";
            default -> "Error";
        };
    }

    public String toJson() {
        JsonObjectBuilder json = JSON.createObjectBuilder()
                .add("title", title())
                .add("status", status)
                .add("detail", detail);
        error.ifPresent(code -> json.add("error", code));
        return json.build().toString();
    }

    /**
     * Answers with this problem through the container's error page ({@code ErrorPageServlet}), as
     * the mechanism and the servlet filters must: headers set before survive, a body would not.
     */
    public void sendAsError(HttpServletRequest request, HttpServletResponse response) {
        request.setAttribute(REQUEST_ATTRIBUTE, this);
        try {
            response.sendError(status);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** 429: a limit of ours was reached; the caller may try again after {@code retryAfter}. */
    public static Response rateLimited(String detail, Duration retryAfter) {
        return of(429, detail).toResponse().header("Retry-After", Long.toString(retryAfter.toSeconds())).build();
    }

    public Response.ResponseBuilder toResponse() {
        return Response.status(status).type(MEDIA_TYPE).entity(toJson());
    }
}
