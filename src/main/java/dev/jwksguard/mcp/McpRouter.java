package dev.jwksguard.mcp;

import dev.jwksguard.auth.BearerError;
import dev.jwksguard.auth.ProtectedResource;
import dev.jwksguard.auth.RefusalHeaders;
import dev.jwksguard.auth.Refusals;
import dev.jwksguard.problem.Problem;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.modern.JsonRpc;
import io.modelcontextprotocol.modern.server.transport.McpHeaderDecoder;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The one servlet at {@code /mcp}, after authentication: the HTTP rules both revisions share, then
 * each POST to the SDK's 2026-07-28 server or its 2025 one by what the request carries
 * ({@link McpRevision}). Before a 2026-07-28 {@code tools/call} reaches the SDK, the tool named by
 * the checked {@code Mcp-Name} is authorized: without its scope, an HTTP 403 {@code insufficient_scope}
 * and the tool never runs. The SDK's own header checks run after; a request whose {@code Mcp-Name}
 * disagrees with its body is not authorized here and gets the SDK's 400 instead.
 *
 * @see <a href="https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http">MCP
 *      2026-07-28, Streamable HTTP</a>
 */
final class McpRouter extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private static final String ALLOWED_METHODS = "POST, OPTIONS";

    private final HttpServlet modern;
    private final HttpServlet legacy;
    private final transient McpJsonMapper json;
    private final transient McpTools tools;
    private final transient McpSettings settings;
    private final transient ProtectedResource resource;
    private final transient Refusals refusals;

    McpRouter(HttpServlet modern, HttpServlet legacy, McpJsonMapper json, McpTools tools, McpSettings settings,
              ProtectedResource resource, Refusals refusals) {
        this.modern = modern;
        this.legacy = legacy;
        this.json = json;
        this.tools = tools;
        this.settings = settings;
        this.resource = resource;
        this.refusals = refusals;
    }

    @Override
    public void init(ServletConfig config) throws ServletException {
        super.init(config);
        modern.init(config);
        legacy.init(config);
    }

    @Override
    public void destroy() {
        modern.destroy();
        legacy.destroy();
        super.destroy();
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        // Every answer here is one caller's: never kept by a cache (RFC 6750 §5.3 for the refusals).
        RefusalHeaders.noStore(response::setHeader);
        if ("OPTIONS".equals(request.getMethod())) {
            response.setHeader("Allow", ALLOWED_METHODS); // a preflight was answered by McpCors
            response.setStatus(HttpServletResponse.SC_NO_CONTENT);
            return;
        }
        if (!"POST".equals(request.getMethod())) {
            // No stream to open (GET) and no session to end (DELETE), in either revision.
            response.setHeader("Allow", ALLOWED_METHODS);
            Problem.of(405, "The MCP endpoint takes POST; there is no session and no stream to open")
                    .sendAsError(request, response);
            return;
        }
        if (!acceptsJsonAndEventStream(request.getHeader("Accept"))) {
            Problem.of(406, "An MCP POST must accept both application/json and text/event-stream")
                    .sendAsError(request, response);
            return;
        }
        if (!isJson(request.getContentType())) {
            Problem.of(415, "An MCP POST carries application/json").sendAsError(request, response);
            return;
        }
        Optional<byte[]> body = boundedBody(request);
        if (body.isEmpty()) {
            Problem.of(413, "The MCP request is larger than " + settings.maxRequestBytes()
                    + " bytes (mcp.max-request-bytes)").sendAsError(request, response);
            return;
        }
        McpMessage message = McpMessage.read(body.get(), json);
        McpRevision.Route route = McpRevision.route(Collections.list(request.getHeaders(McpRevision.VERSION_HEADER)),
                request.getHeader(McpRevision.METHOD_HEADER) != null, message);
        HttpServletRequest replayed = new ReplayedBodyRequest(request, body.get());
        if (route instanceof McpRevision.Route.Refused refused) {
            writeError(response, refused);
        } else if (route instanceof McpRevision.Route.Modern modernRequest) {
            Optional<McpTool> tool = checkedToolCall(request, modernRequest.message());
            if (tool.isPresent()) {
                McpCaller caller = McpCaller.of(request, settings, resource);
                Optional<BearerError> refusal = tools.refusal(caller, tool.get());
                if (refusal.isPresent()) {
                    tools.refusedBeforeRunning(caller, tool.get(), modernRequest.message().arguments());
                    refusals.send(refusal.get(), caller::metadataUrl, request, response);
                    return;
                }
            }
            modern.service(replayed, response);
        } else if (!(((McpRevision.Route.Legacy) route).message() instanceof McpMessage.Readable readable)
                || !readable.isRequestOrNotification()) {
            // A client's mistake, answered here: the 2025 transport would log it as a server fault (SEVERE).
            Problem.of(400, "The request is not a valid MCP message").sendAsError(request, response);
        } else {
            LegacyErrorCapture capture = new LegacyErrorCapture(response);
            legacy.service(replayed, capture);
            if (capture.errorStatus() != 0) {
                Problem.of(capture.errorStatus(), capture.errorStatus() < 500 ? "The request is not a valid MCP message"
                        : "The MCP request could not be handled").sendAsError(request, response);
            }
        }
    }

    /**
     * The tool a 2026-07-28 {@code tools/call} names, when its {@code Mcp-Method} and decoded
     * {@code Mcp-Name} agree with the body; otherwise the SDK refuses the request before any tool runs.
     */
    private Optional<McpTool> checkedToolCall(HttpServletRequest request, McpMessage.Readable message) {
        Optional<String> method = single(request, McpRevision.METHOD_HEADER);
        Optional<String> name = single(request, McpRevision.NAME_HEADER).map(McpHeaderDecoder::decodeValue);
        if (!"tools/call".equals(method.orElse(null)) || !method.equals(message.method())
                || name.isEmpty() || !name.equals(message.name())) {
            return Optional.empty();
        }
        return tools.find(name.get());
    }

    private static Optional<String> single(HttpServletRequest request, String header) {
        List<String> values = Collections.list(request.getHeaders(header));
        return values.size() == 1 ? Optional.of(values.get(0)) : Optional.empty();
    }

    /** The body, unless it is larger than {@code mcp.max-request-bytes}; a chunked body is counted as it comes. */
    private Optional<byte[]> boundedBody(HttpServletRequest request) throws IOException {
        int limit = settings.maxRequestBytes();
        if (request.getContentLengthLong() > limit) {
            return Optional.empty();
        }
        try (InputStream in = request.getInputStream()) {
            byte[] read = in.readNBytes(limit + 1);
            return read.length > limit ? Optional.empty() : Optional.of(read);
        }
    }

    private void writeError(HttpServletResponse response, McpRevision.Route.Refused refused) throws IOException {
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(json.writeValueAsString(JsonRpc.JSONRPCResponse.error(refused.id(), refused.error())));
    }

    private static boolean acceptsJsonAndEventStream(String accept) {
        return accept != null && accept.contains("application/json") && accept.contains("text/event-stream");
    }

    private static boolean isJson(String contentType) {
        return contentType != null && contentType.split(";", 2)[0].trim().equalsIgnoreCase("application/json");
    }
}
