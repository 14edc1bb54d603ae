package bench.mpjwt;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The same answer shape as JWKS Guard's /api/me, for a fair comparison. */
@Path("me")
@RequestScoped
public class MeResource {

    @Inject
    JsonWebToken caller;

    @GET
    @RolesAllowed("read:notes")
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject me() {
        return Json.createObjectBuilder()
                .add("subject", caller.getSubject())
                .add("name", caller.getName())
                .add("issuer", caller.getIssuer())
                .add("expiresAt", caller.getExpirationTime())
                .build();
    }
}
