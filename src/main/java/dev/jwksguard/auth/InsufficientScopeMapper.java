package dev.jwksguard.auth;

import dev.jwksguard.problem.Problem;
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
import java.util.List;
import java.util.Optional;

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
        List<String> needed = neededRoles();
        BearerChallenge challenge = BearerChallenge.insufficientScope(needed, Optional.of(metadataUrl()));
        String detail = needed.isEmpty() ? "The access token does not allow this request"
                : "The access token lacks the scope this request needs: " + String.join(" or ", needed);
        return Problem.oauth(403, "insufficient_scope", detail).toResponse()
                .header(BearerChallenge.HEADER, challenge.headerValue())
                .header("Cache-Control", "no-store")
                .build();
    }

    private List<String> neededRoles() {
        Method method = resourceInfo == null ? null : resourceInfo.getResourceMethod();
        if (method == null) {
            return List.of();
        }
        RolesAllowed roles = method.getAnnotation(RolesAllowed.class);
        if (roles == null) {
            roles = resourceInfo.getResourceClass().getAnnotation(RolesAllowed.class);
        }
        // The admin role is granted by whatever value the operator configured: name that one.
        return roles == null ? List.of() : java.util.Arrays.stream(roles.value())
                .map(role -> RoleMapper.ADMIN_ROLE.equals(role) ? settings.adminRole() : role)
                .toList();
    }

    private String metadataUrl() {
        var base = uriInfo.getBaseUri();
        return ProtectedResource.metadataUrl(settings, base.getScheme(), base.getHost(), base.getPort());
    }
}
