package dev.jwksguard.mcp;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.jwksguard.problem.Problem;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.time.Duration;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Binds each MCP session to the caller that created it. A session id is never authentication
 * (every request is authenticated by its own token); this refuses a valid token of another caller
 * that presents someone else's session id, and an id this instance did not hand out.
 */
final class McpSessionGuard extends HttpFilter {

    private static final long serialVersionUID = 1L;
    private static final System.Logger LOG = System.getLogger(McpSessionGuard.class.getName());

    static final String SESSION_HEADER = "Mcp-Session-Id";

    /** Session id to its creator, as issuer and subject; forgotten when idle long after the SDK would. */
    private final transient Cache<String, String> creators = Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterAccess(Duration.ofHours(12))
            .build();

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!(request.getUserPrincipal() instanceof JsonWebToken token)) {
            chain.doFilter(request, response); // a CORS preflight: no session, no token
            return;
        }
        // Every answer here is one caller's: never kept by a cache (RFC 6750 §5.3 for the refusals).
        response.setHeader("Cache-Control", "no-store");
        String caller = token.getIssuer() + " " + token.getSubject();
        String session = request.getHeader(SESSION_HEADER);
        if (session == null) {
            chain.doFilter(request, new HttpServletResponseWrapper(response) {
                @Override
                public void setHeader(String name, String value) {
                    remember(name, value, caller);
                    super.setHeader(name, value);
                }

                @Override
                public void addHeader(String name, String value) {
                    remember(name, value, caller);
                    super.addHeader(name, value);
                }
            });
            return;
        }
        String creator = creators.getIfPresent(session);
        if (creator == null) {
            // MCP: 404 tells the client to start a new session.
            refuse(request, response, 404, "Unknown or expired MCP session; initialize a new one");
            return;
        }
        if (!creator.equals(caller)) {
            LOG.log(System.Logger.Level.INFO, "MCP session of another caller refused");
            refuse(request, response, 403, "This MCP session belongs to another caller");
            return;
        }
        chain.doFilter(request, response);
        if ("DELETE".equals(request.getMethod()) && response.getStatus() < 300) {
            creators.invalidate(session);
        }
    }

    private void remember(String name, String value, String caller) {
        if (SESSION_HEADER.equalsIgnoreCase(name) && value != null) {
            creators.put(value, caller);
        }
    }

    private static void refuse(HttpServletRequest request, HttpServletResponse response, int status, String detail) {
        Problem.of(status, detail).sendAsError(request, response);
    }
}
