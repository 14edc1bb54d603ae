package dev.jwksguard.auth;

import dev.jwksguard.auth.token.VerifiedToken;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Makes the verified caller injectable: {@code @Inject JsonWebToken caller}. For an anonymous
 * request the token is empty (no claims, null name), as MicroProfile JWT prescribes.
 */
@ApplicationScoped
public class CallerProducer {

    @Inject
    HttpServletRequest request;

    @Produces
    @RequestScoped
    JsonWebToken caller() {
        return request.getUserPrincipal() instanceof JsonWebToken token ? token : VerifiedToken.anonymous();
    }
}
