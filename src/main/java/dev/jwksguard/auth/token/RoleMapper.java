package dev.jwksguard.auth.token;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jose4j.jwt.JwtClaims;

/**
 * Turns the configured claims into container roles: a string is split on spaces (OAuth
 * {@code scope}, RFC 6749 §3.3; Entra's {@code scp}), an array contributes each string element
 * ({@code groups}, {@code roles}, Okta's {@code scp}, Auth0's {@code permissions}, Keycloak's
 * {@code /realm_access/roles}, namespaced custom claims). Other shapes are ignored. A broader scope
 * brings the narrower ones it implies ({@code oauth.scope-hierarchy}).
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9068#section-2.2.3.1">RFC 9068 §2.2.3.1</a>
 */
final class RoleMapper {

    private static final System.Logger LOG = System.getLogger(RoleMapper.class.getName());

    private final List<ClaimPath> roleClaims;
    private final ScopeHierarchy hierarchy;
    private final String grantingValue;
    private final String grantedRole;

    /**
     * @param grantingValue a role value from the token (the configured admin scope, group...)
     * @param grantedRole   the container role a caller holding it also gets (the admin role)
     */
    RoleMapper(List<ClaimPath> roleClaims, ScopeHierarchy hierarchy, String grantingValue, String grantedRole) {
        this.roleClaims = List.copyOf(roleClaims);
        this.hierarchy = hierarchy;
        this.grantingValue = grantingValue;
        this.grantedRole = grantedRole;
    }

    /** Which scopes imply which, as the roles were expanded with it. */
    ScopeHierarchy hierarchy() {
        return hierarchy;
    }

    Set<String> roles(JwtClaims claims) {
        Set<String> roles = new LinkedHashSet<>(hierarchy.expand(strings(claims, roleClaims)));
        if (roles.contains(grantingValue)) {
            roles.add(grantedRole);
        }
        return roles;
    }

    /** Each claim's strings: a string split on spaces, an array's string elements; other shapes ignored. */
    static Set<String> strings(JwtClaims claims, List<ClaimPath> paths) {
        Set<String> values = new LinkedHashSet<>();
        for (ClaimPath claim : paths) {
            Object value = claim.find(claims).orElse(null);
            if (value == null) {
                // Normal for most claims of the list; the line tells an operator chasing a 403 which were missing.
                LOG.log(System.Logger.Level.DEBUG, "Claim {0} is absent from the token: no values from it", claim);
            } else if (value instanceof String text) {
                for (String part : text.trim().split("\\s+")) {
                    if (!part.isEmpty()) {
                        values.add(part);
                    }
                }
            } else if (value instanceof Collection<?> items) {
                for (Object item : items) {
                    if (item instanceof String string && !string.isBlank()) {
                        values.add(string);
                    }
                }
            }
        }
        return values;
    }
}
