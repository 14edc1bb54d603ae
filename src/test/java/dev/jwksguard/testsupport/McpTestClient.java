package dev.jwksguard.testsupport;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.modern.client.transport.HttpClientMcpTransport;
import io.modelcontextprotocol.modern.client.transport.McpHttpRequestCustomizer;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jose4j.json.JsonUtil;
import org.jose4j.lang.JoseException;

/**
 * The ways the tests talk to /mcp: the official MCP Java SDK clients, of the 2025 revisions and of
 * 2026-07-28 (its {@code modern} package), as an MCP host would, and raw JSON-RPC over HTTP, for
 * what the SDK clients hide (headers, statuses, extra members).
 */
public final class McpTestClient {

    private McpTestClient() {
    }

    /** An SDK client sending this token on every request; {@code version} is the only revision it offers. */
    public static McpSyncClient sdk(String token, String version) {
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport
                .builder("http://127.0.0.1:" + Integer.getInteger("it.http.port"))
                .endpoint("/mcp")
                .requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + token))
                .supportedProtocolVersions(List.of(version))
                .build();
        return McpClient.sync(transport)
                .clientInfo(McpSchema.Implementation.builder("jwks-guard-it", "1").build())
                .requestTimeout(Duration.ofSeconds(20))
                .build();
    }

    /**
     * The SDK's 2026-07-28 client, sending this token on every request: no handshake, each request
     * carries its revision in {@code _meta} and the {@code Mcp-Method}/{@code Mcp-Name} headers.
     */
    public static io.modelcontextprotocol.modern.client.McpSyncClient modern(String token) {
        HttpClientMcpTransport transport = HttpClientMcpTransport.builder(ItServer.uri("/mcp"))
                .requestCustomizer(McpHttpRequestCustomizer.fromSync(
                        (request, headers, context) -> headers.set("Authorization", "Bearer " + token)))
                .build();
        return io.modelcontextprotocol.modern.client.McpClient.sync(transport)
                .clientInfo(io.modelcontextprotocol.modern.McpSchema.Implementation.builder("jwks-guard-it", "1").build())
                .callTimeout(Duration.ofSeconds(20))
                .build();
    }

    /** The {@code _meta} every 2026-07-28 request carries, as JSON. */
    public static String modernMeta(String version) {
        return "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"" + version + "\","
                + "\"io.modelcontextprotocol/clientInfo\":{\"name\":\"raw\",\"version\":\"1\"},"
                + "\"io.modelcontextprotocol/clientCapabilities\":{}}";
    }

    /** A raw 2026-07-28 request body; {@code params} as JSON members, without braces ("" for none). */
    public static String modernBody(String method, String version, String params) {
        return "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"" + method + "\",\"params\":{"
                + (params.isEmpty() ? "" : params + ",") + modernMeta(version) + "}}";
    }

    /**
     * A raw 2026-07-28 POST with the headers its revision requires (MCP-Protocol-Version, Mcp-Method,
     * and Mcp-Name when a name is given), then {@code headers} as name, value pairs.
     */
    public static HttpResponse<String> postModern(String token, String method, Optional<String> name, String body,
                                                  String... headers) {
        java.util.List<String> all = new java.util.ArrayList<>(List.of("MCP-Protocol-Version", "2026-07-28",
                "Mcp-Method", method));
        name.ifPresent(value -> all.addAll(List.of("Mcp-Name", value)));
        all.addAll(List.of(headers));
        return post(token, Optional.empty(), body, all.toArray(String[]::new));
    }

    public static String initializeBody(String version) {
        return "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"" + version
                + "\",\"capabilities\":{},\"clientInfo\":{\"name\":\"raw\",\"version\":\"1\"}}}";
    }

    /** A raw POST /mcp; headers as name, value pairs; a null token sends no Authorization. */
    public static HttpResponse<String> post(String token, Optional<String> session, String body, String... headers) {
        HttpRequest.Builder request = ItServer.request("/mcp")
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        session.ifPresent(id -> request.header("Mcp-Session-Id", id));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return ItServer.send(request);
    }

    /** Initializes for this token, as a client starts; a stateless server hands out no session id. */
    public static HttpResponse<String> initialize(String token) {
        HttpResponse<String> initialized = post(token, Optional.empty(), initializeBody("2025-11-25"));
        if (initialized.statusCode() != 200) {
            throw new AssertionError("initialize answered " + initialized.statusCode() + ": " + initialized.body());
        }
        post(token, Optional.empty(), "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}",
                "MCP-Protocol-Version", "2025-11-25");
        return initialized;
    }

    public static String toolsList() {
        return "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}";
    }

    /** A raw tools/call body; arguments as JSON. */
    public static String toolsCall(String tool, String argumentsJson) {
        return "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool
                + "\",\"arguments\":" + argumentsJson + "}}";
    }

    /** The JSON-RPC result of a 200 answer. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> result(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            throw new AssertionError("expected 200, got " + response.statusCode() + ": " + response.body());
        }
        Object result = message(response).get("result");
        if (!(result instanceof Map)) {
            throw new AssertionError("no result in " + response.body());
        }
        return (Map<String, Object>) result;
    }

    /** The JSON-RPC message of an answer, whether sent as JSON or as one SSE event. */
    public static Map<String, Object> message(HttpResponse<String> response) {
        String body = response.body();
        if (response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream")) {
            body = body.lines().filter(line -> line.startsWith("data:")).map(line -> line.substring(5).trim())
                    .findFirst().orElseThrow(() -> new AssertionError("no data in " + response.body()));
        }
        try {
            return JsonUtil.parseJson(body);
        } catch (JoseException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }
}
