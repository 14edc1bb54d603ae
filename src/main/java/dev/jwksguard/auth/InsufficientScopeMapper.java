package dev.jwksguard.auth;

import dev.jwksguard.problem.Problem;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A {@code @RolesAllowed} refusal for a caller whose token lacks the role: 403 with the scope the
 * method needs. Any other {@code ForbiddenException} (one a resource throws itself) is a plain 403
 * problem: it says nothing about the token's scopes.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6750#section-3.1">RFC 6750 §3.1 insufficient_scope</a>
 */
@Provider
public class InsufficientScopeMapper implements ExceptionMapper<ForbiddenException> {

    @Context
    ResourceInfo resourceInfo;

    @Context
    UriInfo uriInfo;

    @Context
    SecurityContext securityContext;

    @Inject
    ProtectedResource resource;

    @Override
    public Response toResponse(ForbiddenException exception) {
        Optional<List<String>> lacking = lackingRoles();
        if (lacking.isEmpty()) {
            return Problem.of(403, "This request is not allowed").toResponse().build();
        }
        BearerError error = BearerError.insufficientScope(lacking.get().stream().map(resource::scopeFor).toList());
        URI base = uriInfo.getBaseUri();
        Response.ResponseBuilder response = error.problem().toResponse();
        RefusalHeaders.write(error, () -> resource.metadataUrl(base.getScheme(), base.getHost(), base.getPort()),
                response::header);
        return response.build();
    }

    /** The roles of the method's {@code @RolesAllowed} when the caller holds none of them: the role check refused. */
    Optional<List<String>> lackingRoles() {
        Method method = resourceInfo == null ? null : resourceInfo.getResourceMethod();
        if (method == null) {
            return Optional.empty();
        }
        RolesAllowed roles = method.getAnnotation(RolesAllowed.class);
        if (roles == null) {
            roles = resourceInfo.getResourceClass().getAnnotation(RolesAllowed.class);
        }
        if (roles == null || Arrays.stream(roles.value()).anyMatch(securityContext::isUserInRole)) {
            return Optional.empty();
        }
        return Optional.of(List.of(roles.value()));
    }
}
