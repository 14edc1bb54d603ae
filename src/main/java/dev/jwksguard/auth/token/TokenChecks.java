package dev.jwksguard.auth.token;

import dev.jwksguard.auth.jwks.JwksKeySource;
import java.time.Clock;
import java.util.List;

/**
 * One issuer's token checks, built together by {@link #create}: the verifier and the operators'
 * diagnosis share its rules, role mapping and keys, and the verified-token cache forgets a removed
 * key's tokens whenever a new key set arrives. The one way in to this package's objects.
 *
 * @param roleClaims    where the issuer puts roles (names or JSON Pointers)
 * @param hierarchy     the scopes a broader one implies, added to the roles
 * @param adminValue    the token value that grants {@code adminRole} ({@code oauth.admin.role})
 * @param cacheEntries  verified tokens remembered; 0 turns the cache off
 */
public record TokenChecks(TokenVerifier verifier, TokenDiagnosis diagnosis) {

    public static TokenChecks create(TokenRules rules, List<ClaimPath> roleClaims, ScopeHierarchy hierarchy,
                                     String adminValue, String adminRole, int cacheEntries, JwksKeySource keys,
                                     Clock clock) {
        RoleMapper roles = new RoleMapper(roleClaims, hierarchy, adminValue, adminRole);
        VerifiedTokenCache cache = VerifiedTokenCache.create(cacheEntries, keys::publishes, clock, rules.clockSkew());
        keys.onNewKeys(cache::retainKeys);
        TokenVerifier verifier = new TokenVerifier(rules, keys.resolver(), roles, cache, clock);
        return new TokenChecks(verifier, new TokenDiagnosis(rules, verifier, roles, keys::cachedKeys, clock));
    }
}
