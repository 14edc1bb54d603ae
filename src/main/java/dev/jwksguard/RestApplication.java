package dev.jwksguard;

import dev.jwksguard.Roles;
import jakarta.annotation.security.DeclareRoles;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Map;

/**
 * The REST API under {@code /api}. Every role a resource names in {@code @RolesAllowed} must be
 * declared here, or the container denies it to everyone.
 */
@ApplicationPath("api")
@DeclareRoles({Roles.READ_NOTES, Roles.WRITE_NOTES, Roles.ADMIN})
public class RestApplication extends Application {

    /** Jersey (Payara) would describe every resource at /api/application.wadl: the API is not for browsing. */
    @Override
    public Map<String, Object> getProperties() {
        return Map.of("jersey.config.server.wadl.disableWadl", true);
    }
}
