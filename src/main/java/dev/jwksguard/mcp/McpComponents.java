package dev.jwksguard.mcp;

import dev.jwksguard.config.SettingsReader;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The MCP endpoint's settings, read once; a wrong one is reported by {@code Misconfiguration}. */
@ApplicationScoped
public class McpComponents {

    @Produces
    @Singleton
    McpSettings mcpSettings() {
        return McpSettings.read(SettingsReader.fromMicroProfileConfig());
    }
}
