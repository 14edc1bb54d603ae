package dev.jwksguard.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.modern.McpSchema;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which revision answers a request, by what it carries, and the JSON-RPC errors of the ones neither may. */
class McpRevisionTest {

    private static McpMessage message(String json) {
        return McpMessage.read(json.getBytes(StandardCharsets.UTF_8), McpJsonDefaults.getMapper());
    }

    private static McpMessage modern(String version) {
        return message("{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/list\",\"params\":{\"_meta\":{"
                + "\"io.modelcontextprotocol/protocolVersion\":\"" + version + "\"}}}");
    }

    private static final McpMessage LEGACY = message("{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/list\"}");

    private static int refusedWith(McpRevision.Route route) {
        assertThat(route).isInstanceOf(McpRevision.Route.Refused.class);
        return ((McpRevision.Route.Refused) route).error().code();
    }

    @Test
    void routeWhenTheMetaAndTheHeaderSay20260728ThenTheModernServer() {
        assertThat(McpRevision.route(List.of("2026-07-28"), true, modern("2026-07-28")))
                .isInstanceOf(McpRevision.Route.Modern.class);
    }

    @Test
    void routeWhenNoMetaThenTheLegacyServerWithOrWithoutAVersionHeader() {
        for (List<String> header : List.of(List.<String>of(), List.of("2025-03-26"), List.of("2025-06-18"),
                List.of("2025-11-25"))) {
            assertThat(McpRevision.route(header, false, LEGACY)).as(header.toString())
                    .isInstanceOf(McpRevision.Route.Legacy.class);
        }
    }

    @Test
    void routeWhenTheHeaderIsMissingRepeatedOrDisagreesWithTheMetaThenHeaderMismatch() {
        assertThat(refusedWith(McpRevision.route(List.of(), true, modern("2026-07-28")))).isEqualTo(-32020);
        assertThat(refusedWith(McpRevision.route(List.of("2025-11-25"), false, modern("2026-07-28")))).isEqualTo(-32020);
        assertThat(refusedWith(McpRevision.route(List.of("2026-07-28"), true, modern("2025-11-25")))).isEqualTo(-32020);
        assertThat(refusedWith(McpRevision.route(List.of("2026-07-28", "2026-07-28"), true, modern("2026-07-28"))))
                .isEqualTo(-32020);
        // Mcp-Method says 2026-07-28, and no version anywhere.
        assertThat(refusedWith(McpRevision.route(List.of(), true, LEGACY))).isEqualTo(-32020);
    }

    @Test
    void routeWhenTheVersionIsUnsupportedThenTheSupportedOnesWhateverTheRevision() {
        for (McpRevision.Route route : List.of(McpRevision.route(List.of("2099-01-01"), false, LEGACY),
                McpRevision.route(List.of("2099-01-01"), true, modern("2099-01-01")))) {
            McpRevision.Route.Refused refused = (McpRevision.Route.Refused) route;
            assertThat(refused.error().code()).isEqualTo(-32022);
            assertThat(refused.error().data()).isEqualTo(new McpSchema.UnsupportedProtocolVersionData(
                    List.of("2026-07-28", "2025-11-25", "2025-06-18", "2025-03-26"), "2099-01-01"));
            assertThat(refused.id()).isEqualTo(4);
        }
    }

    @Test
    void routeWhenTheBodyIsNotJsonThenAParseErrorForA2026ClientAndTheLegacyAnswerOtherwise() {
        McpMessage garbled = message("{not json");

        assertThat(refusedWith(McpRevision.route(List.of("2026-07-28"), true, garbled))).isEqualTo(-32700);
        assertThat(refusedWith(McpRevision.route(List.of(), true, message("[1,2]")))).isEqualTo(-32600);
        assertThat(McpRevision.route(List.of("2025-11-25"), false, garbled)).isInstanceOf(McpRevision.Route.Legacy.class);
    }

    @Test
    void messageWhenReadThenItsIdMethodToolAndMetaVersion() {
        McpMessage.Readable call = (McpMessage.Readable) message("{\"jsonrpc\":\"2.0\",\"id\":\"a\",\"method\":\"tools/call\","
                + "\"params\":{\"name\":\"create_note\",\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\"}}}");

        assertThat(call.id()).isEqualTo("a");
        assertThat(call.method()).contains("tools/call");
        assertThat(call.name()).contains("create_note");
        assertThat(call.metaVersion()).contains("2026-07-28");
        assertThat(((McpMessage.Readable) message("{\"id\":{\"x\":1},\"params\":[]}")).id()).isNull();
    }
}
