package dev.jwksguard.admin;

import dev.jwksguard.auth.JwksOperations;
import dev.jwksguard.Roles;
import dev.jwksguard.audit.Audited;
import dev.jwksguard.auth.jwks.JwksStatus;
import dev.jwksguard.openapi.OpenApiDocumentFilter;
import dev.jwksguard.problem.Problem;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** The key set as operators see it, and a refresh on demand (within the refetch rate limit). */
@Path("admin/jwks")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class JwksAdminResource {

    /** Json.create*() looks the JSON provider up through ServiceLoader on every call: once is enough. */
    private static final JsonBuilderFactory JSON = Json.createBuilderFactory(Map.of());

    @Inject
    JwksOperations jwks;

    @Operation(operationId = "jwksStatus", summary = "The key sets of the trusted issuers, and the verification counts")
    @SecurityRequirement(name = OpenApiDocumentFilter.OAUTH2, scopes = Roles.ADMIN)
    @GET
    @RolesAllowed(Roles.ADMIN)
    public JsonObject status() {
        return document();
    }

    @Operation(operationId = "jwksRefresh", summary = "Refetch the key sets now, within the refetch rate limit")
    @SecurityRequirement(name = OpenApiDocumentFilter.OAUTH2, scopes = Roles.ADMIN)
    @POST
    @Path("refresh")
    @RolesAllowed(Roles.ADMIN)
    @Audited("jwks_refetch")
    public Response refresh() {
        if (!jwks.refetchNow()) {
            return Problem.rateLimited("JWKS refetch rate limit reached; try again within a minute", Duration.ofMinutes(1));
        }
        return Response.ok(document()).build();
    }

    /**
     * The first issuer's key set at the top level (the only one unless {@code oauth.issuers} names
     * several), and every issuer's under {@code issuers}.
     */
    private JsonObject document() {
        JsonObjectBuilder verifications = JSON.createObjectBuilder();
        jwks.verifications().snapshot().forEach(verifications::add);
        JsonArrayBuilder issuers = JSON.createArrayBuilder();
        jwks.statuses().forEach(keys -> {
            JsonObjectBuilder counted = JSON.createObjectBuilder();
            jwks.verifications().snapshot(keys.name()).forEach(counted::add);
            issuers.add(keySet(keys.status()).add("name", keys.name()).add("issuer", keys.issuer())
                    .add("verifications", counted));
        });
        return keySet(jwks.status())
                .add("verifications", verifications)
                .add("issuers", issuers)
                .build();
    }

    private static JsonObjectBuilder keySet(JwksStatus status) {
        JsonArrayBuilder keys = JSON.createArrayBuilder();
        status.keys().forEach(key -> {
            JsonObjectBuilder info = JSON.createObjectBuilder().add("kty", key.keyType());
            optional(info, "kid", key.kid());
            optional(info, "alg", key.algorithm());
            keys.add(info);
        });
        JsonObjectBuilder json = JSON.createObjectBuilder()
                .add("state", status.state().name().toLowerCase(Locale.ROOT))
                .add("keys", keys)
                .add("failuresSinceSuccess", status.fetches().failuresSinceSuccess())
                .add("forcedFetchesLastMinute", status.refetches().lastMinute())
                .add("forcedFetchesRefused", status.refetches().refused())
                .add("fetches", JSON.createObjectBuilder()
                        .add("succeeded", status.fetches().succeeded())
                        .add("failed", status.fetches().failed()));
        status.uri().ifPresent(uri -> json.add("uri", uri.toString()));
        status.times().lastAttempt().ifPresent(time -> json.add("lastAttempt", time.toString()));
        status.times().lastSuccess().ifPresent(time -> json.add("lastSuccess", time.toString()));
        status.times().nextRefresh().ifPresent(time -> json.add("nextRefresh", time.toString()));
        status.times().age().ifPresent(age -> json.add("ageSeconds", age.toSeconds()));
        status.fetches().lastFailure().ifPresent(reason -> json.add("lastFailure", reason));
        return json;
    }

    private static void optional(JsonObjectBuilder json, String name, String value) {
        if (value != null) {
            json.add(name, value);
        }
    }
}
