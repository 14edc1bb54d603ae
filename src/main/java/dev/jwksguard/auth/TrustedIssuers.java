package dev.jwksguard.auth;

import dev.jwksguard.auth.jwks.JwksKeySource;
import dev.jwksguard.auth.token.AccessTokenVerifier;
import dev.jwksguard.auth.token.InvalidTokenException;
import dev.jwksguard.auth.token.RejectionReason;
import dev.jwksguard.auth.token.TokenDiagnosis;
import dev.jwksguard.auth.token.TokenVerifier;
import dev.jwksguard.auth.token.UnverifiedIssuer;
import dev.jwksguard.auth.token.VerifiedToken;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every issuer whose tokens are accepted, each with its own keys, rules and cache, and the routing
 * of a token to the one its {@code iss} names. The routing comes before any key lookup, so a token
 * from an unknown issuer costs no JWKS fetch. With a single issuer there is nothing to route and a
 * token goes straight to its verifier.
 */
public final class TrustedIssuers implements AccessTokenVerifier {

    /** One trusted issuer, ready to check tokens. */
    public record Checks(TrustedIssuer issuer, JwksKeySource keys, TokenVerifier verifier, TokenDiagnosis diagnosis) {
    }

    private final List<Checks> all;
    private final Map<String, Checks> byIss = new HashMap<>();
    private final int maxTokenChars;

    TrustedIssuers(List<Checks> all, int maxTokenChars) {
        if (all.isEmpty()) {
            throw new IllegalArgumentException("at least one issuer");
        }
        this.all = List.copyOf(all);
        this.maxTokenChars = maxTokenChars;
        all.forEach(checks -> checks.issuer().acceptedIssuers().forEach(iss -> byIss.put(iss, checks)));
    }

    @Override
    public VerifiedToken verify(String token) throws InvalidTokenException {
        Checks checks = route(token);
        try {
            return checks.verifier().verify(token);
        } catch (InvalidTokenException refused) {
            throw attributed(refused, checks);
        }
    }

    /**
     * The same routing for a resource with its own identity: only the named issuers' tokens, and
     * only those whose {@code aud} names one of {@code audiences} (RFC 8707; MCP "Token Handling").
     */
    AccessTokenVerifier restrictedTo(Set<String> issuerNames, Set<String> audiences) {
        Set<String> names = Set.copyOf(issuerNames);
        Set<String> accepted = Set.copyOf(audiences);
        return token -> {
            Checks checks = route(token);
            if (!names.contains(checks.issuer().name())) {
                throw new InvalidTokenException(RejectionReason.WRONG_ISSUER);
            }
            try {
                return checks.verifier().verify(token, accepted);
            } catch (InvalidTokenException refused) {
                throw attributed(refused, checks);
            }
        };
    }

    /** With several issuers, which one refused: the log's counts are per issuer then. */
    private InvalidTokenException attributed(InvalidTokenException refused, Checks checks) {
        return all.size() > 1 ? refused.by(checks.issuer().name()) : refused;
    }

    /** Why the issuer this token names would accept or refuse it; an unknown issuer is the first refusal. */
    public TokenDiagnosis.Report diagnose(String token) {
        if (all.size() == 1) {
            return all.get(0).diagnosis().diagnose(token);
        }
        String iss;
        try {
            iss = issuerOf(token);
        } catch (InvalidTokenException unreadable) {
            // No issuer to route by: any issuer's diagnosis says what is wrong with the form or the iss.
            return all.get(0).diagnosis().diagnose(token);
        }
        Checks checks = byIss.get(iss);
        if (checks == null) {
            return new TokenDiagnosis.Report(false, "refused: issuer", List.of(new TokenDiagnosis.Step("issuer", false,
                    "iss '" + iss + "' is none of the trusted issuers " + byIss.keySet().stream().sorted().toList()
                            + " (oauth.issuers)" + trailingSlashHint(iss) + "; no key was looked up")), Set.of());
        }
        return checks.diagnosis().diagnose(token);
    }

    /** The most common issuer mismatch, told with the keys of the issuer it was meant for. */
    private String trailingSlashHint(String iss) {
        String bare = withoutTrailingSlash(iss);
        return all.stream().map(Checks::issuer).filter(trusted -> withoutTrailingSlash(trusted.issuer()).equals(bare))
                .findFirst().map(trusted -> ": it differs only by the trailing slash from issuer " + trusted.name()
                        + " (set oauth.issuers." + trusted.name() + ".issuer to the exact value, or oauth.issuers."
                        + trusted.name() + ".issuer.trailing-slash-lenient=true)")
                .orElse("");
    }

    private static String withoutTrailingSlash(String iss) {
        return iss.endsWith("/") ? iss.substring(0, iss.length() - 1) : iss;
    }

    /** In the order configured; the first is the one a single-issuer setup has. */
    public List<Checks> all() {
        return all;
    }

    void stopRefreshing() {
        all.forEach(checks -> checks.keys().stop());
    }

    private Checks route(String token) throws InvalidTokenException {
        if (all.size() == 1) {
            return all.get(0);
        }
        Checks checks = byIss.get(issuerOf(token));
        if (checks == null) {
            throw new InvalidTokenException(RejectionReason.WRONG_ISSUER);
        }
        return checks;
    }

    private String issuerOf(String token) throws InvalidTokenException {
        // The size first: decoding an oversized payload would be work for nothing.
        if (token.length() > maxTokenChars) {
            throw new InvalidTokenException(RejectionReason.TOO_LARGE);
        }
        return UnverifiedIssuer.of(token);
    }
}
