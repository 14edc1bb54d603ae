package dev.jwksguard.mcp;

import dev.jwksguard.auth.Misconfiguration;
import dev.jwksguard.auth.OAuthSettings;
import dev.jwksguard.auth.ProtectedResource;
import dev.jwksguard.notes.NotesTools;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.DefaultServerTransportSecurityValidator;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.annotation.WebListener;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * The MCP server at {@code /mcp}: the official SDK's Streamable HTTP servlet transport, with the
 * tools over the notes and {@code whoami}. Authentication is the container's, by the same
 * mechanism as {@code /api}, on every request (web.xml); the caller reaches the tools through the
 * transport context. Tools run on the request thread ({@code immediateExecution}), where the
 * container's transactions and persistence context are.
 */
@WebListener
public class McpEndpoint implements ServletContextListener {

    static final String SERVER_NAME = "jwks-guard";
    static final String SERVER_VERSION = "0.1.0";

    @Inject
    Misconfiguration misconfiguration;

    // Looked up only when every setting is usable.
    @Inject
    Instance<OAuthSettings> oauthSettings;

    @Inject
    Instance<McpSettings> mcpSettings;

    @Inject
    McpCors cors;

    @Inject
    NotesTools notes;

    private McpSyncServer server;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        if (misconfiguration.problem().isPresent()) {
            return; // the mechanism answers /mcp with the 503 that names the setting
        }
        OAuthSettings oauth = oauthSettings.get();
        McpSettings settings = mcpSettings.get();
        ServletContext context = event.getServletContext();
        McpJsonMapper json = new SecuritySchemesJsonMapper(McpJsonDefaults.getMapper());
        HttpServletStreamableServerTransportProvider transport = HttpServletStreamableServerTransportProvider.builder()
                .jsonMapper(json)
                .mcpEndpoint(ProtectedResource.MCP_PATH)
                .contextExtractor(request -> McpCaller.context(request, ProtectedResource.metadataUrl(
                        ProtectedResource.mcpIdentifier(oauth, request.getScheme(), request.getServerName(),
                                request.getServerPort(), request.getContextPath()))))
                // An Origin header must be one of mcp.allowed-origins (403 otherwise): DNS rebinding.
                .httpHeaderValidator(DefaultServerTransportSecurityValidator.builder()
                        .allowedOrigins(settings.allowedOrigins()).build())
                .maxRequestSize(settings.maxRequestBytes())
                .build();
        List<SyncToolSpecification> tools = new ArrayList<>();
        tools.add(WhoAmITool.create(json));
        tools.addAll(notes.tools(json));
        server = McpServer.sync(transport)
                .serverInfo(SERVER_NAME, SERVER_VERSION)
                .instructions("Notes kept for the signed-in user. Each tool names the OAuth scope it needs.")
                .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
                .jsonMapper(json)
                .immediateExecution(true)
                .tools(tools)
                .build();

        ServletRegistration.Dynamic servlet = context.addServlet("mcp", transport);
        servlet.setAsyncSupported(true);
        servlet.addMapping(ProtectedResource.MCP_PATH);
        if (cors.enabled()) {
            filter(context, "mcp-cors", new McpCors.Filter(cors), ProtectedResource.MCP_PATH,
                    ProtectedResource.WELL_KNOWN_PATH, ProtectedResource.WELL_KNOWN_PATH + "/*");
        }
        filter(context, "mcp-sessions", new McpSessionGuard(), ProtectedResource.MCP_PATH);
    }

    private static void filter(ServletContext context, String name, jakarta.servlet.Filter filter, String... paths) {
        FilterRegistration.Dynamic registration = context.addFilter(name, filter);
        registration.setAsyncSupported(true);
        registration.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, paths);
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        if (server != null) {
            server.closeGracefully();
        }
    }
}
