package dev.jwksguard.problem;

import jakarta.json.bind.JsonbException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.stream.Collectors;

/** Bean Validation failures on request bodies and parameters: 400 naming the fields, not the values. */
@Provider
public class InvalidInputMapper implements ExceptionMapper<ConstraintViolationException> {

    @Override
    public Response toResponse(ConstraintViolationException exception) {
        String detail = exception.getConstraintViolations().stream()
                .map(InvalidInputMapper::describe)
                .sorted()
                .collect(Collectors.joining("; "));
        return Problem.of(400, detail.isEmpty() ? "The request is not valid" : detail).toResponse().build();
    }

    private static String describe(ConstraintViolation<?> violation) {
        String path = violation.getPropertyPath().toString();
        String field = path.contains(".") ? path.substring(path.lastIndexOf('.') + 1) : path;
        return field + " " + violation.getMessage();
    }

    /** The parser's message is never passed on: it can quote the body. */
    static Response unreadableBody() {
        return Problem.of(400, "The request body is not valid JSON for this resource").toResponse().build();
    }

    /** A body that is not the JSON expected: 400, without the parser's message. */
    @Provider
    public static class UnreadableBodyMapper implements ExceptionMapper<JsonbException> {
        @Override
        public Response toResponse(JsonbException exception) {
            return unreadableBody();
        }
    }

    /** Jersey wraps body-reading failures in ProcessingException. */
    @Provider
    public static class ProcessingFailureMapper implements ExceptionMapper<ProcessingException> {
        @Override
        public Response toResponse(ProcessingException exception) {
            return unreadableBody();
        }
    }
}
