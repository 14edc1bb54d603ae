package dev.jwksguard.auth.token;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.NumericDate;

/**
 * The caller behind a verified access token, as a MicroProfile {@link JsonWebToken}. Immutable.
 * {@link #getGroups()} holds the roles taken from the configured role claims. Standard claims have
 * the types the MicroProfile JWT spec names; other claims are returned as parsed by jose4j
 * ({@code String}, {@code Long}, {@code Boolean}, {@code List}, {@code Map}).
 */
public final class VerifiedToken implements JsonWebToken {

    private final String rawToken;
    private final JwtClaims claims;
    private final Set<String> roles;
    private final ScopeHierarchy hierarchy;

    VerifiedToken(String rawToken, JwtClaims claims, Set<String> roles, ScopeHierarchy hierarchy) {
        this.rawToken = rawToken;
        this.claims = claims;
        this.roles = Set.copyOf(roles);
        this.hierarchy = hierarchy;
    }

    /** The caller of a request that carried no valid token. */
    public static VerifiedToken anonymous() {
        return new VerifiedToken(null, new JwtClaims(), Set.of(), ScopeHierarchy.NONE);
    }

    /** MP JWT §5.1: upn, else preferred_username, else sub. */
    @Override
    public String getName() {
        for (String claim : List.of(Claims.upn.name(), Claims.preferred_username.name(), Claims.sub.name())) {
            if (claims.getClaimValue(claim) instanceof String name) {
                return name;
            }
        }
        return getSubject();
    }

    @Override
    public Set<String> getClaimNames() {
        Set<String> names = new LinkedHashSet<>(claims.getClaimNames());
        names.add(Claims.raw_token.name());
        return names;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T getClaim(String claimName) {
        Object value = switch (claimName) {
            case "raw_token" -> rawToken;
            case "aud" -> getAudience();
            case "groups" -> getGroups();
            case "exp", "iat", "nbf", "auth_time", "updated_at" -> numericDate(claimName);
            default -> readOnly(claims.getClaimValue(claimName));
        };
        return (T) value;
    }

    /**
     * The claims of a cached token are shared by every request that brings it: a caller may read
     * its arrays and objects, never change them for the next request.
     */
    private static Object readOnly(Object value) {
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(element -> copy.add(readOnly(element)));
            return Collections.unmodifiableList(copy);
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            map.forEach((key, element) -> copy.put(key, readOnly(element)));
            return Collections.unmodifiableMap(copy);
        }
        return value;
    }

    @Override
    public String getRawToken() {
        return rawToken;
    }

    @Override
    public String getIssuer() {
        return stringClaim(Claims.iss.name());
    }

    @Override
    public String getSubject() {
        return stringClaim(Claims.sub.name());
    }

    /** The {@code aud} values, as the verifier checks them against a resource's audiences. */
    List<String> audiences() {
        try {
            return claims.hasAudience() ? claims.getAudience() : List.of();
        } catch (MalformedClaimException e) {
            return List.of();
        }
    }

    /**
     * The scopes the given claims grant ({@code scope} and {@code scp}, say), read as role claims are
     * (a string split on spaces, an array's string elements), with every scope they imply
     * ({@code oauth.scope-hierarchy}).
     */
    public Set<String> grantedScopes(List<ClaimPath> claimPaths) {
        return Set.copyOf(hierarchy.expand(RoleMapper.strings(claims, claimPaths)));
    }

    @Override
    public Set<String> getAudience() {
        try {
            return Set.copyOf(claims.getAudience());
        } catch (MalformedClaimException e) {
            return Set.of();
        }
    }

    @Override
    public long getExpirationTime() {
        Long exp = numericDate(Claims.exp.name());
        return exp == null ? 0 : exp;
    }

    @Override
    public long getIssuedAtTime() {
        Long iat = numericDate(Claims.iat.name());
        return iat == null ? 0 : iat;
    }

    @Override
    public Set<String> getGroups() {
        return roles;
    }

    private String stringClaim(String claimName) {
        return claims.getClaimValue(claimName) instanceof String value ? value : null;
    }

    private Long numericDate(String claimName) {
        try {
            NumericDate date = claims.getNumericDateClaimValue(claimName);
            return date == null ? null : date.getValue();
        } catch (MalformedClaimException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        // Never the raw token: this object ends up in logs and debuggers.
        return "VerifiedToken[sub=" + getSubject() + ", iss=" + getIssuer() + ", roles=" + roles + "]";
    }
}
