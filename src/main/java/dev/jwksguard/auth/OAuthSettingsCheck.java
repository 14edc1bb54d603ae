package dev.jwksguard.auth;

import jakarta.enterprise.context.ApplicationScoped;

/** The {@code oauth.*} settings, as {@link OAuthSettings#read} checks them. */
@ApplicationScoped
class OAuthSettingsCheck implements SettingsCheck {

    @Override
    public void check(SettingsReader settings) {
        OAuthSettings.read(settings);
    }
}
