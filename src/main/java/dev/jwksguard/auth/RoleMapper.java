package dev.jwksguard.auth;

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
final class RoleMapper {

    private final List<String> roleClaims;
    private final String configuredAdminRole;

    RoleMapper(List<String> roleClaims, String configuredAdminRole) {
        this.roleClaims = List.copyOf(roleClaims);
        this.configuredAdminRole = configuredAdminRole;
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
        if (roles.contains(configuredAdminRole)) {
            roles.add(Roles.ADMIN);
        }
        return roles;
    }
}
