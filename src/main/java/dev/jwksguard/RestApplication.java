package dev.jwksguard;

import jakarta.annotation.security.DeclareRoles;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/**
 * The REST API under {@code /api}. Every role a resource names in {@code @RolesAllowed} must be
 * declared here, or the container denies it to everyone.
 */
@ApplicationPath("api")
@DeclareRoles({"read:notes", "write:notes", "admin:jwks"})
public class RestApplication extends Application {
}
