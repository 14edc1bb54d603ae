package dev.jwksguard.devserver;

import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.TokenRequest;
import java.net.URI;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.OAuth2Exception;
import no.nav.security.mock.oauth2.token.OAuth2TokenCallback;

/**
 * What the development issuer writes into a token, per token request: the developer, or with
 * {@code scope=admin:jwks} the operator; the scopes asked for, as a consenting user would grant
 * them ({@code read:notes write:notes} when none is asked for), so that a step-up can be tried;
 * the audience the RFC 8707 {@code resource} names (the API's or the MCP endpoint's; both when none
 * is named); the
 * fixed 127.0.0.1 issuer, however the endpoint was called ({@code localhost} too); and with
 * {@code expires_in=N} (1 to 3600 seconds) a token that expires that soon; the RFC 9068
 * {@code client_id} of the client that asked.
 */
final class DevTokenCallback implements OAuth2TokenCallback {

    static final int DEFAULT_LIFETIME_SECONDS = 3600;

    private final URI issuer;
    private final String audience;
    /** The resources a token may be asked for: the API ({@code audience}) and its MCP endpoint. */
    private final List<String> resources;

    /** @param audience the API's identifier, {@code http://localhost:PORT/}; its MCP endpoint is {@code mcp} below it */
    DevTokenCallback(URI issuer, String audience) {
        this.issuer = issuer;
        this.audience = audience;
        this.resources = List.of(audience, audience + "mcp");
    }

    @Override
    public String issuerId() {
        return DevIssuer.ISSUER_ID;
    }

    @Override
    public String subject(TokenRequest request) {
        return wantsAdmin(request) ? DevIssuer.ADMIN_SUBJECT : DevIssuer.SUBJECT;
    }

    @Override
    public String typeHeader(TokenRequest request) {
        return "JWT";
    }

    @Override
    public List<String> audience(TokenRequest request) {
        String resource = parameter(request, "resource");
        if (resource == null) {
            return resources; // a newcomer's token opens both, as with the README's ChatGPT setup
        }
        if (!resources.contains(resource)) {
            throw new OAuth2Exception(OAuth2Error.INVALID_TARGET.setDescription("resource must be one of " + resources),
                    "resource was " + resource);
        }
        return List.of(resource);
    }

    @Override
    public Map<String, Object> addClaims(TokenRequest request) {
        Map<String, Object> claims = new HashMap<>();
        // Without this, the server writes the Host it was called by, and a token fetched from
        // localhost would name an issuer the API does not trust.
        claims.put("iss", issuer.toString());
        claims.put("scope", grantedScope(request));
        // RFC 9068 2.2: the client the token was issued to, which the audit trail names.
        clientId(request).ifPresent(client -> claims.put("client_id", client));
        String expiresIn = parameter(request, "expires_in");
        if (expiresIn != null) {
            // Replaces the exp the server set from tokenExpiry(); the response's expires_in still says 3600.
            claims.put("exp", Instant.now().getEpochSecond() + lifetime(expiresIn));
        }
        return claims;
    }

    @Override
    public long tokenExpiry() {
        return DEFAULT_LIFETIME_SECONDS;
    }

    private static long lifetime(String expiresIn) {
        try {
            long seconds = Long.parseLong(expiresIn.trim());
            if (seconds >= 1 && seconds <= DEFAULT_LIFETIME_SECONDS) {
                return seconds;
            }
        } catch (NumberFormatException e) {
            // Answered below.
        }
        throw new OAuth2Exception(OAuth2Error.INVALID_REQUEST.setDescription(
                "expires_in must be a whole number of seconds from 1 to " + DEFAULT_LIFETIME_SECONDS),
                "expires_in was " + expiresIn);
    }

    /** The notes scopes asked for (both when none is), plus the admin scope when asked for. */
    private static String grantedScope(TokenRequest request) {
        String asked = parameter(request, "scope");
        List<String> known = List.of(DevIssuer.SCOPE.split(" "));
        List<String> notes = asked == null ? known
                : List.of(asked.trim().split("\\s+")).stream().filter(known::contains).distinct().toList();
        if (notes.isEmpty()) {
            notes = known;
        }
        String scope = String.join(" ", notes);
        return wantsAdmin(request) ? (DevIssuer.ADMIN_SCOPE + " " + scope).trim() : scope;
    }

    private static java.util.Optional<String> clientId(TokenRequest request) {
        if (request.getClientAuthentication() != null) {
            return java.util.Optional.of(request.getClientAuthentication().getClientID().getValue());
        }
        return java.util.Optional.ofNullable(request.getClientID()).map(Object::toString);
    }

    private static boolean wantsAdmin(TokenRequest request) {
        String scope = parameter(request, "scope");
        return scope != null && List.of(scope.split(" ")).contains(DevIssuer.ADMIN_SCOPE);
    }

    private static String parameter(TokenRequest request, String name) {
        try {
            List<String> values = request.toHTTPRequest().getBodyAsFormParameters().get(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        } catch (ParseException e) {
            return null; // the server parsed this very body before calling us
        }
    }
}
