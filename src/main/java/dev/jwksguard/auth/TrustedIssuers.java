package dev.jwksguard.auth;

import dev.jwksguard.auth.jwks.IssuerMetadata;
import dev.jwksguard.auth.jwks.KeySourceException;
import dev.jwksguard.auth.token.AccessTokenVerifier;
import dev.jwksguard.auth.token.CompactJws;
import dev.jwksguard.auth.token.InvalidTokenException;
import dev.jwksguard.auth.token.RejectionReason;
import dev.jwksguard.auth.token.TokenDiagnosis;
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

    private final List<TrustedIssuer> all;
    private final Map<String, TrustedIssuer> byIss = new HashMap<>();
    private final int maxTokenBytes;

    TrustedIssuers(List<TrustedIssuer> all, int maxTokenBytes) {
        if (all.isEmpty()) {
            throw new IllegalArgumentException("at least one issuer");
        }
        this.all = List.copyOf(all);
        this.maxTokenBytes = maxTokenBytes;
        all.forEach(trusted -> trusted.settings().acceptedIssuers().forEach(iss -> byIss.put(iss, trusted)));
    }

    @Override
    public VerifiedToken verify(String token) throws InvalidTokenException {
        TrustedIssuer trusted = route(token);
        try {
            return trusted.verifier().verify(token);
        } catch (InvalidTokenException refused) {
            throw attributed(refused, trusted);
        } catch (KeySourceException unavailable) {
            throw attributed(unavailable, trusted);
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
            TrustedIssuer trusted = route(token);
            if (!names.contains(trusted.settings().name())) {
                throw new InvalidTokenException(RejectionReason.WRONG_ISSUER);
            }
            try {
                return trusted.verifier().verify(token, accepted);
            } catch (InvalidTokenException refused) {
                throw attributed(refused, trusted);
            } catch (KeySourceException unavailable) {
                throw attributed(unavailable, trusted);
            }
        };
    }

    /** With several issuers, which one refused: the log's counts are per issuer then. */
    private InvalidTokenException attributed(InvalidTokenException refused, TrustedIssuer trusted) {
        return all.size() > 1 ? refused.by(trusted.settings().name()) : refused;
    }

    private KeySourceException attributed(KeySourceException unavailable, TrustedIssuer trusted) {
        return all.size() > 1 ? unavailable.by(trusted.settings().name()) : unavailable;
    }

    /** Every accepted {@code iss} value with its issuer's configured name. */
    Map<String, String> namesByIss() {
        Map<String, String> names = new HashMap<>();
        byIss.forEach((iss, trusted) -> names.put(iss, trusted.settings().name()));
        return names;
    }

    /** The configured names, in order. */
    List<String> names() {
        return all.stream().map(trusted -> trusted.settings().name()).toList();
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
        TrustedIssuer trusted = byIss.get(iss);
        if (trusted == null) {
            return new TokenDiagnosis.Report(false, "refused: issuer", List.of(new TokenDiagnosis.Step("issuer", false,
                    "iss '" + iss + "' is none of the trusted issuers " + byIss.keySet().stream().sorted().toList()
                            + " (oauth.issuers)" + trailingSlashHint(iss) + "; no key was looked up")), Set.of());
        }
        return trusted.diagnosis().diagnose(token);
    }

    /** The most common issuer mismatch, told with the keys of the issuer it was meant for. */
    private String trailingSlashHint(String iss) {
        String bare = IssuerMetadata.withoutTrailingSlash(iss);
        return all.stream().map(TrustedIssuer::settings)
                .filter(trusted -> IssuerMetadata.withoutTrailingSlash(trusted.issuer()).equals(bare)).findFirst()
                .map(trusted -> ": it differs only by the trailing slash from issuer " + trusted.name()
                        + " (set oauth.issuers." + trusted.name() + ".issuer to the exact value, or oauth.issuers."
                        + trusted.name() + ".issuer.trailing-slash-lenient=true)")
                .orElse("");
    }

    /** In the order configured; the first is the one a single-issuer setup has. */
    List<TrustedIssuer> all() {
        return all;
    }

    void stopRefreshing() {
        all.forEach(trusted -> trusted.keys().stop());
    }

    private TrustedIssuer route(String token) throws InvalidTokenException {
        if (all.size() == 1) {
            return all.get(0);
        }
        TrustedIssuer trusted = byIss.get(issuerOf(token));
        if (trusted == null) {
            throw new InvalidTokenException(RejectionReason.WRONG_ISSUER);
        }
        return trusted;
    }

    private String issuerOf(String token) throws InvalidTokenException {
        return CompactJws.unverifiedIssuer(token, maxTokenBytes);
    }
}
