package dev.jwksguard.auth;

/** A configuration value is missing or unusable; the message names the key and what is wrong. */
public class InvalidSettingException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InvalidSettingException(String key, String problem) {
        super("JWKS Guard cannot start: setting '" + key + "' (environment " + environmentName(key) + ") "
                + problem);
    }

    static String environmentName(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(java.util.Locale.ROOT);
    }
}
