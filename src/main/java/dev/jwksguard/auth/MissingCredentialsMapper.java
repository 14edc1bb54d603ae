package dev.jwksguard.auth;

import dev.jwksguard.problem.Problem;
import jakarta.inject.Inject;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Optional;

/**
 * A {@code @RolesAllowed} refusal for an anonymous caller, outside the paths web.xml protects:
 * 401 with a challenge, like the mechanism's own.
 */
@Provider
public class MissingCredentialsMapper implements ExceptionMapper<NotAuthorizedException> {

    @Context
    UriInfo uriInfo;

    @Inject
    OAuthSettings settings;

    @Override
    public Response toResponse(NotAuthorizedException exception) {
        var base = uriInfo.getBaseUri();
        String metadata = ProtectedResource.metadataUrl(settings, base.getScheme(), base.getHost(), base.getPort());
        return Problem.of(401, "This resource needs a bearer access token").toResponse()
                .header(BearerChallenge.HEADER, BearerChallenge.noCredentials(Optional.of(metadata)).headerValue())
                .header("Cache-Control", "no-store")
                .build();
    }
}
