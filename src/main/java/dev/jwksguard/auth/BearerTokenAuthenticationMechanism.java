package dev.jwksguard.auth;

import dev.jwksguard.auth.token.VerifiedToken;
import dev.jwksguard.problem.Problem;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
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
    Misconfiguration misconfiguration;

    // Resolved once, and only when every setting is usable: otherwise they cannot be built at all.
    @Inject
    Instance<BearerAuthenticator> authenticators;

    @Inject
    Instance<OAuthSettings> settingsInstance;

    @Inject
    @Any
    Instance<RefusalDecorator> decoratorInstances;

    @Inject
    @Any
    Instance<RequestScreen> screenInstances;

    private BearerAuthenticator authenticator;
    private OAuthSettings settings;
    private List<RefusalDecorator> decorators;
    private List<RequestScreen> screens;

    @PostConstruct
    void resolveWhenConfigured() {
        if (misconfiguration.problem().isEmpty()) {
            authenticator = authenticators.get();
            settings = settingsInstance.get();
            decorators = decoratorInstances.stream().toList();
            screens = screenInstances.stream().toList();
        }
    }

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        // web.xml protects every JAX-RS path, so a @RolesAllowed check never meets an anonymous
        // caller; isAuthenticationRequest() is honoured for programmatic authenticate() calls.
        if (misconfiguration.problem().isPresent()) {
            return refuseWhileMisconfigured(request, response, context);
        }
        String path = ProtectedResource.pathWithinApplication(request);
        for (RequestScreen screen : screens) {
            Optional<Problem> refusal = screen.refusal(request, path);
            if (refusal.isPresent()) {
                response.setHeader("Cache-Control", "no-store");
                refusal.get().sendAsError(request, response);
                return AuthenticationStatus.SEND_FAILURE;
            }
        }
        boolean mandatory = context.isProtected() || context.isAuthenticationRequest();
        AuthOutcome outcome = authenticator.authenticate(Collections.list(request.getHeaders("Authorization")),
                mandatory, Surface.of(path));
        if (outcome instanceof AuthOutcome.Authenticated authenticated) {
            VerifiedToken caller = authenticated.caller();
            return context.notifyContainerAboutLogin(caller, caller.getGroups());
        }
        if (outcome instanceof AuthOutcome.Refused refused) {
            return refuse(refused.error(), path, request, response);
        }
        return context.doNothing();
    }

    /**
     * Every request to the application's own paths (the API, /mcp, the metadata) gets the 503
     * problem, token or not; the server's own endpoints (/health, /openapi) answer as they do.
     */
    private AuthenticationStatus refuseWhileMisconfigured(HttpServletRequest request, HttpServletResponse response,
                                                          HttpMessageContext context) {
        String path = ProtectedResource.pathWithinApplication(request);
        boolean ours = path.startsWith("/api/") || path.equals("/api") || ProtectedResource.isMcp(path)
                || path.startsWith(ProtectedResource.WELL_KNOWN_PATH);
        if (!ours) {
            return context.doNothing();
        }
        response.setHeader("Cache-Control", "no-store");
        misconfiguration.asProblem().sendAsError(request, response);
        return AuthenticationStatus.SEND_FAILURE;
    }

    private AuthenticationStatus refuse(BearerError refusal, String path, HttpServletRequest request,
                                        HttpServletResponse response) {
        // MCP clients take the 401's scope as the scopes to ask the issuer for (MCP 2025-11-25
        // "Scope Selection Strategy"): name what the tools need.
        BearerError error = ProtectedResource.isMcp(path) && refusal.status() == 401 && refusal.scopes().isEmpty()
                ? refusal.withScopes(settings.scopesSupported()) : refusal;
        RefusalHeaders.write(error, ProtectedResource.metadataUrl(settings, request.getScheme(),
                request.getServerName(), request.getServerPort(), request.getContextPath(), path), response::setHeader);
        decorators.forEach(decorator -> decorator.decorate(request, response::setHeader));
        error.problem().sendAsError(request, response);
        return AuthenticationStatus.SEND_FAILURE;
    }
}
