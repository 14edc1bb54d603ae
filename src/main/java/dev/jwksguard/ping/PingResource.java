package dev.jwksguard.ping;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * A liveness probe anyone may call (web.xml leaves /api/ping open): it proves JAX-RS answers, and
 * is the benchmark's floor, a JAX-RS call of this WAR that does no auth work.
 */
@Path("ping")
@ApplicationScoped
public class PingResource {

    @Operation(operationId = "ping", summary = "Liveness: answers without a token")
    // No @PermitAll: Payara's JAX-RS security would then ask the mechanism to authenticate the caller.
    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public String ping() {
        return "ok";
    }
}
