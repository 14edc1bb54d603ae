package dev.jwksguard.auth;

import dev.jwksguard.problem.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Jakarta Security entry point: authenticates every request that carries a bearer token and
 * refuses protected requests without a valid one. Refusals go out through {@code sendError}, so
 * the error page writes the problem body the same way on every server.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6750#section-3">RFC 6750 §3</a>
 */
@ApplicationScoped
public class BearerTokenAuthenticationMechanism implements HttpAuthenticationMechanism {

    @Inject
    BearerAuthenticator authenticator;

    @Inject
    OAuthSettings settings;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        boolean mandatory = context.isProtected() || context.isAuthenticationRequest();
        List<String> headers = Collections.list(request.getHeaders("Authorization"));
        AuthOutcome outcome = authenticator.authenticate(headers, mandatory, Optional.of(metadataUrl(request)));
        if (outcome instanceof AuthOutcome.Authenticated authenticated) {
            VerifiedToken caller = authenticated.caller();
            return context.notifyContainerAboutLogin(caller, caller.getGroups());
        }
        if (outcome instanceof AuthOutcome.Refused refused) {
            return refuse(refused, request, response, context);
        }
        return context.doNothing();
    }

    private AuthenticationStatus refuse(AuthOutcome.Refused refused, HttpServletRequest request,
                                        HttpServletResponse response, HttpMessageContext context) {
        response.setHeader("Cache-Control", "no-store");
        refused.challenge().ifPresent(challenge -> response.setHeader(BearerChallenge.HEADER, challenge.headerValue()));
        refused.retryAfter().ifPresent(delay -> response.setHeader("Retry-After", Long.toString(delay.toSeconds())));
        if (context.isAuthenticationRequest() && !context.isProtected()) {
            // A JAX-RS @RolesAllowed check is asking (Payara): it writes the body through the
            // NotAuthorizedException mapper, and writing one here would turn into a 500.
            return AuthenticationStatus.SEND_FAILURE;
        }
        request.setAttribute(Problem.REQUEST_ATTRIBUTE, refused.problem());
        try {
            response.sendError(refused.problem().status());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return AuthenticationStatus.SEND_FAILURE;
    }

    private String metadataUrl(HttpServletRequest request) {
        return ProtectedResource.metadataUrl(settings, request.getScheme(), request.getServerName(),
                request.getServerPort());
    }
}
