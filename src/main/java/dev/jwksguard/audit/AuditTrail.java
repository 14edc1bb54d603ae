package dev.jwksguard.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The audit trail: one JSON line per write and per operator action, on its own logger
 * ({@value #LOGGER}), which an operator routes to its own file (docs/operations.md). It says who
 * (the token's {@code sub} and {@code iss}), through which client ({@code client_id}, else
 * {@code azp}), by which surface, what, to which object and with what outcome, at what time
 * in which request. Never a token, never a claim set, never a note's text.
 */
@ApplicationScoped
public class AuditTrail {

    public static final String LOGGER = "dev.jwksguard.audit";

    private static final System.Logger LOG = System.getLogger(LOGGER);
    private static final JsonBuilderFactory JSON = Json.createBuilderFactory(Map.of());
    /** A request id a proxy or the client sent, taken as it is only when it is a plain token. */
    private static final Pattern SAFE_REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final String REQUEST_ID_ATTRIBUTE = AuditTrail.class.getName() + ".requestId";

    /** The current request (CDI's built-in bean), for its id. */
    @Inject
    HttpServletRequest request;

    public void record(JsonWebToken caller, AuditEvent event) {
        JsonObjectBuilder line = JSON.createObjectBuilder()
                .add("time", Instant.now().toString())
                .add("requestId", requestId())
                .add("subject", orDash(caller.getSubject()))
                .add("issuer", orDash(caller.getIssuer()))
                .add("client", client(caller))
                .add("surface", event.surface())
                .add("action", event.action());
        event.object().ifPresent(object -> line.add("object", object));
        line.add("outcome", event.outcome());
        LOG.log(System.Logger.Level.INFO, line.build().toString());
    }

    /** The {@code X-Request-Id} a proxy set, else one of ours; the same for every line of a request. */
    private String requestId() {
        if (request.getAttribute(REQUEST_ID_ATTRIBUTE) instanceof String known) {
            return known;
        }
        String sent = request.getHeader("X-Request-Id");
        String id = sent != null && SAFE_REQUEST_ID.matcher(sent).matches() ? sent : UUID.randomUUID().toString();
        request.setAttribute(REQUEST_ID_ATTRIBUTE, id);
        return id;
    }

    /** RFC 9068 {@code client_id}, or OIDC's {@code azp} (Auth0's default profile, Keycloak). */
    private static String client(JsonWebToken caller) {
        for (String claim : new String[] {"client_id", "azp"}) {
            if (caller.getClaim(claim) instanceof String client && !client.isBlank()) {
                return client;
            }
        }
        return "-";
    }

    private static String orDash(String value) {
        return value == null || value.isBlank() ? "-" : value;
    }
}
