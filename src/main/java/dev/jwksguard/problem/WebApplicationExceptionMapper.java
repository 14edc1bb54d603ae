package dev.jwksguard.problem;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** JAX-RS errors (404, 405, 415, 400 from parameter conversion...) as problem+json. */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

    @Override
    public Response toResponse(WebApplicationException exception) {
        Response original = exception.getResponse();
        if (original.hasEntity() && Problem.MEDIA_TYPE.equals(String.valueOf(original.getMediaType()))) {
            return original;
        }
        int status = original.getStatus();
        String detail = status >= 500 ? "The server could not complete the request"
                : original.getStatusInfo().getReasonPhrase();
        Response.ResponseBuilder answer = Problem.of(status, detail).toResponse();
        // Keep what the status needs: Allow on 405, Retry-After on 503, challenges.
        original.getHeaders().forEach((name, values) -> {
            if (name.equalsIgnoreCase("Allow") || name.equalsIgnoreCase("Retry-After")
                    || name.equalsIgnoreCase("WWW-Authenticate")) {
                values.forEach(value -> answer.header(name, value));
            }
        });
        return answer.build();
    }
}
