package dev.jwksguard.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwksguard.audit.AuditEvent;
import dev.jwksguard.auth.BearerError;
import dev.jwksguard.auth.token.VerifiedToken;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** What every revision serves a tool by: its scope checked first, its arguments next, then its code. */
class McpToolsTest {

    private static final String METADATA = "https://mcp.example/.well-known/oauth-protected-resource/mcp";

    /** A tool that counts its runs. */
    private static final class Counting implements McpTool {

        private final String name;
        private final Optional<String> scope;
        private final AtomicInteger runs = new AtomicInteger();

        Counting(String name, Optional<String> scope) {
            this.name = name;
            this.scope = scope;
        }

        @Override
        public ToolDeclaration declaration() {
            return new ToolDeclaration(name, name, name, ToolDeclaration.object(Map.of("text", Map.of("type", "string"))),
                    ToolDeclaration.object(Map.of()), scope, name.equals("read") ? ToolDeclaration.ToolHints.READ_ONLY
                            : ToolDeclaration.ToolHints.ADDS);
        }

        @Override
        public ToolResult call(McpCaller caller, ToolArguments arguments) {
            runs.incrementAndGet();
            return ToolResult.of(Map.of());
        }
    }

    private final Counting write = new Counting("write", Optional.of("write:notes"));
    private final Counting read = new Counting("read", Optional.of("read:notes"));
    private final Counting admin = new Counting("admin", Optional.of("admin:notes"));
    private final Counting open = new Counting("open", Optional.empty());
    private final List<AuditEvent> audited = new java.util.ArrayList<>();
    private final McpTools tools = new McpTools(List.of(write, read, admin, open), (caller, event) -> audited.add(event));

    private static McpCaller granted(String... scopes) {
        return new McpCaller(VerifiedToken.anonymous(), Set.of(scopes), METADATA);
    }

    @Test
    void refusalWhenTheScopeIsMissingThenTheCompleteSetGrantedAndRequiredTogether() {
        BearerError refused = tools.refusal(granted("read:notes", "profile"), write).orElseThrow();

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.code()).contains("insufficient_scope");
        // What the tools use that the user granted, plus the missing one; never a scope no tool needs.
        assertThat(refused.scopes()).containsExactly("read:notes", "write:notes");
        assertThat(refused.challenge(METADATA).orElseThrow()).contains("resource_metadata=\"" + METADATA + "\"")
                .contains("scope=\"read:notes write:notes\"");
    }

    @Test
    void refusalWhenGrantedOrNeedingNoScopeThenNone() {
        assertThat(tools.refusal(granted("write:notes"), write)).isEmpty();
        assertThat(tools.refusal(granted(), open)).isEmpty();
    }

    @Test
    void callWhenTheScopeIsMissingThenTheToolNeverRuns() {
        McpTools.Outcome outcome = tools.call(admin, granted("read:notes", "write:notes"), Map.of());

        assertThat(outcome).isInstanceOfSatisfying(McpTools.Outcome.Refused.class, refused -> assertThat(
                refused.refusal().scopes()).containsExactly("admin:notes", "read:notes", "write:notes"));
        assertThat(admin.runs).hasValue(0);
    }

    @Test
    void callWhenAnArgumentIsNotInTheSchemaThenAToolErrorAndTheToolNeverRuns() {
        McpTools.Outcome outcome = tools.call(write, granted("write:notes"), Map.of("text", "hi", "owner", "bob"));

        assertThat(outcome).isInstanceOfSatisfying(McpTools.Outcome.Ran.class,
                ran -> assertThat(ran.result()).isInstanceOf(ToolResult.Failure.class));
        assertThat(write.runs).hasValue(0);
        assertThat(tools.call(write, granted("write:notes"), Map.of("text", "hi"))).isInstanceOf(McpTools.Outcome.Ran.class);
        assertThat(write.runs).hasValue(1);
    }

    @Test
    void callWhenAToolIsNotReadOnlyThenEachCallIsAuditedWithItsOutcomeAndObject() {
        tools.call(write, granted("write:notes"), Map.of("text", "hi"));
        tools.call(write, granted("read:notes"), Map.of("text", "hi"));
        tools.call(write, granted("write:notes"), Map.of("text", "hi", "owner", "bob"));
        tools.call(read, granted("read:notes"), Map.of());

        assertThat(audited).extracting(AuditEvent::surface, AuditEvent::action, AuditEvent::outcome).containsExactly(
                org.assertj.core.groups.Tuple.tuple("mcp", "write", "success"),
                org.assertj.core.groups.Tuple.tuple("mcp", "write", "insufficient_scope"),
                org.assertj.core.groups.Tuple.tuple("mcp", "write", "invalid"));
    }

    @Test
    void toolsWhenListedThenByNameAndFoundByName() {
        assertThat(tools.all()).extracting(tool -> tool.declaration().name()).containsExactly("admin", "open", "read",
                "write");
        assertThat(tools.find("read")).containsSame(read);
        assertThat(tools.find("nope")).isEmpty();
    }
}
