package dev.jwksguard.config;

/**
 * One family of settings (MCP, OpenAPI...), read and checked as a whole at deployment, beside the
 * OAuth ones; a CDI bean per family. Its value is held by the deployment state and looked up by
 * its type ({@link CheckedSettings}), so no feature reads configuration on its own. Not generic: a
 * CDI lookup of every family is then a plain one; an implementation narrows the return type.
 */
public interface SettingsFamily {

    /**
     * @return the family's checked value, a record of its package
     * @throws InvalidSettingException the first setting of the family that cannot work
     */
    Object read(SettingsReader settings);
}
