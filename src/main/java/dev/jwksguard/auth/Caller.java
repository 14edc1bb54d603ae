package dev.jwksguard.auth;

import dev.jwksguard.auth.token.VerifiedToken;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The caller: the verified token the mechanism handed to the container, as a MicroProfile
 * {@link JsonWebToken}. A resource reads it from its {@code SecurityContext} ({@link #of}), or
 * injects it ({@code @Inject JsonWebToken caller}), the MicroProfile JWT way.
 */
@ApplicationScoped
public class Caller {

    @Inject
    HttpServletRequest request;

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

    /** For an anonymous request the token is empty (no claims, null name), as MicroProfile JWT prescribes. */
    @Produces
    @RequestScoped
    JsonWebToken injected() {
        return request.getUserPrincipal() instanceof JsonWebToken token ? token : VerifiedToken.anonymous();
    }
}
