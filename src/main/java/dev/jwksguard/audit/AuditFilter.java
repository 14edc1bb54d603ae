package dev.jwksguard.audit;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The audit line of every {@link Audited} REST call, whatever it came to: after the response is
 * decided, the refusals of {@code @RolesAllowed} and of bean validation included. The object is the
 * {@code id} path parameter, or the id a 201's {@code Location} names.
 */
@Provider
public class AuditFilter implements ContainerResponseFilter {

    @Context
    ResourceInfo resourceInfo;

    @Inject
    AuditTrail trail;

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Method method = resourceInfo == null ? null : resourceInfo.getResourceMethod();
        Audited audited = method == null ? null : method.getAnnotation(Audited.class);
        if (audited == null || !(request.getSecurityContext().getUserPrincipal() instanceof JsonWebToken caller)) {
            return; // not audited, or no caller: the mechanism refused it before JAX-RS, and counts it
        }
        trail.record(caller, new AuditEvent(AuditEvent.REST, audited.value(), object(request, response),
                outcome(response.getStatus())));
    }

    private static Optional<String> object(ContainerRequestContext request, ContainerResponseContext response) {
        List<String> id = request.getUriInfo().getPathParameters().get("id");
        if (id != null && !id.isEmpty()) {
            return Optional.of(id.get(0));
        }
        URI location = response.getLocation();
        if (response.getStatus() == 201 && location != null) {
            String path = location.getPath();
            return Optional.of(path.substring(path.lastIndexOf('/') + 1));
        }
        return Optional.empty();
    }

    static String outcome(int status) {
        if (status < 300) {
            return "success";
        }
        return switch (status) {
            case 400, 413, 415, 422 -> "invalid";
            case 403 -> "insufficient_scope";
            case 404 -> "not_found";
            case 429 -> "rate_limited";
            default -> "error";
        };
    }
}
