package dev.jwksguard.admin;

import dev.jwksguard.Roles;
import dev.jwksguard.audit.Audited;
import dev.jwksguard.auth.TrustedIssuers;
import dev.jwksguard.auth.jwks.SlidingMinuteLimit;
import dev.jwksguard.auth.token.TokenDiagnosis;
import dev.jwksguard.openapi.OpenApiDocumentFilter;
import dev.jwksguard.problem.Problem;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/**
 * Why was this token refused? Given a token as the request body, the verdict step by step. Never
 * echoes the token, causes no JWKS fetch, and answers at most 30 checks a minute.
 */
@Path("admin/token-check")
@ApplicationScoped
public class TokenCheckResource {

    private static final JsonBuilderFactory JSON = Json.createBuilderFactory(Map.of());
    private static final int CHECKS_PER_MINUTE = 30;

    private final SlidingMinuteLimit limit = new SlidingMinuteLimit(CHECKS_PER_MINUTE, Clock.systemUTC());

    @Inject
    TrustedIssuers issuers;

    @Operation(operationId = "tokenCheck", summary = "Why a token would be accepted or refused, step by step")
    @SecurityRequirement(name = OpenApiDocumentFilter.OAUTH2, scopes = Roles.ADMIN)
    @Audited("token_check")
    @POST
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.TEXT_PLAIN)
    @Produces(MediaType.APPLICATION_JSON)
    public Response check(String body) {
        if (!limit.tryAcquire()) {
            return Problem.rateLimited("At most " + CHECKS_PER_MINUTE + " token checks a minute; try again shortly",
                    Duration.ofMinutes(1));
        }
        String token = body.strip();
        if (token.regionMatches(true, 0, "Bearer ", 0, 7)) {
            token = token.substring(7).strip();
        }
        return Response.ok(document(issuers.diagnose(token))).build();
    }

    private static JsonObject document(TokenDiagnosis.Report report) {
        JsonArrayBuilder steps = JSON.createArrayBuilder();
        report.steps().forEach(step -> steps.add(JSON.createObjectBuilder()
                .add("check", step.check()).add("passed", step.passed()).add("detail", step.detail())));
        JsonArrayBuilder roles = JSON.createArrayBuilder();
        report.roles().stream().sorted().forEach(roles::add);
        return JSON.createObjectBuilder()
                .add("accepted", report.accepted())
                .add("verdict", report.verdict())
                .add("steps", steps)
                .add("roles", roles)
                .build();
    }
}
