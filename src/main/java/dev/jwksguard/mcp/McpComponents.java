package dev.jwksguard.mcp;

import dev.jwksguard.auth.SettingsReader;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/** The MCP endpoint's settings, read once; a wrong one is reported by {@code Misconfiguration}. */
@ApplicationScoped
public class McpComponents {

    @Produces
    @Singleton
    McpSettings mcpSettings() {
        Config config = ConfigProvider.getConfig();
        return McpSettings.read(new SettingsReader(key -> config.getOptionalValue(key, String.class)));
    }
}
