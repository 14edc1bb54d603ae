package dev.jwksguard.mcp;

import dev.jwksguard.auth.InvalidSettingException;
import dev.jwksguard.auth.SettingsReader;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/** The MCP endpoint's settings, read once; a wrong one stops the deployment, as the OAuth ones do. */
@ApplicationScoped
public class McpComponents {

    private static final System.Logger LOG = System.getLogger(McpComponents.class.getName());

    @Produces
    @Singleton
    McpSettings mcpSettings() {
        Config config = ConfigProvider.getConfig();
        try {
            return McpSettings.read(new SettingsReader(key -> config.getOptionalValue(key, String.class)));
        } catch (InvalidSettingException e) {
            LOG.log(System.Logger.Level.ERROR, "\n\n*** DEPLOYMENT STOPPED ***\n{0}\n", e.getMessage());
            throw e;
        }
    }
}
