package dev.jwksguard.mcp;

import dev.jwksguard.auth.DeploymentState;
import dev.jwksguard.auth.ProtectedResource;
import dev.jwksguard.auth.ServingState;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpStatelessSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStatelessServerTransport;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.annotation.WebListener;
import java.util.EnumSet;
import java.util.List;

/**
 * The MCP server at {@code /mcp}: the official SDK's stateless Streamable HTTP servlet transport,
 * with every {@link McpTool} bean. No session: every request carries its own token, which the
 * container checks by the same mechanism as {@code /api} (web.xml), so a {@code tools/call} works
 * with or without {@code Mcp-Session-Id} and without an {@code initialize} before it, on any
 * instance. Tools run on the request thread ({@code immediateExecution}), where the container's
 * transactions and persistence context are.
 */
@WebListener
public class McpEndpoint implements ServletContextListener {

    static final String SERVER_NAME = "jwks-guard";
    static final String SERVER_VERSION = "0.1.0";

    @Inject
    DeploymentState deployment;

    // Looked up only while serving: with a setting unusable it cannot be built.
    @Inject
    Instance<McpSettings> mcpSettings;

    @Inject
    McpCors cors;

    @Inject
    @Any
    Instance<McpTool> tools;

    private McpStatelessSyncServer server;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        if (!(deployment.state() instanceof ServingState.Serving serving)) {
            return; // the mechanism answers /mcp with the 503 that names the setting
        }
        ProtectedResource resource = serving.resource();
        McpSettings settings = mcpSettings.get();
        ServletContext context = event.getServletContext();
        McpJsonMapper json = new SecuritySchemesJsonMapper(McpJsonDefaults.getMapper());
        HttpServletStatelessServerTransport transport = HttpServletStatelessServerTransport.builder()
                .jsonMapper(json)
                .messageEndpoint(ProtectedResource.MCP_PATH)
                .contextExtractor(request -> McpCaller.context(request, settings,
                        ProtectedResource.metadataUrl(resource.mcpIdentifier(request))))
                .maxRequestSize(settings.maxRequestBytes())
                .build();
        List<McpTool> found = tools.stream().sorted(java.util.Comparator.comparing(tool -> tool.declaration().name()))
                .toList();
        server = McpServer.sync(transport)
                .serverInfo(SERVER_NAME, SERVER_VERSION)
                .instructions("Notes kept for the signed-in user. Each tool names the OAuth scope it needs.")
                .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
                .jsonMapper(json)
                .immediateExecution(true)
                .tools(new McpTools(json, found).specifications())
                .build();

        ServletRegistration.Dynamic servlet = context.addServlet("mcp", transport);
        servlet.setAsyncSupported(true);
        servlet.addMapping(ProtectedResource.MCP_PATH);
        if (cors.enabled()) {
            filter(context, "mcp-cors", new McpCors.Filter(cors), ProtectedResource.MCP_PATH,
                    ProtectedResource.WELL_KNOWN_PATH, ProtectedResource.WELL_KNOWN_PATH + "/*");
        }
        filter(context, "mcp-http", new McpHttpRules(transport.protocolVersions()), ProtectedResource.MCP_PATH);
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
