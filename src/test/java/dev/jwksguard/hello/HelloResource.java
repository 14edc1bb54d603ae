package dev.jwksguard.hello;

import dev.jwksguard.Roles;
import dev.jwksguard.auth.Caller;
import dev.jwksguard.openapi.OpenApiDocumentFilter;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** GET /api/hello: a greeting for a caller whose token grants read:notes. */
@Path("hello")
@ApplicationScoped
public class HelloResource {

    public record Hello(String subject, String name, List<String> roles) {
    }

    @Operation(operationId = "hello", summary = "Greets the caller the access token names")
    @SecurityRequirement(name = OpenApiDocumentFilter.OAUTH2, scopes = Roles.READ_NOTES)
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.READ_NOTES)                 // a new role must also be in RestApplication's @DeclareRoles
    public Hello hello(@Context SecurityContext security) {
        JsonWebToken caller = Caller.of(security);  // the verified token of this request
        return new Hello(caller.getSubject(), caller.getName(), caller.getGroups().stream().sorted().toList());
    }
}
