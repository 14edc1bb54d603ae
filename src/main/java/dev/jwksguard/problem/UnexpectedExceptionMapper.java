package dev.jwksguard.problem;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Anything unforeseen: logged here with its stack, answered 500 without one. */
@Provider
public class UnexpectedExceptionMapper implements ExceptionMapper<Exception> {

    private static final System.Logger LOG = System.getLogger(UnexpectedExceptionMapper.class.getName());

    @Override
    public Response toResponse(Exception exception) {
        LOG.log(System.Logger.Level.ERROR, "Unexpected error while serving a request", exception);
        return Problem.of(500, "The server could not complete the request").toResponse().build();
    }
}
