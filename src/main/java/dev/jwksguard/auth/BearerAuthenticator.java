package dev.jwksguard.auth;

import dev.jwksguard.auth.jwks.KeySourceException;
import dev.jwksguard.problem.Problem;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Decides, from the Authorization header values alone, what happens to a request. Free of
 * servlet types so the whole failure table can be tested without a container.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6750#section-3.1">RFC 6750 §3.1 error codes</a>
 */
final class BearerAuthenticator {

    private static final System.Logger LOG = System.getLogger(BearerAuthenticator.class.getName());

    private final BearerTokenExtractor extractor = new BearerTokenExtractor();
    private final TokenVerifier verifier;
    private final Duration retryAfter;
    private final VerificationCounters counters;

    BearerAuthenticator(TokenVerifier verifier, Duration retryAfter, VerificationCounters counters) {
        this.verifier = verifier;
        this.retryAfter = retryAfter;
        this.counters = counters;
    }

    /**
     * @param mandatory the resource needs an authenticated caller; when false, a missing or bad
     *                  token lets the request through anonymously
     * @param resourceMetadata the RFC 9728 metadata URL for the challenge
     */
    AuthOutcome authenticate(List<String> authorizationHeaders, boolean mandatory, Optional<String> resourceMetadata) {
        BearerCredential credential = extractor.extract(authorizationHeaders);
        if (credential instanceof BearerCredential.Absent) {
            return mandatory
                    ? new AuthOutcome.Refused(Problem.of(401, "This resource needs a bearer access token"),
                            Optional.of(BearerChallenge.noCredentials(resourceMetadata)), Optional.empty())
                    : new AuthOutcome.Anonymous();
        }
        if (credential instanceof BearerCredential.Malformed malformed) {
            LOG.log(System.Logger.Level.INFO, "Bearer request refused: {0}", malformed.reason());
            return mandatory
                    ? new AuthOutcome.Refused(Problem.oauth(400, "invalid_request", malformed.reason()),
                            Optional.of(BearerChallenge.invalidRequest(malformed.reason(), resourceMetadata)),
                            Optional.empty())
                    : new AuthOutcome.Anonymous();
        }
        String token = ((BearerCredential.Present) credential).token();
        try {
            VerifiedToken caller = verifier.verify(token);
            counters.accepted();
            return new AuthOutcome.Authenticated(caller);
        } catch (InvalidTokenException e) {
            counters.rejected(e.reason());
            LOG.log(System.Logger.Level.INFO, "Bearer token rejected: {0}", e.reason().logText());
            return mandatory
                    ? new AuthOutcome.Refused(Problem.oauth(401, "invalid_token", e.reason().description()),
                            Optional.of(BearerChallenge.invalidToken(e.reason(), resourceMetadata)), Optional.empty())
                    : new AuthOutcome.Anonymous();
        } catch (KeySourceException e) {
            counters.keysUnavailable();
            // INFO, not WARNING: the key cache warns once per outage; this line is per request.
            LOG.log(System.Logger.Level.INFO, "Bearer token not checked: {0}", e.getMessage());
            if (!mandatory) {
                return new AuthOutcome.Anonymous();
            }
            return new AuthOutcome.Refused(
                    Problem.of(503, "The signing keys are temporarily unavailable; retry later"),
                    Optional.empty(), Optional.of(retryAfter));
        }
    }
}
