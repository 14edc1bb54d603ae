package dev.jwksguard.auth.token;

import dev.jwksguard.auth.jwks.IssuerMetadata;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

/**
 * Why a token would be accepted or refused, step by step, for an operator: the header, whether its
 * kid is among the cached keys, the signature, issuer, audience, time claims and the roles it would
 * get. Never fetches keys, never returns the token or its signature. When every step passes, the
 * verdict is the real verifier's, so an "accepted" here is what a request would get.
 */
public final class TokenDiagnosis {

    /** One check: its name, whether it passed, and what was compared (claims and kids, never the token). */
    public record Step(String check, boolean passed, String detail) {
    }

    public record Report(boolean accepted, String verdict, List<Step> steps, Set<String> roles) {
    }

    private final TokenRules rules;
    private final TokenShapeCheck shapeCheck;
    private final TokenVerifier verifier;
    private final RoleMapper roleMapper;
    private final Supplier<List<JsonWebKey>> cachedKeys;
    private final Clock clock;

    TokenDiagnosis(TokenRules rules, TokenVerifier verifier, RoleMapper roleMapper,
                   Supplier<List<JsonWebKey>> cachedKeys, Clock clock) {
        this.rules = rules;
        this.verifier = verifier;
        this.roleMapper = roleMapper;
        this.cachedKeys = cachedKeys;
        this.clock = clock;
        this.shapeCheck = new TokenShapeCheck(rules);
    }

    public Report diagnose(String token) {
        List<Step> steps = new ArrayList<>();
        try {
            shapeCheck.check(token);
        } catch (InvalidTokenException e) {
            steps.add(new Step("form", false, e.reason().description()));
            return refused(steps, Set.of());
        }
        JsonWebSignature jws;
        JwtClaims claims;
        try {
            jws = (JsonWebSignature) JsonWebSignature.fromCompactSerialization(token);
            claims = JwtClaims.parse(jws.getUnverifiedPayload());
        } catch (JoseException | org.jose4j.jwt.consumer.InvalidJwtException | ClassCastException e) {
            steps.add(new Step("form", false, RejectionReason.MALFORMED.description()));
            return refused(steps, Set.of());
        }
        String kid = jws.getKeyIdHeaderValue();
        steps.add(new Step("form", true, "compact JWS; alg " + jws.getAlgorithmHeaderValue() + ", kid "
                + (kid == null ? "(none)" : kid) + ", typ " + Optional.ofNullable(jws.getHeader("typ")).orElse("(none)")));
        Optional<JsonWebKey> key = keyStep(kid, steps);
        key.ifPresent(jwk -> steps.add(signatureStep(jws, jwk)));
        steps.add(issuerStep(claims));
        steps.add(audienceStep(claims));
        steps.add(timeStep(claims));
        Set<String> roles = roleMapper.roles(claims);
        if (key.isEmpty() || steps.stream().anyMatch(step -> !step.passed())) {
            return refused(steps, roles);
        }
        try {
            // Every step passed with a cached key, so the resolver finds it without fetching; the
            // verifier's answer is the decision a request would get (sub, ID tokens, strict profile).
            VerifiedToken caller = verifier.verify(token);
            return new Report(true, "accepted", steps, caller.getGroups());
        } catch (InvalidTokenException e) {
            return new Report(false, "refused: " + e.reason().logText(), steps, roles);
        }
    }

    private Optional<JsonWebKey> keyStep(String kid, List<Step> steps) {
        List<JsonWebKey> keys = cachedKeys.get();
        List<String> kids = keys.stream().map(jwk -> String.valueOf(jwk.getKeyId())).toList();
        Optional<JsonWebKey> match = keys.stream().filter(jwk -> kid != null && kid.equals(jwk.getKeyId())).findFirst();
        if (keys.isEmpty()) {
            steps.add(new Step("key", false, "no usable key set is cached (see GET /api/admin/jwks)"));
        } else if (match.isPresent()) {
            steps.add(new Step("key", true, "kid " + kid + " is in the cached set " + kids));
        } else {
            steps.add(new Step("key", false, "kid " + kid + " is not in the cached set " + kids
                    + ": a key the issuer has not published yet (POST /api/admin/jwks/refresh), another tenant's"
                    + " or environment's key, or a forged token"));
        }
        return match;
    }

    private Step signatureStep(JsonWebSignature jws, JsonWebKey jwk) {
        try {
            jws.setAlgorithmConstraints(new AlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                    rules.algorithms().toArray(String[]::new)));
            jws.setKey(jwk.getKey());
            return jws.verifySignature()
                    ? new Step("signature", true, "valid, by kid " + jwk.getKeyId())
                    : new Step("signature", false, "invalid: not made by the key published as kid " + jwk.getKeyId()
                            + " (a changed token, or one signed by another key under the same kid)");
        } catch (JoseException e) {
            return new Step("signature", false, "cannot be checked with kid " + jwk.getKeyId()
                    + ": the key does not fit the algorithm");
        }
    }

    private Step issuerStep(JwtClaims claims) {
        Object iss = claims.getClaimValue("iss");
        if (iss instanceof String issuer && rules.issuers().contains(issuer)) {
            return new Step("issuer", true, "iss '" + issuer + "' is trusted");
        }
        String expected = String.join("' or '", rules.issuers());
        String hint = iss instanceof String issuer && rules.issuers().stream().anyMatch(trusted ->
                IssuerMetadata.withoutTrailingSlash(trusted).equals(IssuerMetadata.withoutTrailingSlash(issuer)))
                ? ": they differ only by the trailing slash (set oauth.issuer to the exact value, or"
                        + " oauth.issuer.trailing-slash-lenient=true)"
                : "";
        return new Step("issuer", false, "iss " + (iss == null ? "is missing" : "'" + iss + "'") + ", expected '"
                + expected + "'" + hint);
    }

    private Step audienceStep(JwtClaims claims) {
        try {
            List<String> audiences = claims.getAudience();
            boolean ours = audiences.stream().anyMatch(rules.audiences()::contains);
            return new Step("audience", ours, "aud " + audiences + (ours ? " includes " : " does not include any of ")
                    + rules.audiences());
        } catch (MalformedClaimException e) {
            return new Step("audience", false, "aud is neither a string nor an array of strings");
        }
    }

    private Step timeStep(JwtClaims claims) {
        long now = clock.instant().getEpochSecond();
        ClockSkew skew = ClockSkew.of(rules.clockSkew());
        try {
            NumericDate exp = claims.getExpirationTime();
            NumericDate nbf = claims.getNotBefore();
            NumericDate iat = claims.getIssuedAt();
            List<String> problems = new ArrayList<>();
            StringBuilder detail = new StringBuilder();
            if (exp == null) {
                problems.add("exp is missing");
            } else {
                long left = exp.getValue() - now;
                detail.append(left >= 0 ? "expires in " + left + " s" : "expired " + -left + " s ago");
                if (skew.expired(now, exp.getValue())) {
                    problems.add("expired beyond the " + skew.seconds() + " s skew");
                }
            }
            if (nbf != null && skew.notYetValid(now, nbf.getValue())) {
                problems.add("not valid for another " + (nbf.getValue() - now) + " s (nbf)");
            }
            if (iat != null && skew.issuedInFuture(now, iat.getValue())) {
                problems.add("issued " + (iat.getValue() - now) + " s in the future (iat): check the clocks");
            }
            String text = detail + (problems.isEmpty() ? "" : (detail.isEmpty() ? "" : "; ") + String.join("; ", problems))
                    + " (now " + clock.instant() + ", skew " + skew.seconds() + " s)";
            return new Step("time", problems.isEmpty(), text);
        } catch (MalformedClaimException e) {
            return new Step("time", false, "exp, nbf or iat is not a number");
        }
    }

    private static Report refused(List<Step> steps, Set<String> roles) {
        String failed = steps.stream().filter(step -> !step.passed()).map(Step::check).findFirst().orElse("checks");
        return new Report(false, "refused: " + failed, steps, roles);
    }
}
