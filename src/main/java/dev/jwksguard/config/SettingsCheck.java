package dev.jwksguard.config;

/** One family of settings (OAuth, MCP...), read and checked as a whole; a CDI bean per family. */
public interface SettingsCheck {

    /** @throws InvalidSettingException the first setting of the family that cannot work */
    void check(SettingsReader settings);
}
