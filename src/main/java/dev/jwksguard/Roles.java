package dev.jwksguard;

/** The container roles the API's {@code @RolesAllowed} names, and their defaults in tokens. */
public final class Roles {

    public static final String READ_NOTES = "read:notes";
    public static final String WRITE_NOTES = "write:notes";
    /** Granted to callers holding the configured {@code oauth.admin.role} value. */
    public static final String ADMIN = "admin:jwks";

    private Roles() {
    }
}
