package dev.jwksguard.auth.token;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jose4j.jwt.JwtClaims;

/**
 * Turns the configured claims into container roles: a string claim is split on spaces (OAuth
 * {@code scope}, RFC 6749 §3.3), an array contributes each string element ({@code groups}, Auth0
 * {@code permissions}, namespaced custom claims). Other shapes are ignored.
 */
public final class RoleMapper {

    private final List<String> roleClaims;
    private final String grantingValue;
    private final String grantedRole;

    /**
     * @param grantingValue a role value from the token (the configured admin scope, group...)
     * @param grantedRole   the container role a caller holding it also gets (the admin role)
     */
    public RoleMapper(List<String> roleClaims, String grantingValue, String grantedRole) {
        this.roleClaims = List.copyOf(roleClaims);
        this.grantingValue = grantingValue;
        this.grantedRole = grantedRole;
    }

    Set<String> roles(JwtClaims claims) {
        Set<String> roles = new LinkedHashSet<>();
        for (String claim : roleClaims) {
            Object value = claims.getClaimValue(claim);
            if (value instanceof String text) {
                for (String part : text.trim().split("\\s+")) {
                    if (!part.isEmpty()) {
                        roles.add(part);
                    }
                }
            } else if (value instanceof Collection<?> items) {
                for (Object item : items) {
                    if (item instanceof String role && !role.isBlank()) {
                        roles.add(role);
                    }
                }
            }
        }
        if (roles.contains(grantingValue)) {
            roles.add(grantedRole);
        }
        return roles;
    }
}
