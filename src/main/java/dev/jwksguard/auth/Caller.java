package dev.jwksguard.auth;

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
        // web.xml protects every API path, so the mechanism refused an anonymous request already:
        // reaching here is a deployment fault (an unprotected path), answered as a 500, not a 401.
        throw new IllegalStateException(securityContext.getUserPrincipal() == null
                ? "No verified caller: the request was not authenticated; is its path protected in web.xml?"
                : "No verified caller: the principal is not a JsonWebToken");
    }
}
