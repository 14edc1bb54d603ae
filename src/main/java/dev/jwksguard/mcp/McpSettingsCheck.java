package dev.jwksguard.mcp;

import dev.jwksguard.config.SettingsCheck;
import dev.jwksguard.config.SettingsReader;
import jakarta.enterprise.context.ApplicationScoped;

/** The {@code mcp.*} settings, as {@link McpSettings#read} checks them. */
@ApplicationScoped
class McpSettingsCheck implements SettingsCheck {

    @Override
    public void check(SettingsReader settings) {
        McpSettings.read(settings);
    }
}
