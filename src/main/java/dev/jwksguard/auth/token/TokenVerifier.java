package dev.jwksguard.auth.token;

import dev.jwksguard.auth.jwks.KeySourceException;
import dev.jwksguard.auth.jwks.SigningKey;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.ErrorCodes;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.jwt.consumer.JwtContext;
import org.jose4j.keys.resolvers.VerificationKeyResolver;
import org.jose4j.lang.UnresolvableKeyException;

/**
 * Verifies a bearer token: shape, signature by a JWKS key, and the claims an access token must
 * carry. A token that passed is remembered in a {@link VerifiedTokenCache}, so that its next use
 * costs a hash and a lookup. Thread-safe; one instance serves the whole application.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7519#section-7.2">RFC 7519 §7.2</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8725">RFC 8725</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9068#section-4">RFC 9068 §4</a>
 */
public class TokenVerifier implements AccessTokenVerifier {

    private final TokenShapeCheck shapeCheck;
    private final JwtConsumer consumer;
    private final RoleMapper roleMapper;
    private final TokenRules rules;
    private final VerifiedTokenCache cache;
    private final ClockSkew skew;
    private final Clock clock;

    TokenVerifier(TokenRules rules, VerificationKeyResolver keys, RoleMapper roleMapper,
                  VerifiedTokenCache cache, Clock clock) {
        this.rules = rules;
        this.roleMapper = roleMapper;
        this.cache = cache;
        this.skew = ClockSkew.of(rules.clockSkew());
        this.clock = clock;
        this.shapeCheck = new TokenShapeCheck(rules);
        JwtConsumerBuilder builder = new JwtConsumerBuilder()
                .setVerificationKeyResolver(keys)
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                        rules.algorithms().toArray(String[]::new))
                // No JWE: an encrypted token is not something this resource server can read.
                .setJweAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT)
                .setExpectedIssuers(true, rules.issuers().toArray(String[]::new))
                // The audience depends on the resource a request addresses (RFC 8707): checked below.
                .setSkipDefaultAudienceValidation()
                .setRequireExpirationTime()
                .setRequireSubject()
                .setAllowedClockSkewInSeconds((int) rules.clockSkew().toSeconds());
        if (rules.strictProfile()) {
            builder.setRequireIssuedAt().setRequireJwtId();
        }
        this.consumer = builder.build();
    }

    /**
     * @throws InvalidTokenException the token is not acceptable (401)
     * @throws KeySourceException no key can be obtained to check it (503)
     */
    @Override
    public VerifiedToken verify(String token) throws InvalidTokenException {
        return verify(token, rules.audiences());
    }

    /**
     * The same check, for a resource known by other audiences: its {@code aud} must name one of them.
     *
     * @see <a href="https://www.rfc-editor.org/rfc/rfc8707#section-2">RFC 8707 §2</a>
     */
    public VerifiedToken verify(String token, Collection<String> audiences) throws InvalidTokenException {
        VerifiedToken verified = verifyAnyAudience(token);
        checkAudience(verified.audiences(), audiences);
        return verified;
    }

    private VerifiedToken verifyAnyAudience(String token) throws InvalidTokenException {
        // The size first: hashing an oversized header would be work for nothing.
        shapeCheck.checkSize(token);
        Optional<VerifiedTokenCache.Entry> earlier = cache.find(token);
        if (earlier.isPresent()) {
            return new VerifiedToken(token, earlier.get().claims(), earlier.get().roles(), roleMapper.hierarchy());
        }
        shapeCheck.check(token);
        JwtContext verified;
        try {
            verified = consumer.process(token);
        } catch (InvalidJwtException e) {
            // jose4j's resolver and consumer wrap whatever the key source throws; the cause chain is
            // the only way our outage signal reaches us, and it must not become a 401.
            KeySourceException outage = findCause(e, KeySourceException.class);
            if (outage != null) {
                throw outage;
            }
            throw new InvalidTokenException(classify(e));
        }
        JwtClaims claims = verified.getJwtClaims();
        checkAudiencePresent(claims);
        checkIssuedAt(claims);
        checkSubject(claims);
        checkProfile(claims);
        Set<String> roles = roleMapper.roles(claims);
        // jose4j leaves the key it verified with on the JWS: the entry lives only while that key is published.
        JsonWebSignature jws = (JsonWebSignature) verified.getJoseObjects().get(0);
        SigningKey key = new SigningKey(Optional.ofNullable(jws.getKeyIdHeaderValue()), jws.getKey());
        cache.put(token, new VerifiedTokenCache.Entry(claims, roles, key, numericDate(claims, "exp", Long.MAX_VALUE),
                numericDate(claims, "nbf", Long.MIN_VALUE)));
        return new VerifiedToken(token, claims, roles, roleMapper.hierarchy());
    }

    /** A time claim already validated by jose4j, as epoch seconds. */
    private static long numericDate(JwtClaims claims, String name, long absent) throws InvalidTokenException {
        try {
            NumericDate date = claims.getNumericDateClaimValue(name);
            return date == null ? absent : date.getValue();
        } catch (MalformedClaimException e) {
            throw new InvalidTokenException(RejectionReason.MALFORMED);
        }
    }

    /** RFC 9068 §4, RFC 7519 §4.1.3: a string or an array of strings, at least one. */
    private static void checkAudiencePresent(JwtClaims claims) throws InvalidTokenException {
        try {
            if (!claims.hasAudience() || claims.getAudience().isEmpty()) {
                throw new InvalidTokenException(RejectionReason.WRONG_AUDIENCE);
            }
        } catch (MalformedClaimException e) {
            throw new InvalidTokenException(RejectionReason.WRONG_AUDIENCE);
        }
    }

    private static void checkAudience(List<String> tokenAudiences, Collection<String> accepted)
            throws InvalidTokenException {
        for (String audience : tokenAudiences) {
            if (accepted.contains(audience)) {
                return;
            }
        }
        throw new InvalidTokenException(RejectionReason.WRONG_AUDIENCE);
    }

    private void checkIssuedAt(JwtClaims claims) throws InvalidTokenException {
        NumericDate iat;
        try {
            iat = claims.getIssuedAt();
        } catch (MalformedClaimException e) {
            throw new InvalidTokenException(RejectionReason.MALFORMED);
        }
        if (iat != null && skew.issuedInFuture(clock.instant().getEpochSecond(), iat.getValue())) {
            throw new InvalidTokenException(RejectionReason.ISSUED_IN_FUTURE);
        }
    }

    /** RFC 8725 §3.8, RFC 9068 §2.2: an empty subject identifies no one. */
    private static void checkSubject(JwtClaims claims) throws InvalidTokenException {
        if (!(claims.getClaimValue("sub") instanceof String subject) || subject.isBlank()) {
            throw new InvalidTokenException(RejectionReason.MISSING_CLAIM);
        }
    }

    private void checkProfile(JwtClaims claims) throws InvalidTokenException {
        // Keycloak marks its ID tokens with a "typ" claim; they must never pass as access tokens.
        if (claims.getClaimValue("typ") instanceof String typ && typ.equalsIgnoreCase("ID")) {
            throw new InvalidTokenException(RejectionReason.TYPE_NOT_ALLOWED);
        }
        if (rules.strictProfile() && !(claims.getClaimValue("client_id") instanceof String)) {
            throw new InvalidTokenException(RejectionReason.MISSING_CLAIM);
        }
    }

    private static RejectionReason classify(InvalidJwtException e) {
        if (findCause(e, UnresolvableKeyException.class) != null) {
            return RejectionReason.KID_NOT_FOUND;
        }
        if (e.hasErrorCode(ErrorCodes.SIGNATURE_INVALID)) {
            return RejectionReason.INVALID_SIGNATURE;
        }
        if (e.hasErrorCode(ErrorCodes.EXPIRED)) {
            return RejectionReason.EXPIRED;
        }
        if (e.hasErrorCode(ErrorCodes.NOT_YET_VALID)) {
            return RejectionReason.NOT_YET_VALID;
        }
        if (e.hasErrorCode(ErrorCodes.ISSUER_INVALID) || e.hasErrorCode(ErrorCodes.ISSUER_MISSING)) {
            return RejectionReason.WRONG_ISSUER;
        }
        if (e.hasErrorCode(ErrorCodes.AUDIENCE_INVALID) || e.hasErrorCode(ErrorCodes.AUDIENCE_MISSING)) {
            return RejectionReason.WRONG_AUDIENCE;
        }
        if (e.hasErrorCode(ErrorCodes.EXPIRATION_MISSING) || e.hasErrorCode(ErrorCodes.SUBJECT_MISSING)
                || e.hasErrorCode(ErrorCodes.ISSUED_AT_MISSING) || e.hasErrorCode(ErrorCodes.JWT_ID_MISSING)) {
            return RejectionReason.MISSING_CLAIM;
        }
        if (e.hasErrorCode(ErrorCodes.SIGNATURE_MISSING)) {
            return RejectionReason.ALGORITHM_NOT_ALLOWED;
        }
        return RejectionReason.MALFORMED;
    }

    private static <T extends Throwable> T findCause(Throwable error, Class<T> type) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }
}
