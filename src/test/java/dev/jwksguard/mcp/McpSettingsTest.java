package dev.jwksguard.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwksguard.config.InvalidSettingException;
import dev.jwksguard.config.SettingsReader;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class McpSettingsTest {

    private static McpSettings read(Map<String, String> values) {
        return McpSettings.read(new SettingsReader(key -> Optional.ofNullable(values.get(key))));
    }

    @Test
    void readWhenNothingSetThenNoBrowserOriginAndA64KiBLimit() {
        McpSettings settings = read(Map.of());

        assertThat(settings.allowedOrigins()).isEmpty();
        assertThat(settings.corsEnabled()).isFalse();
        assertThat(settings.maxRequestBytes()).isEqualTo(65_536);
        assertThat(settings.scopeClaims()).extracting(Object::toString).containsExactly("scope", "scp");
        assertThat(settings.originAllowed(null)).isTrue();
        assertThat(settings.originAllowed("https://evil.example")).isFalse();
    }

    @Test
    void readWhenScopeClaimsNamedThenKeptAndWhenMalformedThenRefusedNamingTheKey() {
        assertThat(read(Map.of("mcp.scope-claims", "scope,/ext/granted")).scopeClaims()).extracting(Object::toString)
                .containsExactly("scope", "/ext/granted");
        assertThatThrownBy(() -> read(Map.of("mcp.scope-claims", "/ext/bad~2"))).isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("'mcp.scope-claims'");
    }

    @Test
    void readWhenOriginsListedThenKeptExactly() {
        assertThat(read(Map.of("mcp.allowed-origins", "http://localhost:6274, https://inspector.example.com:8443"))
                .allowedOrigins()).containsExactly("http://localhost:6274", "https://inspector.example.com:8443");
    }

    @Test
    void readWhenAnOriginIsNotSchemeHostPortThenRefusedWithAnExample() {
        for (String origin : new String[] {"http://localhost:6274/", "localhost:6274", "http://Localhost", "*",
                "https://a.example/path"}) {
            assertThatThrownBy(() -> read(Map.of("mcp.allowed-origins", origin))).as(origin)
                    .isInstanceOf(InvalidSettingException.class).hasMessageContaining("mcp.allowed-origins")
                    .hasMessageContaining("http://localhost:6274");
        }
    }
}
