package dev.jwksguard.mcp;

import dev.jwksguard.auth.DeploymentState;
import dev.jwksguard.auth.ProtectedResource;
import dev.jwksguard.auth.RequestScreen;
import dev.jwksguard.problem.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;

/**
 * MCP Streamable HTTP: a present {@code Origin} that is not allowed gets 403, before and whatever
 * the token (DNS rebinding: a hostile page must not learn it could sign in here). ChatGPT calls from
 * its servers and sends no {@code Origin}; browser clients are allowed by {@code mcp.allowed-origins}.
 */
@ApplicationScoped
public class McpOriginCheck implements RequestScreen {

    private static final System.Logger LOG = System.getLogger(McpOriginCheck.class.getName());

    @Inject
    DeploymentState deployment;

    /** Asked by the mechanism while serving only, when every family of settings is held. */
    @Override
    public Optional<Problem> refusal(HttpServletRequest request, String pathWithinApplication) {
        if (!ProtectedResource.isMcp(pathWithinApplication) || deployment.state().settings().get(McpSettings.class)
                .originAllowed(request.getHeader("Origin"))) {
            return Optional.empty();
        }
        LOG.log(System.Logger.Level.DEBUG, "MCP request from an Origin not in mcp.allowed-origins refused");
        return Optional.of(Problem.of(403, "This Origin may not call the MCP endpoint (mcp.allowed-origins)"));
    }
}
