package dev.jwksguard.mcp;

import dev.jwksguard.auth.DeploymentState;
import dev.jwksguard.auth.ProtectedResource;
import dev.jwksguard.auth.RefusalDecorator;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.function.BiConsumer;

/**
 * CORS for browser MCP clients such as the MCP Inspector, only for the origins in
 * {@code mcp.allowed-origins} (none by default; ChatGPT needs none). On {@code /mcp}: a preflight
 * is answered here, without a token; every answer to an allowed origin, the mechanism's 401
 * included, carries the headers a browser needs to read it, and so does the 503 of a deployment
 * that does not serve, as long as the MCP settings themselves are usable. The metadata documents
 * are public: any origin may read them.
 */
@ApplicationScoped
public class McpCors implements RefusalDecorator {

    static final String ALLOWED_HEADERS = "Authorization, Content-Type, Accept, MCP-Protocol-Version, Mcp-Method, "
            + "Mcp-Name, Mcp-Session-Id, Last-Event-ID";
    static final String EXPOSED_HEADERS = "WWW-Authenticate, MCP-Protocol-Version";

    @Inject
    DeploymentState deployment;

    @Override
    public void decorate(HttpServletRequest request, BiConsumer<String, String> header) {
        String path = ProtectedResource.pathWithinApplication(request);
        String origin = request.getHeader("Origin");
        if (ProtectedResource.isMcp(path) && allows(origin)) {
            header.accept("Access-Control-Allow-Origin", origin);
            header.accept("Access-Control-Expose-Headers", EXPOSED_HEADERS);
            header.accept("Vary", "Origin");
        }
    }

    boolean allows(String origin) {
        return origin != null && deployment.state().settings().find(McpSettings.class)
                .filter(settings -> settings.allowedOrigins().contains(origin)).isPresent();
    }

    /** The filter on /mcp and the metadata; registered by {@link McpEndpoint} only when CORS is on. */
    static final class Filter extends HttpFilter {

        private static final long serialVersionUID = 1L;

        private final transient McpCors policy;

        Filter(McpCors policy) {
            this.policy = policy;
        }

        @Override
        protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            String path = ProtectedResource.pathWithinApplication(request);
            if (path.startsWith(ProtectedResource.WELL_KNOWN_PATH)) {
                response.setHeader("Access-Control-Allow-Origin", "*");
                if ("OPTIONS".equals(request.getMethod())) {
                    response.setHeader("Access-Control-Allow-Methods", "GET");
                    response.setStatus(HttpServletResponse.SC_NO_CONTENT);
                    return;
                }
                chain.doFilter(request, response);
                return;
            }
            String origin = request.getHeader("Origin");
            boolean preflight = "OPTIONS".equals(request.getMethod())
                    && request.getHeader("Access-Control-Request-Method") != null;
            if (!policy.allows(origin)) {
                // No Origin (a server-side client): no CORS. A foreign one never gets here: McpOriginCheck
                // refused it with 403 before authentication.
                chain.doFilter(request, response);
                return;
            }
            policy.decorate(request, response::setHeader);
            if (preflight) {
                // GET and DELETE too: a browser client must see their 405, not a CORS failure it cannot read.
                response.setHeader("Access-Control-Allow-Methods", "GET, POST, DELETE, OPTIONS");
                response.setHeader("Access-Control-Allow-Headers", ALLOWED_HEADERS);
                response.setHeader("Access-Control-Max-Age", "600");
                response.setStatus(HttpServletResponse.SC_NO_CONTENT);
                return;
            }
            chain.doFilter(request, response);
        }
    }
}
