package dev.jwksguard.auth;

import dev.jwksguard.auth.jwks.KeySourceException;
import dev.jwksguard.auth.token.AccessTokenVerifier;
import dev.jwksguard.auth.token.InvalidTokenException;
import dev.jwksguard.auth.token.VerifiedToken;
import java.time.Duration;
import java.util.List;

/**
 * Decides, from the Authorization header values alone, what happens to a request. Free of
 * servlet types so the whole failure table can be tested without a container.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6750#section-3.1">RFC 6750 §3.1 error codes</a>
 */
final class BearerAuthenticator {

    private final BearerTokenExtractor extractor = new BearerTokenExtractor();
    private final AccessTokenVerifier api;
    private final AccessTokenVerifier mcp;
    private final Duration retryAfter;
    private final VerificationCounters counters;
    private final RefusalLog refusals;

    /**
     * @param api the check of tokens for the REST API
     * @param mcp the check of tokens for the MCP endpoint: its own audiences and issuers
     */
    BearerAuthenticator(AccessTokenVerifier api, AccessTokenVerifier mcp, Duration retryAfter,
                        VerificationCounters counters, RefusalLog refusals) {
        this.api = api;
        this.mcp = mcp;
        this.retryAfter = retryAfter;
        this.counters = counters;
        this.refusals = refusals;
    }

    /** A request to the REST API. */
    AuthOutcome authenticate(List<String> authorizationHeaders, boolean mandatory) {
        return authenticate(authorizationHeaders, mandatory, Surface.API);
    }

    /**
     * @param mandatory the resource needs an authenticated caller; when false, a missing or bad
     *                  token lets the request through anonymously
     */
    AuthOutcome authenticate(List<String> authorizationHeaders, boolean mandatory, Surface surface) {
        AccessTokenVerifier verifier = surface == Surface.MCP ? mcp : api;
        BearerCredential credential = extractor.extract(authorizationHeaders);
        BearerError refusal;
        if (credential instanceof BearerCredential.Absent) {
            refusal = BearerError.missingToken();
        } else if (credential instanceof BearerCredential.Malformed malformed) {
            refusals.refused("bad Authorization header", "Bearer request refused: " + malformed.reason());
            refusal = BearerError.invalidRequest(malformed.reason());
        } else {
            try {
                VerifiedToken caller = verifier.verify(((BearerCredential.Present) credential).token());
                counters.accepted(caller.getIssuer());
                return new AuthOutcome.Authenticated(caller);
            } catch (InvalidTokenException e) {
                counters.rejected(e.reason(), e.issuer());
                String kind = e.reason().logText() + e.issuer().map(name -> " (issuer " + name + ")").orElse("");
                refusals.refused(kind, "Bearer token rejected: " + kind);
                refusal = BearerError.invalidToken(e.reason());
            } catch (KeySourceException e) {
                counters.keysUnavailable(e.issuer());
                // INFO, not WARNING: the key cache warns once per outage.
                refusals.refused("keys unavailable", "Bearer token not checked: " + e.getMessage());
                refusal = BearerError.keysUnavailable(retryAfter);
            }
        }
        return mandatory ? new AuthOutcome.Refused(refusal) : new AuthOutcome.Anonymous();
    }
}
