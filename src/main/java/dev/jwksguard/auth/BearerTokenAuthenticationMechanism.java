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
import java.util.function.Supplier;

/**
 * Jakarta Security entry point: authenticates every request that carries a bearer token and
 * refuses protected requests without a valid one. Every refusal, the misconfiguration 503
 * included, goes out through {@link Refusals}.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6750#section-3">RFC 6750 §3</a>
 */
@ApplicationScoped
public class BearerTokenAuthenticationMechanism implements HttpAuthenticationMechanism {

    @Inject
    DeploymentState deployment;

    @Inject
    Refusals refusals;

    @Inject
    @Any
    Instance<RequestScreen> screenInstances;

    private List<RequestScreen> screens;

    @PostConstruct
    void findScreens() {
        screens = screenInstances.stream().toList();
    }

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        String path = ProtectedResource.pathWithinApplication(request);
        ServingState state = deployment.state();
        if (state instanceof ServingState.NotServing notServing) {
            return refuseWhileMisconfigured(notServing, path, request, response, context);
        }
        ServingState.Serving serving = (ServingState.Serving) state;
        for (RequestScreen screen : screens) {
            Optional<Problem> refusal = screen.refusal(request, path);
            if (refusal.isPresent()) {
                return refuse(BearerError.refusal(refusal.get()), () -> "", request, response);
            }
        }
        // web.xml protects every JAX-RS path, so a @RolesAllowed check never meets an anonymous
        // caller; isAuthenticationRequest() is honoured for programmatic authenticate() calls.
        boolean mandatory = context.isProtected() || context.isAuthenticationRequest();
        AuthOutcome outcome = serving.authenticator().authenticate(
                Collections.list(request.getHeaders("Authorization")), mandatory, Surface.of(path));
        if (outcome instanceof AuthOutcome.Authenticated authenticated) {
            VerifiedToken caller = authenticated.caller();
            return context.notifyContainerAboutLogin(caller, caller.getGroups());
        }
        if (outcome instanceof AuthOutcome.Refused refused) {
            // MCP clients take the 401's scope as the scopes to ask the issuer for (MCP 2025-11-25
            // "Scope Selection Strategy"): name what the tools need.
            BearerError error = ProtectedResource.isMcp(path) && refused.error().status() == 401
                    && refused.error().scopes().isEmpty()
                    ? refused.error().withScopes(serving.resource().scopesSupported()) : refused.error();
            return refuse(error, () -> serving.resource().metadataUrl(request), request, response);
        }
        return context.doNothing();
    }

    /**
     * Every request to the application's own paths (the API, /mcp, the metadata) gets the 503
     * problem, token or not; the server's own endpoints (/health, /openapi) answer as they do.
     */
    private AuthenticationStatus refuseWhileMisconfigured(ServingState.NotServing notServing, String path,
                                                          HttpServletRequest request, HttpServletResponse response,
                                                          HttpMessageContext context) {
        boolean ours = path.startsWith("/api/") || path.equals("/api") || ProtectedResource.isMcp(path)
                || path.startsWith(ProtectedResource.WELL_KNOWN_PATH);
        if (!ours) {
            return context.doNothing();
        }
        return refuse(BearerError.refusal(notServing.misconfiguration().problem()), () -> "", request, response);
    }

    private AuthenticationStatus refuse(BearerError error, Supplier<String> resourceMetadata,
                                        HttpServletRequest request, HttpServletResponse response) {
        refusals.send(error, resourceMetadata, request, response);
        return AuthenticationStatus.SEND_FAILURE;
    }
}
