package dev.jwksguard.wellknown;

import dev.jwksguard.auth.ProtectedResource;
import dev.jwksguard.problem.Problem;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonBuilderFactory;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Collection;
import java.util.Map;

/**
 * OAuth 2.0 Protected Resource Metadata: tells clients (ChatGPT, MCP clients) which authorization
 * server issues tokens for this API. Served at the host root, beside the API.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9728#section-3">RFC 9728 §3</a>
 */
@WebServlet(ProtectedResource.WELL_KNOWN_PATH + "/*")
public class ProtectedResourceMetadataServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    /** Json.create*() looks the JSON provider up through ServiceLoader on every call: once is enough. */
    private static final JsonBuilderFactory JSON = Json.createBuilderFactory(Map.of());

    @Inject
    transient ProtectedResource resource;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        URI api = resource.identifier(request.getScheme(), request.getServerName(), request.getServerPort());
        URI mcp = resource.mcpIdentifier(request);
        String asked = ProtectedResource.pathWithinApplication(request);
        // Each document's resource is the identifier its URL was built from (RFC 9728 §3.3): the
        // path form of the MCP endpoint's first, as MCP clients probe it first; the API's path form
        // and the root describe the API.
        boolean forMcp = asked.equals(ProtectedResource.metadataPath(mcp));
        if (!forMcp && !asked.equals(ProtectedResource.metadataPath(api))
                && !asked.equals(ProtectedResource.WELL_KNOWN_PATH)) {
            Problem.of(HttpServletResponse.SC_NOT_FOUND, "No protected resource metadata here")
                    .sendAsError(request, response);
            return;
        }
        URI described = forMcp ? mcp : api;
        String document = JSON.createObjectBuilder()
                .add("resource", described.toString())
                // /mcp accepts only mcp.issuers' tokens: a client must not sign in elsewhere for it.
                .add("authorization_servers", array(forMcp ? resource.mcpAuthorizationServers()
                        : resource.authorizationServers()))
                .add("scopes_supported", array(resource.scopesSupported()))
                .add("bearer_methods_supported", array(java.util.List.of("header")))
                .add("resource_name", forMcp ? "JWKS Guard notes (MCP)" : "JWKS Guard notes API")
                .build()
                .toString();
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "public, max-age=3600");
        response.getWriter().write(document);
    }

    private static JsonArrayBuilder array(Collection<String> values) {
        JsonArrayBuilder array = JSON.createArrayBuilder();
        values.forEach(array::add);
        return array;
    }
}
