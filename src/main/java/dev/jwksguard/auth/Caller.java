package dev.jwksguard.auth;

import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The verified caller of a JAX-RS request, as the mechanism handed it to the container. */
public final class Caller {

    private Caller() {
    }

    public static JsonWebToken of(SecurityContext securityContext) {
        if (securityContext.getUserPrincipal() instanceof JsonWebToken token) {
            return token;
        }
        throw new NotAuthorizedException("Bearer");
    }
}
