package dev.jwksguard.mcp;

import io.modelcontextprotocol.modern.JsonRpc.JSONRPCResponse.JSONRPCError;
import io.modelcontextprotocol.modern.McpSchema;
import java.util.List;
import java.util.Optional;

/**
 * The MCP revisions {@code /mcp} speaks, and which one a request is: a 2026-07-28 request carries
 * its version in {@code _meta} and in {@code MCP-Protocol-Version}, which must agree; a request of
 * the 2025 revisions carries it in the header alone, or not at all (2025-03-26). A version the
 * server does not speak gets the 2026-07-28 answer whatever the request's revision, so that a
 * client can always fall back to one it lists.
 *
 * @see <a href="https://modelcontextprotocol.io/specification/2026-07-28/basic/versioning">MCP 2026-07-28,
 *      Versioning and Compatibility</a>
 */
final class McpRevision {

    /** Per-request metadata, no handshake, no session. */
    static final String MODERN = "2026-07-28";

    /** Every revision served, newest first: {@code supportedVersions} and {@code data.supported}. */
    static final List<String> SUPPORTED = List.of(MODERN, "2025-11-25", "2025-06-18", "2025-03-26");

    static final String VERSION_HEADER = "MCP-Protocol-Version";
    static final String METHOD_HEADER = "Mcp-Method";
    static final String NAME_HEADER = "Mcp-Name";

    /** Header mismatch (missing, repeated or disagreeing with the body) and unsupported version. */
    static final int HEADER_MISMATCH = McpSchema.ErrorCodes.HEADER_MISMATCH;
    static final int UNSUPPORTED_VERSION = McpSchema.ErrorCodes.UNSUPPORTED_PROTOCOL_VERSION;

    private McpRevision() {
    }

    /** Which server answers a request, or the JSON-RPC error it gets instead. */
    sealed interface Route {

        /** The SDK's 2026-07-28 server. */
        record Modern(McpMessage.Readable message) implements Route {
        }

        /** The SDK's 2025 server, which negotiates 2025-03-26 to 2025-11-25 in {@code initialize}. */
        record Legacy(McpMessage message) implements Route {
        }

        /** Answered here: HTTP 400 with this JSON-RPC error. */
        record Refused(Object id, JSONRPCError error) implements Route {
        }
    }

    /**
     * @param versionHeaders every {@code MCP-Protocol-Version} value the request carries
     * @param methodHeader   whether it carries {@code Mcp-Method}, which only 2026-07-28 clients send
     */
    static Route route(List<String> versionHeaders, boolean methodHeader, McpMessage message) {
        Object id = message instanceof McpMessage.Readable readable ? readable.id() : null;
        if (versionHeaders.size() > 1) {
            return mismatch(id, "MCP-Protocol-Version header has more than one value");
        }
        Optional<String> header = versionHeaders.stream().findFirst();
        if (!(message instanceof McpMessage.Readable readable)) {
            // Nothing in the body to go by: a 2026-07-28 client says so in its headers.
            McpMessage.Unreadable unreadable = (McpMessage.Unreadable) message;
            return header.filter(MODERN::equals).isPresent() || methodHeader
                    ? new Route.Refused(null, new JSONRPCError(unreadable.code(), unreadable.message()))
                    : new Route.Legacy(message);
        }
        Optional<String> meta = readable.metaVersion();
        if (meta.isPresent() && header.isEmpty()) {
            return mismatch(id, "Missing required header: MCP-Protocol-Version");
        }
        if (meta.isPresent() && !meta.equals(header)) {
            return mismatch(id, "MCP-Protocol-Version header does not match the _meta protocol version");
        }
        Optional<String> version = meta.or(() -> header);
        if (version.isEmpty()) {
            // 2025-03-26 clients send no version header (Streamable HTTP, "Protocol Version Header").
            return methodHeader ? mismatch(id, "Missing required header: MCP-Protocol-Version")
                    : new Route.Legacy(message);
        }
        if (!SUPPORTED.contains(version.get())) {
            return new Route.Refused(id, new JSONRPCError(UNSUPPORTED_VERSION, "Unsupported protocol version "
                    + version.get() + "; this server speaks " + String.join(", ", SUPPORTED),
                    new McpSchema.UnsupportedProtocolVersionData(SUPPORTED, version.get())));
        }
        return MODERN.equals(version.get()) ? new Route.Modern(readable) : new Route.Legacy(message);
    }

    private static Route mismatch(Object id, String problem) {
        return new Route.Refused(id, new JSONRPCError(HEADER_MISMATCH, "Header mismatch: " + problem));
    }
}
