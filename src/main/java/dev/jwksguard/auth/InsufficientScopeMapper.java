package dev.jwksguard.auth;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;
import java.net.URI;
import java.util.Arrays;
import java.util.List;

/**
 * A {@code @RolesAllowed} refusal for a caller whose token lacks the role: 403 with the scope the
 * method needs.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6750#section-3.1">RFC 6750 §3.1 insufficient_scope</a>
 */
@Provider
public class InsufficientScopeMapper implements ExceptionMapper<ForbiddenException> {

    @Context
    ResourceInfo resourceInfo;

    @Context
    UriInfo uriInfo;

    @Inject
    OAuthSettings settings;

    @Override
    public Response toResponse(ForbiddenException exception) {
        BearerError error = BearerError.insufficientScope(neededScopes());
        URI base = uriInfo.getBaseUri();
        Response.ResponseBuilder response = error.problem().toResponse();
        RefusalHeaders.write(error, ProtectedResource.metadataUrl(settings, base.getScheme(), base.getHost(),
                base.getPort()), response::header);
        return response.build();
    }

    private List<String> neededScopes() {
        Method method = resourceInfo == null ? null : resourceInfo.getResourceMethod();
        if (method == null) {
            return List.of();
        }
        RolesAllowed roles = method.getAnnotation(RolesAllowed.class);
        if (roles == null) {
            roles = resourceInfo.getResourceClass().getAnnotation(RolesAllowed.class);
        }
        // The admin role is granted by whatever value the operator configured: name that one.
        return roles == null ? List.of() : Arrays.stream(roles.value())
                .map(role -> Roles.ADMIN.equals(role) ? settings.adminRole() : role)
                .toList();
    }
}
