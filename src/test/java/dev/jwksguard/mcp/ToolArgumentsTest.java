package dev.jwksguard.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ToolArgumentsTest {

    @Test
    void idWhenAPositiveWholeNumberThenAccepted() throws Exception {
        assertThat(ToolArguments.of(Map.of("id", 7), Set.of("id")).id("id")).isEqualTo(7L);
        assertThat(ToolArguments.of(Map.of("id", 999_999_999_999_999_999L), Set.of("id")).id("id"))
                .isEqualTo(999_999_999_999_999_999L);
    }

    @Test
    void idWhenNotAPositiveWholeNumberOfAtMost18DigitsThenRefused() {
        for (Object id : new Object[] {0, -1, 1.5, 1e19, "7", true}) {
            assertThatThrownBy(() -> ToolArguments.of(Map.of("id", id), Set.of("id")).id("id"))
                    .as(String.valueOf(id)).isInstanceOf(ToolArgumentException.class).hasMessageContaining("'id'");
        }
        assertThatThrownBy(() -> ToolArguments.of(Map.of(), Set.of("id")).id("id"))
                .isInstanceOf(ToolArgumentException.class);
    }

    @Test
    void textWhenBlankMissingTooLongOrNotAStringThenRefused() {
        Map<String, Object> missing = new HashMap<>();
        missing.put("text", null);
        for (Map<String, Object> arguments : List.<Map<String, Object>>of(Map.of("text", ""), Map.of("text", " \t"),
                missing, Map.of("text", 3), Map.of("text", "x".repeat(11)))) {
            assertThatThrownBy(() -> ToolArguments.of(arguments, Set.of("text")).text("text", 10))
                    .as(arguments.toString()).isInstanceOf(ToolArgumentException.class);
        }
    }

    @Test
    void ofWhenAnArgumentTheSchemaDoesNotNameThenRefusedNamingIt() {
        assertThatThrownBy(() -> ToolArguments.of(Map.of("text", "hi", "owner", "mallory"), Set.of("text")))
                .isInstanceOf(ToolArgumentException.class).hasMessageContaining("[owner]");
        // No arguments at all is an empty object, not a crash.
        assertThatThrownBy(() -> ToolArguments.of(null, Set.of("text")).text("text", 5))
                .isInstanceOf(ToolArgumentException.class).hasMessageContaining("'text'");
    }
}
