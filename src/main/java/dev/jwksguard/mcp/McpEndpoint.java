package dev.jwksguard.mcp;

import dev.jwksguard.audit.AuditTrail;
import dev.jwksguard.auth.DeploymentState;
import dev.jwksguard.auth.ProtectedResource;
import dev.jwksguard.auth.Refusals;
import dev.jwksguard.auth.ServingState;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.modern.server.McpRequestContext;
import io.modelcontextprotocol.modern.server.RequestStateCodec;
import io.modelcontextprotocol.modern.server.feature.ToolsFeature;
import io.modelcontextprotocol.modern.server.transport.HttpServletMcpTransport;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpStatelessSyncServer;
import io.modelcontextprotocol.server.McpTransportContextExtractor;
import io.modelcontextprotocol.server.transport.HttpServletStatelessServerTransport;
import io.modelcontextprotocol.server.transport.ServerHttpHeaderValidator;
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
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.EnumSet;

/**
 * The MCP server at {@code /mcp}, built once while the deployment serves: every {@link McpTool}
 * bean, served under MCP 2026-07-28 by the SDK's {@code modern} server and under 2025-11-25,
 * 2025-06-18 and 2025-03-26 by its stateless 2025 server, one {@link McpRouter} in front choosing
 * per request. No session in either: every request carries its own token, which the container
 * checks by the same mechanism as {@code /api} (web.xml), so any request works on any instance.
 * Tools run on the request thread, where the container's transactions and persistence context are.
 */
@WebListener
public class McpEndpoint implements ServletContextListener {

    static final String SERVER_NAME = "jwks-guard";
    static final String SERVER_VERSION = "0.1.0";
    static final String INSTRUCTIONS = "Notes kept for the signed-in user. Each tool names the OAuth scope it needs.";

    /** How long a client may keep {@code server/discover}: versions and capabilities change with a redeployment. */
    static final Duration DISCOVER_TTL = Duration.ofMinutes(5);

    @Inject
    DeploymentState deployment;

    @Inject
    McpCors cors;

    @Inject
    Refusals refusals;

    @Inject
    AuditTrail audit;

    @Inject
    @Any
    Instance<McpTool> toolBeans;

    private McpStatelessSyncServer legacyServer;
    private HttpServletMcpTransport modernTransport;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        if (!(deployment.state() instanceof ServingState.Serving serving)) {
            return; // the mechanism answers /mcp with the 503 that names the setting
        }
        ProtectedResource resource = serving.resource();
        McpSettings settings = serving.settings().get(McpSettings.class);
        McpJsonMapper json = new SecuritySchemesJsonMapper(McpJsonDefaults.getMapper());
        McpTools tools = new McpTools(toolBeans.stream().toList(), (caller, audited) -> audit.record(caller.token(), audited));
        McpTransportContextExtractor<HttpServletRequest> caller = request -> McpCaller.of(request, settings, resource)
                .context();

        HttpServletStatelessServerTransport legacyTransport = HttpServletStatelessServerTransport.builder()
                .jsonMapper(json)
                .messageEndpoint(ProtectedResource.MCP_PATH)
                .contextExtractor(caller)
                .maxRequestSize(settings.maxRequestBytes())
                .build();
        legacyServer = McpServer.sync(legacyTransport)
                .serverInfo(SERVER_NAME, SERVER_VERSION)
                .instructions(INSTRUCTIONS)
                .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
                .jsonMapper(json)
                .immediateExecution(true)
                .tools(new LegacyTools(json, tools).specifications())
                .build();

        io.modelcontextprotocol.modern.server.McpServer modernServer = io.modelcontextprotocol.modern.server.McpServer
                .builder()
                .serverInfo(io.modelcontextprotocol.modern.McpSchema.Implementation.builder(SERVER_NAME, SERVER_VERSION)
                        .build())
                .instructions(INSTRUCTIONS)
                // server/discover lists every revision; McpRouter sends only 2026-07-28 requests here.
                .supportedVersions(McpRevision.SUPPORTED)
                .jsonMapper(json)
                .requestStateCodec(new NoRequestState())
                .discoverCache(DISCOVER_TTL.toMillis(), io.modelcontextprotocol.modern.McpSchema.CacheScope.PUBLIC)
                .feature(ToolsFeature.ofSync(new ModernTools(json, tools), json, McpJsonDefaults.getSchemaValidator(),
                        ModernTools.LIST_TTL.toMillis(), io.modelcontextprotocol.modern.McpSchema.CacheScope.PUBLIC))
                .build();
        modernTransport = HttpServletMcpTransport.builder(modernServer)
                .jsonMapper(json)
                .endpoint(ProtectedResource.MCP_PATH)
                .contextExtractor(caller)
                .maxRequestSize(settings.maxRequestBytes())
                // The Origin rule is the mechanism's (McpOriginCheck), before the token; the SDK's own
                // would refuse every browser origin, the allowed ones too.
                .httpHeaderValidator(ServerHttpHeaderValidator.NOOP)
                .build();

        ServletContext context = event.getServletContext();
        ServletRegistration.Dynamic servlet = context.addServlet("mcp",
                new McpRouter(modernTransport, legacyTransport, json, tools, settings, resource, refusals));
        servlet.setAsyncSupported(true);
        servlet.addMapping(ProtectedResource.MCP_PATH);
        if (settings.corsEnabled()) {
            FilterRegistration.Dynamic filter = context.addFilter("mcp-cors", new McpCors.Filter(cors));
            filter.setAsyncSupported(true);
            filter.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, ProtectedResource.MCP_PATH,
                    ProtectedResource.WELL_KNOWN_PATH, ProtectedResource.WELL_KNOWN_PATH + "/*");
        }
    }

    /**
     * No tool asks the client for input (2026-07-28 "input required"), so there is no request state
     * to seal. The SDK's default would make a random per-process key and warn about it at every start.
     */
    private static final class NoRequestState implements RequestStateCodec {

        @Override
        public String seal(McpRequestContext context, String state) {
            throw new IllegalStateException("no tool of JWKS Guard returns request state");
        }

        /** @return null: any requestState a client sends is one this server never sealed (-32602) */
        @Override
        public String open(McpRequestContext context, String sealed) {
            return null;
        }
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        if (legacyServer != null) {
            legacyServer.closeGracefully();
            modernTransport.closeGracefully();
        }
    }
}
